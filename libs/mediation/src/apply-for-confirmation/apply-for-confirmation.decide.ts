import { addDays } from '@pls/reference';
import { requireAgreement, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode, refusals } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { ApplyForJudicialConfirmation } from './apply-for-confirmation.command';

/** 人民调解法 Art 33: both parties apply within 30 days of the agreement taking effect. */
export const CONFIRMATION_WINDOW_DAYS = 30;

export function decideApplyForJudicialConfirmation(command: ApplyForJudicialConfirmation, state: MediationState): MediationEvent[] {
  const { record, agreement } = requireAgreement(state);
  if (agreement.confirmation !== null) throw refusals.confirmationAlreadyApplied();
  const { appliedOn } = command.data;
  const { effectiveOn } = agreement;
  requireNotBefore('appliedOn', appliedOn, { name: 'effectiveOn', date: effectiveOn }, MediationErrorCode.APPLIED_BEFORE_EFFECTIVE);
  const lastDay = addDays(effectiveOn, CONFIRMATION_WINDOW_DAYS);
  if (appliedOn > lastDay) throw refusals.confirmationWindowClosed(lastDay);
  return [{ type: 'MediationJudicialConfirmationApplied', data: { mediationId: record.id, appliedOn, effectiveOn } }];
}
