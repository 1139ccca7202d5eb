import { lectureRoutes, lectureView } from './outreach.routes';
import { cancelled, held, ids, planned, stateOf, TOPIC } from './testing/fixtures';

describe('lecture routes', () => {
  it('mount plan, hold and cancel on lectures', () =>
    expect(lectureRoutes.map((r) => [r.name, r.collection, r.action, r.streamCategory])).toEqual([
      ['PlanLecture', 'lectures', null, 'lecture'],
      ['HoldLecture', 'lectures', 'hold', 'lecture'],
      ['CancelLecture', 'lectures', 'cancel', 'lecture'],
    ]));
});

describe('lecture view', () => {
  it('has no record before planning (404)', () => expect(lectureView.view(stateOf())).toBeNull());

  it('shows a planned lecture', () =>
    expect(lectureView.view(stateOf(planned()))).toEqual({
      id: ids.lecture,
      status: 'planned',
      orgUnitId: ids.unit,
      plannedOn: '2021-02-25',
      topic: TOPIC,
      heldOn: null,
      attendees: null,
      cancelReason: null,
    }));

  it('shows when a held lecture was held and before how many', () =>
    expect(lectureView.view(stateOf(planned(), held({ heldOn: '2021-02-26', attendees: 45 })))).toMatchObject({
      status: 'held',
      heldOn: '2021-02-26',
      attendees: 45,
      cancelReason: null,
    }));

  it('shows why a cancelled lecture was cancelled', () =>
    expect(lectureView.view(stateOf(planned(), cancelled({ reason: 'venue-unavailable' })))).toMatchObject({
      status: 'cancelled',
      heldOn: null,
      cancelReason: 'venue-unavailable',
    }));
});
