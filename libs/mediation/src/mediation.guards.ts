import type { DomainError } from '@pls/event-sourcing';
import { invalidValue, refusals, type MediationErrorCode } from './mediation.errors';
import {
  AGREED,
  CONCLUDED,
  IN_PROGRESS,
  hasStatus,
  type AgreementMediation,
  type ConcludedMediation,
  type InProgressMediation,
  type MediationIn,
  type MediationState,
  type MediationStatus,
  type RegisteredMediation,
} from './mediation.state';

/**
 * The state a command needs, or the refusal that explains why not. A missing,
 * closed or rejected record answers the same way whatever the command, so
 * clients see one stable code for each of them.
 */
function requireStatus<S extends MediationStatus>(
  state: MediationState,
  statuses: readonly S[],
  otherwise: (state: MediationState) => DomainError,
): MediationIn<S> {
  if (hasStatus(state, statuses)) return state;
  switch (state.status) {
    case 'none':
      throw refusals.notFound();
    case 'closed':
      throw refusals.closed();
    case 'rejected':
      throw refusals.rejected();
    default:
      throw otherwise(state);
  }
}

export function requireRegistered(state: MediationState): RegisteredMediation {
  return requireStatus(state, ['registered'], refusals.notRegistered);
}

export function requireInProgress(state: MediationState): InProgressMediation {
  return requireStatus(state, IN_PROGRESS, (s) => (s.status === 'registered' ? refusals.notAccepted() : refusals.notInProgress()));
}

export function requireAgreement(state: MediationState): AgreementMediation {
  return requireStatus(state, AGREED, refusals.notAgreed);
}

export function requireConcluded(state: MediationState): ConcludedMediation {
  return requireStatus(state, CONCLUDED, refusals.notConcluded);
}

/**
 * Business dates are `YYYY-MM-DD`, so string order is calendar order.
 * Refuses `value` earlier than `earliest` with a 422 naming `field`.
 */
export function requireNotBefore(
  field: string,
  value: string,
  earliest: { readonly date: string; readonly name: string },
  code: MediationErrorCode,
): void {
  if (value < earliest.date) throw invalidValue(code, field, `${field} ${value} is before ${earliest.name} ${earliest.date}`);
}
