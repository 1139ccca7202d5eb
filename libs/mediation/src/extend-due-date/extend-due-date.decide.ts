import { requireInProgress } from '../mediation.guards';
import { invalidValue, MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { ExtendMediationDueDate } from './extend-due-date.command';

export function decideExtendMediationDueDate(command: ExtendMediationDueDate, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { newDueOn, partiesConsented } = command.data;
  if (newDueOn <= handling.dueOn) {
    throw invalidValue(MediationErrorCode.DUE_DATE_NOT_LATER, 'newDueOn', `newDueOn must be after the current due date ${handling.dueOn}`);
  }
  return [{ type: 'MediationDueDateExtended', data: { mediationId: record.id, previousDueOn: handling.dueOn, newDueOn, partiesConsented } }];
}
