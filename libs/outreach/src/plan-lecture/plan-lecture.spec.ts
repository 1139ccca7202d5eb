import { deciderSpec } from '@pls/event-sourcing/testing';
import { lectureDecider } from '../outreach.decider';
import { LectureLifecycleError, OutreachErrorCode } from '../outreach.errors';
import { cancelled, held, ids, meta, plan, planned, stateOf, TOPIC } from '../testing/fixtures';
import { planLectureRoute } from './plan-lecture.command';

const { given } = deciderSpec(lectureDecider);

describe('PlanLecture', () => {
  it('plans a lecture at a unit on a day', () => given([]).when(plan()).then([planned()]));

  it('plans a lecture for any day, past or future (records are often back-filled)', () =>
    given([]).when(plan({ plannedOn: '2022-01-10' })).then([planned({ plannedOn: '2022-01-10' })]));

  it('starts the record planned', () =>
    given([])
      .when(plan())
      .thenState((state) => expect(state).toEqual({ status: 'planned', id: ids.lecture, orgUnitId: ids.unit, plannedOn: '2021-02-25', topic: TOPIC })));

  it.each([
    ['planned', [planned()]],
    ['held', [planned(), held()]],
    ['cancelled', [planned(), cancelled()]],
  ])('refuses planning again under the id of a %s lecture', (_, history) =>
    given(history).when(plan()).thenThrows(LectureLifecycleError, OutreachErrorCode.ALREADY_PLANNED));
});

describe('PlanLecture route', () => {
  it('is the create action of lectures at an existing unit', () =>
    expect(planLectureRoute).toMatchObject({
      collection: 'lectures',
      action: null,
      streamCategory: 'lecture',
      references: [{ field: 'orgUnitId', kind: 'org-unit' }],
      body: { required: ['orgUnitId', 'plannedOn', 'topic'], additionalProperties: false },
    }));

  it('keeps the topic a short title', () =>
    expect((planLectureRoute.body['properties'] as Record<string, unknown>)['topic']).toMatchObject({ maxLength: 200, minLength: 1 }));

  it('turns the body into the command', () =>
    expect(
      planLectureRoute.toCommand({ id: ids.lecture, body: { orgUnitId: ids.unit, plannedOn: '2021-02-25', topic: TOPIC }, metadata: meta(), loaded: {} }),
    ).toEqual(plan()));

  it('scopes the events to the lecture unit', () =>
    expect(planLectureRoute.orgUnitOf!(stateOf(planned()))).toBe(ids.unit));
});
