import { requireInProgress, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { factsOf, timingOf, type MediationState } from '../mediation.state';
import type { TerminateMediation } from './terminate-mediation.command';

// 人民调解法 Art 26: when mediation fails the mediators end it and tell the parties
// the other routes open to them (arbitration, administrative channels, the courts).
export function decideTerminateMediation(command: TerminateMediation, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { reason, terminatedOn } = command.data;
  requireNotBefore('terminatedOn', terminatedOn, { name: 'acceptedOn', date: handling.acceptedOn }, MediationErrorCode.TERMINATED_BEFORE_ACCEPTED);
  return [
    {
      type: 'MediationTerminated',
      data: { mediationId: record.id, ...factsOf(record), ...timingOf(handling, terminatedOn), reason, terminatedOn },
    },
  ];
}
