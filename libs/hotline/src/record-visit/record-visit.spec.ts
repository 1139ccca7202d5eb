import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { workOrderDecider } from '../work-order.decider';
import { facts, recordVisit, T, workOrderIn } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('RecordWorkOrderVisit', () => {
  it('records the return visit (回访) and the caller\'s satisfaction', () =>
    given(workOrderIn.replied)
      .when(recordVisit({ satisfaction: 'basic', at: T.visited }))
      .then([{ type: 'WorkOrderVisited', data: { ...facts(), satisfaction: 'basic', at: T.visited, visitedOn: '2021-03-05' } }]));

  it.each(['very-satisfied', 'satisfied', 'basic', 'unsatisfied', 'very-unsatisfied'] as const)(
    'leaves the order visited with the rating %s',
    (satisfaction) =>
      given(workOrderIn.replied)
        .when(recordVisit({ satisfaction }))
        .thenState((state) => {
          expect(state).toMatchObject({ status: 'visited', satisfaction });
          expect(state.status !== 'none' && state.visits).toEqual([{ satisfaction, at: T.now }]);
        }),
  );

  itRefusesOutside(['replied'], 'WORK_ORDER.NOT_REPLIED', () => recordVisit());

  it('refuses a visit dated before the reply, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(recordVisit({ at: '2021-03-04T15:00:00+08:00' }), fold(workOrderDecider, workOrderIn.replied))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));
});
