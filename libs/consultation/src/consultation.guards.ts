import { assertNever } from '@pls/event-sourcing';
import { refusals } from './consultation.errors';
import type { ConsultationState, OpenedConsultation } from './consultation.state';

/** The open consultation a command acts on; answered and referred records are final. */
export function requireOpened(state: ConsultationState): OpenedConsultation {
  switch (state.status) {
    case 'opened':
      return state;
    case 'answered':
      throw refusals.alreadyAnswered();
    case 'referred':
      throw refusals.alreadyReferred();
    case 'none':
      throw refusals.notFound();
    default:
      return assertNever(state, 'consultation state');
  }
}

/** An answer or a referral cannot come before the question did. */
export function requireNotBeforeReceived(consultation: OpenedConsultation, instant: string, field: string): void {
  if (Date.parse(instant) < Date.parse(consultation.receivedAt)) throw refusals.beforeReceived(field, consultation.receivedAt);
}
