import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotRepliedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { RecordWorkOrderVisit } from './record-visit.command';

/** The caller is visited about a reply, once per reply. */
export function decideRecordVisit(command: RecordWorkOrderVisit, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['replied'], WorkOrderNotRepliedError);
  const at = stepAt(command, state);
  return [{ type: 'WorkOrderVisited', data: { ...workOrderFacts(state), satisfaction: command.data.satisfaction, at, visitedOn: shanghaiDate(at) } }];
}
