import type { Command, CommandRoute } from '@pls/event-sourcing';
import { keysOf } from '@pls/reference';
import { lectureCollection } from '../outreach.collection';
import type { LectureEvent } from '../outreach.events';
import { body, oneOf } from '../outreach.schemas';
import type { LectureState } from '../outreach.state';
import { LECTURE_CANCELLATION_REASONS, type LectureCancellationReason } from '../outreach.values';

export type CancelLecture = Command<'CancelLecture', { readonly reason?: LectureCancellationReason }>;

export const cancelLectureBody = body({ reason: oneOf(keysOf(LECTURE_CANCELLATION_REASONS)) }, ['reason']);

export const cancelLectureRoute: CommandRoute<CancelLecture, LectureEvent, LectureState> = {
  ...lectureCollection,
  name: 'CancelLecture',
  action: 'cancel',
  summary: 'Cancel a planned lecture; the record is then final',
  body: cancelLectureBody,
  toCommand: ({ body, metadata }) => ({ type: 'CancelLecture', data: { reason: body.reason }, metadata }),
};
