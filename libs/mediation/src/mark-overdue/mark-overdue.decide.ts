import { requireInProgress } from '../mediation.guards';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { MarkMediationOverdue } from './mark-overdue.command';
import { overdueRefusals } from './mark-overdue.errors';

/**
 * Only a mediation at work (accepted or in session) can be overdue, and only
 * once per due date: an extension (both parties consenting) sets a new date
 * that can be overrun again.
 */
export function decideMarkMediationOverdue(command: MarkMediationOverdue, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { dueOn, markedOn } = command.data;
  if (dueOn !== handling.dueOn) throw overdueRefusals.dueDateChanged(handling.dueOn);
  // Due "on" a date means by the end of that day (Asia/Shanghai).
  if (markedOn <= handling.dueOn) throw overdueRefusals.notOverdue(handling.dueOn);
  if (handling.overdueFor === handling.dueOn) throw overdueRefusals.alreadyOverdue(handling.dueOn);
  return [{ type: 'MediationOverdue', data: { mediationId: record.id, orgUnitId: record.orgUnitId, dueOn: handling.dueOn, markedOn } }];
}
