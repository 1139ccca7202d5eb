import { invalidCallValue } from '../hotline-call.errors';
import type { HotlineCallEvent } from '../hotline-call.events';
import { requireOpenAnsweredCall } from '../hotline-call.guards';
import type { HotlineCallState } from '../hotline-call.state';
import { isBefore } from '../instants';
import type { CloseHotlineCall } from './close-hotline-call.command';

export function decideCloseHotlineCall(command: CloseHotlineCall, state: HotlineCallState): HotlineCallEvent[] {
  requireOpenAnsweredCall(state);
  const at = command.data.at ?? command.metadata.now;
  if (isBefore(at, state.endedAt)) throw invalidCallValue.closedBeforeEnded();
  return [{ type: 'HotlineCallClosed', data: { at, orgUnitId: state.orgUnitId, offeredOn: state.offeredOn } }];
}
