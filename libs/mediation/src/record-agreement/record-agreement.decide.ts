import { requireInProgress, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { factsOf, timingOf, type MediationState } from '../mediation.state';
import type { RecordMediationAgreement } from './record-agreement.command';

export function decideRecordMediationAgreement(command: RecordMediationAgreement, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { form, effectiveOn, agreedAmountFen } = command.data;
  requireNotBefore('effectiveOn', effectiveOn, { name: 'acceptedOn', date: handling.acceptedOn }, MediationErrorCode.AGREEMENT_BEFORE_ACCEPTED);
  return [
    {
      type: 'MediationAgreementReached',
      data: { mediationId: record.id, ...factsOf(record), ...timingOf(handling, effectiveOn), form, effectiveOn, agreedAmountFen },
    },
  ];
}
