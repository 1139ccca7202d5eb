import { addDays } from '@pls/reference';
import { requireNotBefore, requireRegistered } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { factsOf, type MediationState } from '../mediation.state';
import type { AcceptMediation } from './accept-mediation.command';

/** Default time limit of a mediation: 30 calendar days from acceptance (DOMAIN.md); a setting (`configureMediationDueDays`). */
export const DEFAULT_DUE_DAYS = 30;

let dueDays = DEFAULT_DUE_DAYS;

/** Sets the process's default time limit (PLS_MEDIATION_DUE_DAYS) before any command is handled. */
export function configureMediationDueDays(days: number = DEFAULT_DUE_DAYS): void {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`mediation due days must be a whole number ≥ 1, got ${days}`);
  dueDays = days;
}

/** The default time limit the accept route puts into its command (the decider stays pure). */
export function mediationDueDays(): number {
  return dueDays;
}

export function decideAcceptMediation(command: AcceptMediation, state: MediationState): MediationEvent[] {
  const { record } = requireRegistered(state);
  const { acceptedOn, mediatorIds } = command.data;
  requireNotBefore('acceptedOn', acceptedOn, { name: 'registeredOn', date: record.registeredOn }, MediationErrorCode.ACCEPTED_BEFORE_REGISTERED);
  const dueOn = command.data.dueOn ?? addDays(acceptedOn, command.data.defaultDueDays ?? DEFAULT_DUE_DAYS);
  requireNotBefore('dueOn', dueOn, { name: 'acceptedOn', date: acceptedOn }, MediationErrorCode.DUE_BEFORE_ACCEPTED);

  return [
    {
      type: 'MediationAccepted',
      data: {
        mediationId: record.id,
        ...factsOf(record),
        acceptedOn,
        dueOn,
        mediatorIds: [...mediatorIds],
        partyCount: record.parties.length,
        claimedAmountFen: record.claimedAmountFen,
      },
    },
  ];
}
