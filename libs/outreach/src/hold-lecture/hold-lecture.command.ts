import type { Command, CommandRoute } from '@pls/event-sourcing';
import { lectureCollection } from '../outreach.collection';
import type { LectureEvent } from '../outreach.events';
import { body, businessDate } from '../outreach.schemas';
import type { LectureState } from '../outreach.state';
import { MAX_ATTENDEES } from '../outreach.values';

export type HoldLecture = Command<'HoldLecture', { readonly heldOn: string; readonly attendees: number }>;

export const holdLectureBody = body({ heldOn: businessDate, attendees: { type: 'integer', minimum: 0, maximum: MAX_ATTENDEES } });

export const holdLectureRoute: CommandRoute<HoldLecture, LectureEvent, LectureState> = {
  ...lectureCollection,
  name: 'HoldLecture',
  action: 'hold',
  summary: 'Record that the lecture was held, on which day and before how many attendees',
  body: holdLectureBody,
  toCommand: ({ body, metadata }) => ({ type: 'HoldLecture', data: { heldOn: body.heldOn, attendees: body.attendees }, metadata }),
};
