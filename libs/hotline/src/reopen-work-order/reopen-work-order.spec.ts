import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import type { Satisfaction } from '@pls/reference';
import { WorkOrderNotUnsatisfiedError } from '../work-order.errors';
import { workOrderDecider } from '../work-order.decider';
import { facts, ids, reopenWorkOrder, T, workOrderIn, workOrderVisited } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);
const visitedWith = (satisfaction: Satisfaction) => [...workOrderIn.replied, workOrderVisited({ satisfaction })];

describe('ReopenWorkOrder', () => {
  it.each(['unsatisfied', 'very-unsatisfied'] as const)('reopens an order rated %s, giving it back to the hotline unit', (satisfaction) =>
    given(visitedWith(satisfaction))
      .when(reopenWorkOrder({ at: T.reopened }))
      .then([{ type: 'WorkOrderReopened', data: { ...facts(ids.city), fromOrgUnitId: ids.township, at: T.reopened, reopenedOn: '2021-03-05' } }]));

  it('leaves the order reopened, responsible at the hotline unit, with the reopening in its history', () =>
    given(visitedWith('unsatisfied'))
      .when(reopenWorkOrder({ at: T.reopened }))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'reopened', orgUnitId: ids.city, satisfaction: 'unsatisfied' });
        expect(state.status !== 'none' && state.reopenings).toEqual([T.reopened]);
      }));

  it.each(['very-satisfied', 'satisfied', 'basic'] as const)('refuses to reopen an order rated %s', (satisfaction) =>
    given(visitedWith(satisfaction)).when(reopenWorkOrder()).thenThrows(WorkOrderNotUnsatisfiedError, 'WORK_ORDER.NOT_UNSATISFIED'));

  itRefusesOutside(['visited'], 'WORK_ORDER.NOT_UNSATISFIED', () => reopenWorkOrder());

  it('refuses a reopening dated before the visit, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(reopenWorkOrder({ at: '2021-03-05T09:00:00+08:00' }), fold(workOrderDecider, visitedWith('unsatisfied')))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));
});
