import { assertNever } from '@pls/event-sourcing';
import type { CallClass, CallOutcome, CategoryCode } from '@pls/reference';
import type { HotlineCallEvent } from './hotline-call.events';

export interface Callback {
  readonly at: string;
  readonly reached: boolean;
}

export interface HandOver {
  readonly workOrderId: string;
  readonly assignToOrgUnitId: string;
  readonly urgent: boolean;
  readonly at: string;
}

/** What a logged call keeps whatever its status. */
export interface HotlineCallRecord {
  readonly id: string;
  readonly orgUnitId: string;
  readonly offeredAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string;
  readonly offeredOn: string;
  readonly outcome: CallOutcome;
  readonly waitSeconds: number;
  readonly talkSeconds: number;
  readonly callerPersonId: string | null;
  readonly class: CallClass;
  readonly category: CategoryCode | null;
  readonly operatorId: string | null;
  readonly callbacks: readonly Callback[];
  /** When the call was flagged as not called back in time (`HotlineCallbackOverdue`). */
  readonly callbackOverdueAt?: string;
}

/** A call the hotline still owes a callback (or has reached). */
export type UnansweredCallStatus = 'missed' | 'voicemail' | 'callback-attempted' | 'reached';

export type HotlineCallState =
  | { readonly status: 'none' }
  | (HotlineCallRecord & { readonly status: 'answered' | UnansweredCallStatus })
  | (HotlineCallRecord & { readonly status: 'work-order-created'; readonly handOver: HandOver })
  | (HotlineCallRecord & { readonly status: 'closed'; readonly closedAt: string });

export type HotlineCallStatus = HotlineCallState['status'];
export type LoggedHotlineCall = Exclude<HotlineCallState, { status: 'none' }>;

export const initialHotlineCallState: HotlineCallState = { status: 'none' };

export function evolveHotlineCall(state: HotlineCallState, event: HotlineCallEvent): HotlineCallState {
  if (event.type === 'HotlineCallLogged') {
    const { callId, ...fields } = event.data;
    return { status: event.data.outcome, id: callId, ...fields, callbacks: [] };
  }
  // Later events never precede the first one; a stream without it holds no call.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'HotlineCallbackAttempted': {
      const { at, reached } = event.data;
      return { ...state, status: reached ? 'reached' : 'callback-attempted', callbacks: [...state.callbacks, { at, reached }] };
    }
    case 'HotlineCallHandedOver': {
      const { workOrderId, assignToOrgUnitId, urgent, at } = event.data;
      return { ...state, status: 'work-order-created', handOver: { workOrderId, assignToOrgUnitId, urgent, at } };
    }
    case 'HotlineCallClosed':
      return { ...state, status: 'closed', closedAt: event.data.at };
    case 'HotlineCallbackOverdue':
      return { ...state, callbackOverdueAt: event.data.at };
    default:
      return assertNever(event, 'hotline-call event');
  }
}

/** The work order this call was handed over to, if any. */
export function handedOverWorkOrderId(state: HotlineCallState): string | null {
  return state.status === 'work-order-created' ? state.handOver.workOrderId : null;
}
