import { requireNotBefore, requireRegistered } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { factsOf, type MediationState } from '../mediation.state';
import type { RejectMediation } from './reject-mediation.command';

// 人民调解法 Art 17: no mediation when a party clearly refuses it. The other reasons
// (outside the scope, already taken up by a court, the police or an agency) are the
// Ministry of Justice's 人民调解工作若干规定 (2002) Art 22.
export function decideRejectMediation(command: RejectMediation, state: MediationState): MediationEvent[] {
  const { record } = requireRegistered(state);
  const { reason, rejectedOn } = command.data;
  requireNotBefore('rejectedOn', rejectedOn, { name: 'registeredOn', date: record.registeredOn }, MediationErrorCode.REJECTED_BEFORE_REGISTERED);
  return [{ type: 'MediationRejected', data: { mediationId: record.id, ...factsOf(record), reason, rejectedOn } }];
}
