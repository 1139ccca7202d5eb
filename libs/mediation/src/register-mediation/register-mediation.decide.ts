import { invalidValue, MediationErrorCode, refusals } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { RegisterMediation } from './register-mediation.command';

export function decideRegisterMediation(command: RegisterMediation, state: MediationState): MediationEvent[] {
  if (state.status !== 'none') throw refusals.alreadyRegistered();
  const { mediationId, orgUnitId, kind, source, category, parties, claimedAmountFen, registeredOn, referredFrom } = command.data;

  // Party count is a person-times statistic: one person listed twice would count twice.
  if (new Set(parties.map((p) => p.personId)).size !== parties.length) {
    throw invalidValue(MediationErrorCode.DUPLICATE_PARTY, 'parties', 'A person can be a party only once');
  }
  if (referredFrom !== null && source !== 'referral') {
    throw invalidValue(MediationErrorCode.REFERRAL_SOURCE_REQUIRED, 'referredFrom', 'A link to the referring record needs source "referral"');
  }

  return [
    {
      type: 'MediationRegistered',
      data: {
        mediationId,
        orgUnitId,
        kind,
        source,
        category,
        parties: parties.map(({ personId, role }) => ({ personId, role })),
        partyCount: parties.length,
        claimedAmountFen,
        registeredOn,
        referredFrom,
      },
    },
  ];
}
