import { addDays } from '@pls/reference';
import { requireNotBefore, requireRegistered } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { factsOf, type MediationState } from '../mediation.state';
import type { AcceptMediation } from './accept-mediation.command';

/** Default time limit of a mediation: 30 calendar days from acceptance (DOMAIN.md). */
export const DEFAULT_DUE_DAYS = 30;

export function decideAcceptMediation(command: AcceptMediation, state: MediationState): MediationEvent[] {
  const { record } = requireRegistered(state);
  const { acceptedOn, mediatorIds } = command.data;
  requireNotBefore('acceptedOn', acceptedOn, { name: 'registeredOn', date: record.registeredOn }, MediationErrorCode.ACCEPTED_BEFORE_REGISTERED);
  const dueOn = command.data.dueOn ?? addDays(acceptedOn, DEFAULT_DUE_DAYS);
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
