import type { CommandMetadata } from '@pls/event-sourcing';
import { shanghaiDate } from '@pls/reference';
import type { HotlineCallbackAttempted, HotlineCallClosed, HotlineCallHandedOver, HotlineCallLogged } from '../hotline-call.events';
import type { CloseHotlineCall } from '../close-hotline-call/close-hotline-call.command';
import type { HandOverCall } from '../hand-over-call/hand-over-call.command';
import type { LogHotlineCall } from '../log-hotline-call/log-hotline-call.command';
import type { RecordCallback } from '../record-callback/record-callback.command';
import type {
  WorkOrderAcknowledged,
  WorkOrderAssigned,
  WorkOrderClosed,
  WorkOrderCreated,
  WorkOrderEvent,
  WorkOrderFacts,
  WorkOrderReopened,
  WorkOrderReplied,
  WorkOrderReplyDeadlineExtended,
  WorkOrderReturned,
  WorkOrderSupervised,
  WorkOrderVisited,
} from '../work-order.events';
import type { OpenWorkOrderStatus, WorkOrderStatus } from '../work-order.state';
import type { AcknowledgeWorkOrder } from '../acknowledge-work-order/acknowledge-work-order.command';
import type { AssignWorkOrder } from '../assign-work-order/assign-work-order.command';
import type { CloseWorkOrder } from '../close-work-order/close-work-order.command';
import type { CreateWorkOrder } from '../create-work-order/create-work-order.command';
import type { ExtendReplyDeadline } from '../extend-reply-deadline/extend-reply-deadline.command';
import type { RecordWorkOrderReply } from '../record-reply/record-reply.command';
import type { RecordWorkOrderVisit } from '../record-visit/record-visit.command';
import type { ReopenWorkOrder } from '../reopen-work-order/reopen-work-order.command';
import type { ReturnWorkOrder } from '../return-work-order/return-work-order.command';
import type { SuperviseWorkOrder } from '../supervise-work-order/supervise-work-order.command';

/** Builders for specs: every builder takes overrides for the fields a spec is about. */

export const ids = {
  call: '0b6d2f4e-1c3a-4e5b-8f7a-9d0c1b2a3e4f',
  workOrder: '5e8f1a2b-3c4d-4e6f-9a0b-1c2d3e4f5a6b',
  /** The city centre: it runs the 12348 hotline and dispatches work orders. */
  city: '11111111-1111-4111-8111-111111111111',
  township: '22222222-2222-4222-8222-222222222222',
  village: '33333333-3333-4333-8333-333333333333',
  caller: '44444444-4444-4444-8444-444444444444',
  operator: '55555555-5555-4555-8555-555555555555',
  command: '66666666-6666-4666-8666-666666666666',
};

/** One call and the life of its work order, in Asia/Shanghai time. */
export const T = {
  offered: '2021-03-01T09:00:00+08:00',
  answered: '2021-03-01T09:00:08+08:00',
  ended: '2021-03-01T09:05:08+08:00',
  callback: '2021-03-01T10:00:00+08:00',
  created: '2021-03-01T09:10:00+08:00',
  acknowledged: '2021-03-01T14:00:00+08:00',
  returned: '2021-03-01T15:00:00+08:00',
  reassigned: '2021-03-02T09:00:00+08:00',
  extended: '2021-03-02T10:00:00+08:00',
  replied: '2021-03-04T16:00:00+08:00',
  visited: '2021-03-05T10:00:00+08:00',
  reopened: '2021-03-05T11:00:00+08:00',
  closed: '2021-03-06T09:00:00+08:00',
  supervised: '2021-03-03T09:00:00+08:00',
  /** When commands in the specs are issued, unless they say otherwise. */
  now: '2021-03-08T10:00:00+08:00',
};

export function meta(now: string = T.now, commandId: string = ids.command): CommandMetadata {
  return { commandId, actorId: ids.operator, now };
}

// ---- hotline-call events

export function callLogged(o: Partial<HotlineCallLogged['data']> = {}): HotlineCallLogged {
  return {
    type: 'HotlineCallLogged',
    data: {
      callId: ids.call,
      orgUnitId: ids.city,
      offeredAt: T.offered,
      answeredAt: T.answered,
      endedAt: T.ended,
      outcome: 'answered',
      waitSeconds: 8,
      talkSeconds: 300,
      callerPersonId: ids.caller,
      class: 'complaint',
      category: '10',
      operatorId: ids.operator,
      offeredOn: '2021-03-01',
      ...o,
    },
  };
}

export function missedCallLogged(o: Partial<HotlineCallLogged['data']> = {}): HotlineCallLogged {
  return callLogged({ outcome: 'missed', answeredAt: null, endedAt: '2021-03-01T09:00:40+08:00', waitSeconds: 40, talkSeconds: 0, operatorId: null, ...o });
}

export function voicemailLogged(o: Partial<HotlineCallLogged['data']> = {}): HotlineCallLogged {
  return missedCallLogged({ outcome: 'voicemail', ...o });
}

export function callbackAttempted(o: Partial<HotlineCallbackAttempted['data']> = {}): HotlineCallbackAttempted {
  return { type: 'HotlineCallbackAttempted', data: { at: T.callback, reached: false, offeredOn: '2021-03-01', orgUnitId: ids.city, ...o } };
}

export function callHandedOver(o: Partial<HotlineCallHandedOver['data']> = {}): HotlineCallHandedOver {
  return {
    type: 'HotlineCallHandedOver',
    data: { workOrderId: ids.workOrder, assignToOrgUnitId: ids.township, urgent: false, at: T.created, orgUnitId: ids.city, offeredOn: '2021-03-01', ...o },
  };
}

export function callClosed(o: Partial<HotlineCallClosed['data']> = {}): HotlineCallClosed {
  return { type: 'HotlineCallClosed', data: { at: T.created, orgUnitId: ids.city, offeredOn: '2021-03-01', ...o } };
}

// ---- hotline-call commands

export function logCall(o: Partial<LogHotlineCall['data']> = {}, now?: string): LogHotlineCall {
  return {
    type: 'LogHotlineCall',
    data: {
      callId: ids.call,
      orgUnitId: ids.city,
      offeredAt: T.offered,
      answeredAt: T.answered,
      endedAt: T.ended,
      outcome: 'answered',
      callerPersonId: ids.caller,
      class: 'complaint',
      category: '10',
      operatorId: ids.operator,
      ...o,
    },
    metadata: meta(now),
  };
}

export function recordCallback(o: Partial<RecordCallback['data']> = {}, now?: string): RecordCallback {
  return { type: 'RecordCallback', data: { at: T.callback, reached: false, ...o }, metadata: meta(now) };
}

export function handOver(o: Partial<HandOverCall['data']> = {}, now: string = T.created): HandOverCall {
  return {
    type: 'HandOverCall',
    data: { workOrderId: ids.workOrder, assignToOrgUnitId: ids.township, urgent: false, workOrderIdTaken: false, ...o },
    metadata: meta(now),
  };
}

export function closeCall(o: Partial<CloseHotlineCall['data']> = {}, now?: string): CloseHotlineCall {
  return { type: 'CloseHotlineCall', data: { ...o }, metadata: meta(now) };
}

// ---- work-order events

/** The facts of the default order, with the unit responsible after the event. */
export function facts(orgUnitId: string = ids.township): WorkOrderFacts {
  return { orgUnitId, class: 'complaint', category: '10', urgent: false, createdAt: T.created };
}

export function workOrderCreated(o: Partial<WorkOrderCreated['data']> = {}): WorkOrderCreated {
  return {
    type: 'WorkOrderCreated',
    data: { ...facts(ids.city), workOrderId: ids.workOrder, callId: ids.call, assignToOrgUnitId: ids.township, createdOn: '2021-03-01', ...o },
  };
}

export function workOrderAssigned(o: Partial<WorkOrderAssigned['data']> = {}): WorkOrderAssigned {
  const at = o.at ?? T.created;
  return { type: 'WorkOrderAssigned', data: { ...facts(), at, assignedOn: shanghaiDate(at), waitingSince: T.created, ...o } };
}

export function workOrderAcknowledged(o: Partial<WorkOrderAcknowledged['data']> = {}): WorkOrderAcknowledged {
  const at = o.at ?? T.acknowledged;
  return { type: 'WorkOrderAcknowledged', data: { ...facts(), at, acknowledgedOn: shanghaiDate(at), ...o } };
}

export function workOrderReturned(o: Partial<WorkOrderReturned['data']> = {}): WorkOrderReturned {
  const at = o.at ?? T.returned;
  return {
    type: 'WorkOrderReturned',
    data: { ...facts(ids.city), fromOrgUnitId: ids.township, reason: 'not-our-jurisdiction', at, returnedOn: shanghaiDate(at), ...o },
  };
}

export function replyDeadlineExtended(o: Partial<WorkOrderReplyDeadlineExtended['data']> = {}): WorkOrderReplyDeadlineExtended {
  const at = o.at ?? T.extended;
  return { type: 'WorkOrderReplyDeadlineExtended', data: { ...facts(), workingDays: 15, at, extendedOn: shanghaiDate(at), ...o } };
}

export function workOrderReplied(o: Partial<WorkOrderReplied['data']> = {}): WorkOrderReplied {
  const at = o.at ?? T.replied;
  return {
    type: 'WorkOrderReplied',
    data: { ...facts(), resultCode: 'resolved', at, repliedOn: shanghaiDate(at), assignedAt: T.created, replyLimitWorkingDays: null, ...o },
  };
}

export function workOrderVisited(o: Partial<WorkOrderVisited['data']> = {}): WorkOrderVisited {
  const at = o.at ?? T.visited;
  return { type: 'WorkOrderVisited', data: { ...facts(), satisfaction: 'satisfied', at, visitedOn: shanghaiDate(at), ...o } };
}

export function workOrderReopened(o: Partial<WorkOrderReopened['data']> = {}): WorkOrderReopened {
  const at = o.at ?? T.reopened;
  return { type: 'WorkOrderReopened', data: { ...facts(ids.city), fromOrgUnitId: ids.township, at, reopenedOn: shanghaiDate(at), ...o } };
}

export function workOrderClosed(o: Partial<WorkOrderClosed['data']> = {}): WorkOrderClosed {
  const at = o.at ?? T.closed;
  return { type: 'WorkOrderClosed', data: { ...facts(), at, closedOn: shanghaiDate(at), withoutVisit: false, ...o } };
}

export function workOrderSupervised(o: Partial<WorkOrderSupervised['data']> = {}): WorkOrderSupervised {
  const at = o.at ?? T.supervised;
  return { type: 'WorkOrderSupervised', data: { ...facts(), reason: 'reply-overdue', status: 'assigned', at, supervisedOn: shanghaiDate(at), ...o } };
}

/** A history that leaves the default order in each status. */
export const workOrderIn: Record<Exclude<WorkOrderStatus, 'none'>, readonly WorkOrderEvent[]> = {
  created: [workOrderCreated()],
  assigned: [workOrderCreated(), workOrderAssigned()],
  acknowledged: [workOrderCreated(), workOrderAssigned(), workOrderAcknowledged()],
  returned: [workOrderCreated(), workOrderAssigned(), workOrderReturned()],
  replied: [workOrderCreated(), workOrderAssigned(), workOrderAcknowledged(), workOrderReplied()],
  visited: [workOrderCreated(), workOrderAssigned(), workOrderAcknowledged(), workOrderReplied(), workOrderVisited()],
  reopened: [
    workOrderCreated(),
    workOrderAssigned(),
    workOrderAcknowledged(),
    workOrderReplied(),
    workOrderVisited({ satisfaction: 'unsatisfied' }),
    workOrderReopened(),
  ],
  closed: [workOrderCreated(), workOrderAssigned(), workOrderAcknowledged(), workOrderReplied(), workOrderVisited(), workOrderClosed()],
};

export const OPEN_STATUSES: readonly OpenWorkOrderStatus[] = ['created', 'assigned', 'acknowledged', 'returned', 'replied', 'visited', 'reopened'];

// ---- work-order commands

export function createWorkOrder(o: Partial<CreateWorkOrder['data']> = {}, now: string = T.created): CreateWorkOrder {
  return {
    type: 'CreateWorkOrder',
    data: {
      workOrderId: ids.workOrder,
      callId: ids.call,
      orgUnitId: ids.city,
      assignToOrgUnitId: ids.township,
      urgent: false,
      class: 'complaint',
      category: '10',
      createdAt: T.created,
      callWorkOrderId: ids.workOrder,
      ...o,
    },
    metadata: meta(now),
  };
}

export function assignWorkOrder(o: Partial<AssignWorkOrder['data']> = {}, now?: string): AssignWorkOrder {
  return { type: 'AssignWorkOrder', data: { orgUnitId: ids.village, ...o }, metadata: meta(now) };
}

export function acknowledgeWorkOrder(o: Partial<AcknowledgeWorkOrder['data']> = {}, now?: string): AcknowledgeWorkOrder {
  return { type: 'AcknowledgeWorkOrder', data: { ...o }, metadata: meta(now) };
}

export function returnWorkOrder(o: Partial<ReturnWorkOrder['data']> = {}, now?: string): ReturnWorkOrder {
  return { type: 'ReturnWorkOrder', data: { reason: 'not-our-jurisdiction', ...o }, metadata: meta(now) };
}

export function extendReplyDeadline(o: Partial<ExtendReplyDeadline['data']> = {}, now?: string): ExtendReplyDeadline {
  return { type: 'ExtendReplyDeadline', data: { workingDays: 15, ...o }, metadata: meta(now) };
}

export function recordReply(o: Partial<RecordWorkOrderReply['data']> = {}, now?: string): RecordWorkOrderReply {
  return { type: 'RecordWorkOrderReply', data: { ...o }, metadata: meta(now) };
}

export function recordVisit(o: Partial<RecordWorkOrderVisit['data']> = {}, now?: string): RecordWorkOrderVisit {
  return { type: 'RecordWorkOrderVisit', data: { satisfaction: 'satisfied', ...o }, metadata: meta(now) };
}

export function reopenWorkOrder(o: Partial<ReopenWorkOrder['data']> = {}, now?: string): ReopenWorkOrder {
  return { type: 'ReopenWorkOrder', data: { ...o }, metadata: meta(now) };
}

export function closeWorkOrder(o: Partial<CloseWorkOrder['data']> = {}, now?: string): CloseWorkOrder {
  return { type: 'CloseWorkOrder', data: { ...o }, metadata: meta(now) };
}

export function superviseWorkOrder(o: Partial<SuperviseWorkOrder['data']> = {}, now?: string): SuperviseWorkOrder {
  return { type: 'SuperviseWorkOrder', data: { reason: 'reply-overdue', ...o }, metadata: meta(now) };
}
