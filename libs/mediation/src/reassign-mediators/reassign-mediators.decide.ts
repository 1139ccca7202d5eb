import { requireInProgress } from '../mediation.guards';
import { invalidValue, MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { ReassignMediators } from './reassign-mediators.command';

export function decideReassignMediators(command: ReassignMediators, state: MediationState): MediationEvent[] {
  const { record, handling } = requireInProgress(state);
  const { mediatorIds } = command.data;
  if (sameSet(mediatorIds, handling.mediatorIds)) {
    throw invalidValue(MediationErrorCode.SAME_MEDIATORS, 'mediatorIds', 'These mediators are already designated');
  }
  return [
    {
      type: 'MediationMediatorsReassigned',
      data: { mediationId: record.id, previousMediatorIds: [...handling.mediatorIds], mediatorIds: [...mediatorIds] },
    },
  ];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}
