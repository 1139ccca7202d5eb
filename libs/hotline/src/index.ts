import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { hotlineCallRoutes, hotlineCallView } from './hotline-call.routes';
import { workOrderRoutes, workOrderView } from './work-order.routes';

export * from './hotline.collections';
export * from './work-order.values';

export * from './hotline-call.events';
export * from './hotline-call.state';
export * from './hotline-call.errors';
export { hotlineCallDecider, type HotlineCallCommand } from './hotline-call.decider';
export { hotlineCallRoutes, hotlineCallView } from './hotline-call.routes';
export { hotlineCallOrgUnit } from './hotline-call.record';
export type { LogHotlineCall } from './log-hotline-call/log-hotline-call.command';
export type { RecordCallback } from './record-callback/record-callback.command';
export { workOrderIdFor, type HandOverCall } from './hand-over-call/hand-over-call.command';
export type { CloseHotlineCall } from './close-hotline-call/close-hotline-call.command';
export type { MarkCallbackOverdue } from './mark-callback-overdue/mark-callback-overdue.command';
export { CallbackAlreadyOverdueError, CallbackNotOverdueError } from './mark-callback-overdue/mark-callback-overdue.errors';

export * from './work-order.events';
export * from './work-order.state';
export * from './work-order.errors';
export { workOrderDecider, type WorkOrderCommand } from './work-order.decider';
export { workOrderRoutes, workOrderView } from './work-order.routes';
export { workOrderOrgUnit } from './work-order.record';
export type { CreateWorkOrder } from './create-work-order/create-work-order.command';
export type { AssignWorkOrder } from './assign-work-order/assign-work-order.command';
export type { AcknowledgeWorkOrder } from './acknowledge-work-order/acknowledge-work-order.command';
export type { ReturnWorkOrder } from './return-work-order/return-work-order.command';
export { MAX_REPLY_WORKING_DAYS, type ExtendReplyDeadline } from './extend-reply-deadline/extend-reply-deadline.command';
export type { RecordWorkOrderReply } from './record-reply/record-reply.command';
export type { RecordWorkOrderVisit } from './record-visit/record-visit.command';
export type { ReopenWorkOrder } from './reopen-work-order/reopen-work-order.command';
export type { CloseWorkOrder } from './close-work-order/close-work-order.command';
export type { SuperviseWorkOrder } from './supervise-work-order/supervise-work-order.command';


/** Every route and view of the hotline context, for the API to mount. */
export const hotlineRoutes: readonly CommandRoute[] = [...hotlineCallRoutes, ...workOrderRoutes];
export const hotlineViews: readonly RecordView[] = [hotlineCallView, workOrderView];
