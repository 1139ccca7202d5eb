import { requireConcluded, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import { conclusionOf, type MediationState } from '../mediation.state';
import type { CloseMediation } from './close-mediation.command';

/**
 * Files a concluded case. A rejected registration never became a case and is
 * final as it stands, so it has nothing to close.
 */
export function decideCloseMediation(command: CloseMediation, state: MediationState): MediationEvent[] {
  const concluded = requireConcluded(state);
  const { outcome, concludedOn } = conclusionOf(concluded);
  const { closedOn } = command.data;
  requireNotBefore('closedOn', closedOn, { name: 'the conclusion date', date: concludedOn }, MediationErrorCode.CLOSED_BEFORE_CONCLUDED);
  return [{ type: 'MediationClosed', data: { mediationId: concluded.record.id, closedOn, outcome, concludedOn } }];
}
