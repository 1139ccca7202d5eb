import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotAssignedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { AcknowledgeWorkOrder } from './acknowledge-work-order.command';

/** Only the assigned unit may acknowledge; the HTTP layer's scope check on `orgUnitOf` sees to who acts. */
export function decideAcknowledgeWorkOrder(command: AcknowledgeWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['assigned'], WorkOrderNotAssignedError);
  const at = stepAt(command, state);
  return [{ type: 'WorkOrderAcknowledged', data: { ...workOrderFacts(state), at, acknowledgedOn: shanghaiDate(at) } }];
}
