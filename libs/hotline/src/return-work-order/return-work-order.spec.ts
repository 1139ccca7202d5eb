import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { workOrderDecider } from '../work-order.decider';
import { facts, ids, returnWorkOrder, T, workOrderIn } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('ReturnWorkOrder', () => {
  it('the assigned unit gives the order back to the hotline unit with a reason (退回)', () =>
    given(workOrderIn.assigned)
      .when(returnWorkOrder({ reason: 'insufficient-information', at: T.returned }))
      .then([
        {
          type: 'WorkOrderReturned',
          data: { ...facts(ids.city), fromOrgUnitId: ids.township, reason: 'insufficient-information', at: T.returned, returnedOn: '2021-03-01' },
        },
      ]));

  it('makes the hotline unit responsible again and keeps the return in the history', () =>
    given(workOrderIn.assigned)
      .when(returnWorkOrder({ at: T.returned }))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'returned', orgUnitId: ids.city });
        expect(state.status !== 'none' && state.returns).toEqual([{ fromOrgUnitId: ids.township, reason: 'not-our-jurisdiction', at: T.returned }]);
      }));

  itRefusesOutside(['assigned'], 'WORK_ORDER.NOT_ASSIGNED', () => returnWorkOrder());

  it('refuses a return dated before the assignment, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(returnWorkOrder({ at: '2021-02-28T12:00:00+08:00' }), fold(workOrderDecider, workOrderIn.assigned))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));
});
