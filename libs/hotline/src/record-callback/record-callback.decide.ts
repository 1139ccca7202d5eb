import { CallAlreadyReachedError, CallNotMissedError, invalidCallValue } from '../hotline-call.errors';
import type { HotlineCallEvent } from '../hotline-call.events';
import { requireCall } from '../hotline-call.guards';
import type { HotlineCallState } from '../hotline-call.state';
import { isBefore } from '../instants';
import type { RecordCallback } from './record-callback.command';

export function decideRecordCallback(command: RecordCallback, state: HotlineCallState): HotlineCallEvent[] {
  requireCall(state);
  switch (state.status) {
    case 'missed':
    case 'voicemail':
    case 'callback-attempted':
      break;
    case 'reached':
      throw new CallAlreadyReachedError();
    default:
      throw new CallNotMissedError();
  }
  const { at, reached } = command.data;
  if (isBefore(at, state.offeredAt)) throw invalidCallValue.callbackBeforeOffered();
  // Callbacks count on the call's own offeredOn, not on the day they were made.
  return [{ type: 'HotlineCallbackAttempted', data: { at, reached, offeredOn: state.offeredOn, orgUnitId: state.orgUnitId } }];
}
