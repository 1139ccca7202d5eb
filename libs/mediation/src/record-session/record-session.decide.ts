import { requireInProgress, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { RecordMediationSession } from './record-session.command';

export function decideRecordMediationSession(command: RecordMediationSession, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { heldOn } = command.data;
  requireNotBefore('heldOn', heldOn, { name: 'acceptedOn', date: handling.acceptedOn }, MediationErrorCode.SESSION_BEFORE_ACCEPTED);
  return [{ type: 'MediationSessionRecorded', data: { mediationId: record.id, heldOn, sessionNumber: handling.sessionDates.length + 1 } }];
}
