import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotAcknowledgedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { RecordWorkOrderReply } from './record-reply.command';

export function decideRecordReply(command: RecordWorkOrderReply, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['acknowledged'], WorkOrderNotAcknowledgedError);
  const at = stepAt(command, state);
  const assignment = state.assignments[state.assignments.length - 1]!;
  return [
    {
      type: 'WorkOrderReplied',
      data: {
        ...workOrderFacts(state),
        resultCode: command.data.resultCode ?? null,
        at,
        repliedOn: shanghaiDate(at),
        assignedAt: assignment.at,
        replyLimitWorkingDays: state.extension?.workingDays ?? null,
      },
    },
  ];
}
