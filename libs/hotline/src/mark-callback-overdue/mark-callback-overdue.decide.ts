import { CallAlreadyReachedError, CallNotMissedError } from '../hotline-call.errors';
import type { HotlineCallEvent } from '../hotline-call.events';
import { requireCall } from '../hotline-call.guards';
import type { HotlineCallState } from '../hotline-call.state';
import { isBefore } from '../instants';
import type { MarkCallbackOverdue } from './mark-callback-overdue.command';
import { CallbackAlreadyOverdueError, CallbackNotOverdueError } from './mark-callback-overdue.errors';

/**
 * Only a call still waiting for its callback (missed, voicemail, or attempted
 * without reaching the caller) can be overdue, once, and not before its deadline.
 */
export function decideMarkCallbackOverdue(command: MarkCallbackOverdue, state: HotlineCallState): HotlineCallEvent[] {
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
  if (state.callbackOverdueAt !== undefined) throw new CallbackAlreadyOverdueError();
  const { dueAt } = command.data;
  const at = command.data.at ?? command.metadata.now;
  if (isBefore(at, dueAt)) throw new CallbackNotOverdueError();
  // Counted, like the callbacks themselves, on the day the call was offered.
  return [{ type: 'HotlineCallbackOverdue', data: { dueAt, at, offeredOn: state.offeredOn, orgUnitId: state.orgUnitId } }];
}
