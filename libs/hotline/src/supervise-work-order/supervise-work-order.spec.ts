import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { workOrderDecider } from '../work-order.decider';
import { facts, ids, OPEN_STATUSES, superviseWorkOrder, T, workOrderIn, workOrderSupervised } from '../testing/fixtures';
import { itRefusesUnknownAndClosed, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('SuperviseWorkOrder', () => {
  it('flags an overdue reply (督办), naming the status it was overdue in', () =>
    given(workOrderIn.acknowledged)
      .when(superviseWorkOrder({ reason: 'reply-overdue', at: '2021-03-09T09:00:00+08:00' }))
      .then([
        {
          type: 'WorkOrderSupervised',
          data: { ...facts(), reason: 'reply-overdue', status: 'acknowledged', at: '2021-03-09T09:00:00+08:00', supervisedOn: '2021-03-09' },
        },
      ]));

  it('flags a reply whose satisfaction visit (回访) is overdue, in the replied status', () =>
    given(workOrderIn.replied)
      .when(superviseWorkOrder({ reason: 'visit-overdue', at: '2021-03-12T09:00:00+08:00' }))
      .then([
        {
          type: 'WorkOrderSupervised',
          data: { ...facts(), reason: 'visit-overdue', status: 'replied', at: '2021-03-12T09:00:00+08:00', supervisedOn: '2021-03-12' },
        },
      ]));

  it.each(OPEN_STATUSES)('supervises an order that is %s without changing its status', (status) =>
    given(workOrderIn[status])
      .when(superviseWorkOrder({ reason: 'assign-overdue' }))
      .thenState((state) => {
        expect(state.status).toBe(status);
        expect(state.status !== 'none' && state.supervisions).toEqual([{ reason: 'assign-overdue', status, at: T.now }]);
      }));

  it('names the unit responsible at the time: a returned order is supervised at the hotline unit', () =>
    given(workOrderIn.returned)
      .when(superviseWorkOrder({ reason: 'assign-overdue' }))
      .then([
        {
          type: 'WorkOrderSupervised',
          data: { ...facts(ids.city), reason: 'assign-overdue', status: 'returned', at: T.now, supervisedOn: '2021-03-08' },
        },
      ]));

  it('counts every supervision', () =>
    given([...workOrderIn.assigned, workOrderSupervised()])
      .when(superviseWorkOrder({ reason: 'reply-overdue' }))
      .thenState((state) => expect(state.status !== 'none' && state.supervisions.length).toBe(2)));

  itRefusesUnknownAndClosed(() => superviseWorkOrder());

  it('refuses a supervision dated before the latest step, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(superviseWorkOrder({ at: '2021-03-01T09:00:00+08:00' }), fold(workOrderDecider, workOrderIn.assigned))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));
});
