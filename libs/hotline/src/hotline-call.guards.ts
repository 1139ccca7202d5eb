import { CallAlreadyHandedOverError, CallClosedError, CallNotAnsweredError, HotlineCallNotFoundError } from './hotline-call.errors';
import type { HotlineCallRecord, HotlineCallState, LoggedHotlineCall } from './hotline-call.state';

export function requireCall(state: HotlineCallState): asserts state is LoggedHotlineCall {
  if (state.status === 'none') throw new HotlineCallNotFoundError();
}

/** An answered call not yet handed over or closed: the only one an operator may still dispose of. */
export function requireOpenAnsweredCall(
  state: HotlineCallState,
): asserts state is HotlineCallRecord & { readonly status: 'answered' } {
  requireCall(state);
  if (state.status === 'work-order-created') throw new CallAlreadyHandedOverError();
  if (state.status === 'closed') throw new CallClosedError();
  if (state.status !== 'answered') throw new CallNotAnsweredError();
}
