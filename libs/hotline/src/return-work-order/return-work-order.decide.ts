import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotAssignedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { ReturnWorkOrder } from './return-work-order.command';

/** A unit may give an order back before it acknowledges it; the hotline unit then assigns it again. */
export function decideReturnWorkOrder(command: ReturnWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['assigned'], WorkOrderNotAssignedError);
  const at = stepAt(command, state);
  return [
    {
      type: 'WorkOrderReturned',
      data: {
        ...workOrderFacts(state),
        orgUnitId: state.hotlineOrgUnitId,
        fromOrgUnitId: state.orgUnitId,
        reason: command.data.reason,
        at,
        returnedOn: shanghaiDate(at),
      },
    },
  ];
}
