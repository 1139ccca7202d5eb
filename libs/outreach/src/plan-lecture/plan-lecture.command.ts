import type { Command, CommandRoute } from '@pls/event-sourcing';
import { lectureCollection } from '../outreach.collection';
import type { LectureEvent } from '../outreach.events';
import { body, businessDate, uuid } from '../outreach.schemas';
import type { LectureState } from '../outreach.state';
import { LECTURE_TOPIC_MAX_LENGTH } from '../outreach.values';

export type PlanLecture = Command<
  'PlanLecture',
  { readonly id: string; readonly orgUnitId: string; readonly plannedOn: string; readonly topic: string }
>;

export const planLectureBody = body(
  {
    id: uuid,
    orgUnitId: uuid,
    plannedOn: businessDate,
    topic: { type: 'string', minLength: 1, maxLength: LECTURE_TOPIC_MAX_LENGTH, pattern: '\\S' },
  },
  ['id'],
);

export const planLectureRoute: CommandRoute<PlanLecture, LectureEvent, LectureState> = {
  ...lectureCollection,
  name: 'PlanLecture',
  action: null,
  summary: 'Plan a legal lecture (法治讲座) at an org unit',
  body: planLectureBody,
  references: [{ field: 'orgUnitId', kind: 'org-unit' }],
  toCommand: ({ id, body, metadata }) => ({
    type: 'PlanLecture',
    data: { id, orgUnitId: body.orgUnitId, plannedOn: body.plannedOn, topic: body.topic },
    metadata,
  }),
};
