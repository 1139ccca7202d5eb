import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { WorkOrderNotAwaitingAssignmentError } from '../work-order.errors';
import { workOrderDecider } from '../work-order.decider';
import { assignWorkOrder, facts, ids, T, workOrderIn } from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('AssignWorkOrder', () => {
  it('assigns a returned order again, waiting since its return', () =>
    given(workOrderIn.returned)
      .when(assignWorkOrder({ orgUnitId: ids.village, at: T.reassigned }))
      .then([
        {
          type: 'WorkOrderAssigned',
          data: { ...facts(ids.village), at: T.reassigned, assignedOn: '2021-03-02', waitingSince: T.returned },
        },
      ]));

  it('assigns a reopened order again, waiting since it was reopened', () =>
    given(workOrderIn.reopened)
      .when(assignWorkOrder({ orgUnitId: ids.village, at: '2021-03-05T15:00:00+08:00' }))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'assigned', orgUnitId: ids.village, acknowledgedAt: null });
        expect(state.status !== 'none' && state.assignments.map((a) => a.orgUnitId)).toEqual([ids.township, ids.village]);
      }));

  it('assigns an order that was created but not yet assigned', () =>
    given(workOrderIn.created)
      .when(assignWorkOrder({ orgUnitId: ids.township }))
      .thenState((state) => expect(state).toMatchObject({ status: 'assigned', orgUnitId: ids.township })));

  it('takes the moment the command was issued when no instant is given', () =>
    given(workOrderIn.returned)
      .when(assignWorkOrder({ orgUnitId: ids.village }, '2021-03-02T08:30:00+08:00'))
      .then([
        {
          type: 'WorkOrderAssigned',
          data: { ...facts(ids.village), at: '2021-03-02T08:30:00+08:00', assignedOn: '2021-03-02', waitingSince: T.returned },
        },
      ]));

  itRefusesOutside(['created', 'returned', 'reopened'], 'WORK_ORDER.NOT_AWAITING_ASSIGNMENT', () => assignWorkOrder());

  it('refuses to assign an order that is already with a unit, as a conflict', () => {
    given(workOrderIn.assigned).when(assignWorkOrder()).thenThrows(WorkOrderNotAwaitingAssignmentError);
    expect(refusalOf(() => workOrderDecider.decide(assignWorkOrder(), fold(workOrderDecider, workOrderIn.assigned))).kind).toBe('conflict');
  });

  it('refuses an assignment dated before the return it answers, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(assignWorkOrder({ at: '2021-03-01T14:59:00+08:00' }), fold(workOrderDecider, workOrderIn.returned))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at', kind: 'invalid' }));
});
