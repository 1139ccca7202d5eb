import type { Event } from '@pls/event-sourcing';
import type { CallClass, CallOutcome, CategoryCode } from '@pls/reference';

/*
 * The hotline-call stream (`hotlinecall-<id>`). The type strings are final.
 * Data holds ids, codes, instants, dates and counts only: the caller is a
 * person reference, never a number or a name (PIPL).
 */

export type HotlineCallLogged = Event<
  'HotlineCallLogged',
  {
    readonly callId: string;
    readonly orgUnitId: string;
    readonly offeredAt: string;
    /** `null` unless the outcome is `answered`. */
    readonly answeredAt: string | null;
    readonly endedAt: string;
    readonly outcome: CallOutcome;
    /** Seconds from offer to answer; for a call not answered, to hang-up (the abandon time). */
    readonly waitSeconds: number;
    /** Seconds from answer to end; 0 for a call not answered. */
    readonly talkSeconds: number;
    readonly callerPersonId: string | null;
    readonly class: CallClass;
    readonly category: CategoryCode | null;
    /** User id of the operator (话务员) who took the call. */
    readonly operatorId: string | null;
    /** Asia/Shanghai date of `offeredAt`: the day the call and its callbacks count on. */
    readonly offeredOn: string;
  }
>;

/** At most one callback per call is `reached`: a reached call takes no further callbacks. */
export type HotlineCallbackAttempted = Event<
  'HotlineCallbackAttempted',
  { readonly at: string; readonly reached: boolean; readonly offeredOn: string; readonly orgUnitId: string }
>;

/** 转办: the answered call becomes work order `workOrderId` for `assignToOrgUnitId`. */
export type HotlineCallHandedOver = Event<
  'HotlineCallHandedOver',
  {
    readonly workOrderId: string;
    readonly assignToOrgUnitId: string;
    readonly urgent: boolean;
    readonly at: string;
    readonly orgUnitId: string;
    readonly offeredOn: string;
  }
>;

export type HotlineCallClosed = Event<
  'HotlineCallClosed',
  { readonly at: string; readonly orgUnitId: string; readonly offeredOn: string }
>;

/** The caller of a missed or voicemail call was not reached by the callback deadline `dueAt` (the deadline worker's flag, once per call). */
export type HotlineCallbackOverdue = Event<
  'HotlineCallbackOverdue',
  { readonly dueAt: string; readonly at: string; readonly offeredOn: string; readonly orgUnitId: string }
>;

export type HotlineCallEvent = HotlineCallLogged | HotlineCallbackAttempted | HotlineCallHandedOver | HotlineCallClosed | HotlineCallbackOverdue;

export const HOTLINE_CALL_EVENT_TYPES: readonly HotlineCallEvent['type'][] = [
  'HotlineCallLogged',
  'HotlineCallbackAttempted',
  'HotlineCallHandedOver',
  'HotlineCallClosed',
  'HotlineCallbackOverdue',
];
