import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { workOrderDecider } from '../work-order.decider';
import { acknowledgeWorkOrder, facts, T, workOrderIn, workOrderSupervised } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('AcknowledgeWorkOrder', () => {
  it('the assigned unit acknowledges the order (签收)', () =>
    given(workOrderIn.assigned)
      .when(acknowledgeWorkOrder({ at: '2021-03-01T14:00:00+08:00' }))
      .then([{ type: 'WorkOrderAcknowledged', data: { ...facts(), at: '2021-03-01T14:00:00+08:00', acknowledgedOn: '2021-03-01' } }]));

  it('leaves the order acknowledged, with the instant of acknowledgement', () =>
    given(workOrderIn.assigned)
      .when(acknowledgeWorkOrder({}, '2021-03-02T08:00:00+08:00'))
      .thenState((state) => expect(state).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2021-03-02T08:00:00+08:00' })));

  it('may be entered later than a supervision: side events do not move the last step', () =>
    given([...workOrderIn.assigned, workOrderSupervised({ at: '2021-03-03T09:00:00+08:00' })])
      .when(acknowledgeWorkOrder({ at: T.acknowledged }))
      .thenState((state) => expect(state.status).toBe('acknowledged')));

  itRefusesOutside(['assigned'], 'WORK_ORDER.NOT_ASSIGNED', () => acknowledgeWorkOrder());

  it('refuses an acknowledgement dated before the assignment, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(acknowledgeWorkOrder({ at: '2021-03-01T09:09:59+08:00' }), fold(workOrderDecider, workOrderIn.assigned))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at', kind: 'invalid' }));
});
