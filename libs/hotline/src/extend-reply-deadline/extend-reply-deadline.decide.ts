import { shanghaiDate } from '@pls/reference';
import { WorkOrderAlreadyExtendedError, WorkOrderNotAssignedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { ExtendReplyDeadline } from './extend-reply-deadline.command';

/**
 * Reply within 5 working days, extendable once up to 15 (GB/T 33358 practice,
 * DOMAIN.md): only while the unit still owes its reply, and once per order.
 */
export function decideExtendReplyDeadline(command: ExtendReplyDeadline, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['assigned', 'acknowledged'], WorkOrderNotAssignedError);
  if (state.extension !== null) throw new WorkOrderAlreadyExtendedError();
  const at = stepAt(command, state);
  return [
    {
      type: 'WorkOrderReplyDeadlineExtended',
      data: { ...workOrderFacts(state), workingDays: command.data.workingDays, at, extendedOn: shanghaiDate(at) },
    },
  ];
}
