import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { WorkOrderUnsatisfiedError } from '../work-order.errors';
import { workOrderDecider } from '../work-order.decider';
import { closeWorkOrder, facts, T, workOrderIn, workOrderVisited } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('CloseWorkOrder', () => {
  it.each(['very-satisfied', 'satisfied', 'basic'] as const)('closes an order visited with the rating %s', (satisfaction) =>
    given([...workOrderIn.replied, workOrderVisited({ satisfaction })])
      .when(closeWorkOrder({ at: T.closed }))
      .then([{ type: 'WorkOrderClosed', data: { ...facts(), at: T.closed, closedOn: '2021-03-06', withoutVisit: false } }]));

  it('closes a replied order without a visit, and records that it was not visited', () =>
    given(workOrderIn.replied)
      .when(closeWorkOrder({}, '2021-03-06T09:00:00+08:00'))
      .then([{ type: 'WorkOrderClosed', data: { ...facts(), at: '2021-03-06T09:00:00+08:00', closedOn: '2021-03-06', withoutVisit: true } }]));

  it('leaves the order closed with its closing instant', () =>
    given(workOrderIn.visited)
      .when(closeWorkOrder({ at: T.closed }))
      .thenState((state) => expect(state).toMatchObject({ status: 'closed', closedAt: T.closed, closedWithoutVisit: false })));

  it.each(['unsatisfied', 'very-unsatisfied'] as const)('refuses to close on a %s rating: it must be followed up', (satisfaction) =>
    given([...workOrderIn.replied, workOrderVisited({ satisfaction })])
      .when(closeWorkOrder())
      .thenThrows(WorkOrderUnsatisfiedError, 'WORK_ORDER.UNSATISFIED'));

  itRefusesOutside(['replied', 'visited'], 'WORK_ORDER.NOT_REPLIED', () => closeWorkOrder());

  it('refuses a closing dated before the visit, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(closeWorkOrder({ at: '2021-03-05T09:59:00+08:00' }), fold(workOrderDecider, workOrderIn.visited))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));
});
