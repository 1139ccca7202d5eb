import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotRepliedError, WorkOrderUnsatisfiedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import { isUnsatisfied } from '../work-order.values';
import type { CloseWorkOrder } from './close-work-order.command';

/**
 * A replied order may close without a visit (the caller could not be visited);
 * the event says so, since 回访率 counts visited ÷ replied. An unsatisfied
 * rating is followed up by reopening, never closed on.
 */
export function decideCloseWorkOrder(command: CloseWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['replied', 'visited'], WorkOrderNotRepliedError);
  if (state.status === 'visited' && isUnsatisfied(state.satisfaction)) throw new WorkOrderUnsatisfiedError();
  const at = stepAt(command, state);
  return [
    {
      type: 'WorkOrderClosed',
      data: { ...workOrderFacts(state), at, closedOn: shanghaiDate(at), withoutVisit: state.status === 'replied' },
    },
  ];
}
