import { requireAgreement, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode, refusals } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { RecordJudicialConfirmationDecision } from './record-confirmation-decision.command';

export function decideRecordJudicialConfirmationDecision(command: RecordJudicialConfirmationDecision, state: MediationState): MediationEvent[] {
  const { record, agreement } = requireAgreement(state);
  const { confirmation } = agreement;
  if (confirmation === null) throw refusals.confirmationNotApplied();
  if (confirmation.result !== null) throw refusals.confirmationAlreadyDecided();
  const { result, decidedOn } = command.data;
  requireNotBefore('decidedOn', decidedOn, { name: 'appliedOn', date: confirmation.appliedOn }, MediationErrorCode.DECIDED_BEFORE_APPLIED);
  return [{ type: 'MediationJudicialConfirmationDecided', data: { mediationId: record.id, result, decidedOn } }];
}
