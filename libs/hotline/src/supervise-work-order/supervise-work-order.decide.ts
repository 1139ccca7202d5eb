import { shanghaiDate } from '@pls/reference';
import type { WorkOrderEvent } from '../work-order.events';
import { requireOpenWorkOrder, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { SuperviseWorkOrder } from './supervise-work-order.command';

/**
 * Any open order can be supervised, as often as it overruns; the status stays.
 * Which limit was overrun is the deadline worker's call: it re-reads the
 * stream before it sends this.
 */
export function decideSuperviseWorkOrder(command: SuperviseWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireOpenWorkOrder(state);
  const at = stepAt(command, state);
  return [
    {
      type: 'WorkOrderSupervised',
      data: { ...workOrderFacts(state), reason: command.data.reason, status: state.status, at, supervisedOn: shanghaiDate(at) },
    },
  ];
}
