import type { Event } from '@pls/event-sourcing';
import type { CallClass, CategoryCode, Satisfaction } from '@pls/reference';
import type { OpenWorkOrderStatus } from './work-order.state';
import type { ReplyResult, ReturnReason, SupervisionReason } from './work-order.values';

/*
 * The work-order stream (`workorder-<id>`). The type strings are final. Data
 * holds ids, codes, instants and dates only: the caller's request and the
 * unit's answer stay out of the log (PIPL).
 */

/** What every work-order event carries, so statistics never read the call or another stream. */
export interface WorkOrderFacts {
  /** The unit responsible for the order once the event has happened. */
  readonly orgUnitId: string;
  /** The handed-over call's class and category. */
  readonly class: CallClass;
  readonly category: CategoryCode | null;
  readonly urgent: boolean;
  /** When the call was handed over; `created` counts on its Asia/Shanghai date. */
  readonly createdAt: string;
}

type WorkOrderEventOf<Type extends string, Data extends object> = Event<Type, WorkOrderFacts & Data>;

/** `orgUnitId` is the hotline unit that took the call; `WorkOrderAssigned` follows at once. */
export type WorkOrderCreated = WorkOrderEventOf<
  'WorkOrderCreated',
  { readonly workOrderId: string; readonly callId: string; readonly assignToOrgUnitId: string; readonly createdOn: string }
>;

export type WorkOrderAssigned = WorkOrderEventOf<
  'WorkOrderAssigned',
  {
    readonly at: string;
    readonly assignedOn: string;
    /** Since when the order waited for this assignment (creation, return or reopening): the assign time limit runs from it. */
    readonly waitingSince: string;
  }
>;

/** 签收 by the assigned unit. */
export type WorkOrderAcknowledged = WorkOrderEventOf<'WorkOrderAcknowledged', { readonly at: string; readonly acknowledgedOn: string }>;

/** 退回: `orgUnitId` is the hotline unit again, `fromOrgUnitId` the unit that gave the order back. */
export type WorkOrderReturned = WorkOrderEventOf<
  'WorkOrderReturned',
  { readonly fromOrgUnitId: string; readonly reason: ReturnReason; readonly at: string; readonly returnedOn: string }
>;

/** The reply limit becomes `workingDays` working days (once per order, at most 15). */
export type WorkOrderReplyDeadlineExtended = WorkOrderEventOf<
  'WorkOrderReplyDeadlineExtended',
  { readonly workingDays: number; readonly at: string; readonly extendedOn: string }
>;

/** 办理结果: counts on `repliedOn`. */
export type WorkOrderReplied = WorkOrderEventOf<
  'WorkOrderReplied',
  {
    readonly resultCode: ReplyResult | null;
    readonly at: string;
    readonly repliedOn: string;
    /** The assignment this reply answers: with `createdAt`, the start of the reply time limit. */
    readonly assignedAt: string;
    /** The extended reply limit in working days; `null` when the default setting applies. */
    readonly replyLimitWorkingDays: number | null;
  }
>;

/** 回访: counts on `visitedOn`; see `isSatisfied` for what 满意率 counts as satisfied. */
export type WorkOrderVisited = WorkOrderEventOf<
  'WorkOrderVisited',
  { readonly satisfaction: Satisfaction; readonly at: string; readonly visitedOn: string }
>;

/** After an unsatisfied visit: `orgUnitId` is the hotline unit again, `fromOrgUnitId` the unit whose reply was rated. */
export type WorkOrderReopened = WorkOrderEventOf<
  'WorkOrderReopened',
  { readonly fromOrgUnitId: string; readonly at: string; readonly reopenedOn: string }
>;

export type WorkOrderClosed = WorkOrderEventOf<
  'WorkOrderClosed',
  { readonly at: string; readonly closedOn: string; /** Closed after the reply without a visit. */ readonly withoutVisit: boolean }
>;

/** 督办: the status does not change; `status` is the one the order was overdue in. */
export type WorkOrderSupervised = WorkOrderEventOf<
  'WorkOrderSupervised',
  { readonly reason: SupervisionReason; readonly status: OpenWorkOrderStatus; readonly at: string; readonly supervisedOn: string }
>;

export type WorkOrderEvent =
  | WorkOrderCreated
  | WorkOrderAssigned
  | WorkOrderAcknowledged
  | WorkOrderReturned
  | WorkOrderReplyDeadlineExtended
  | WorkOrderReplied
  | WorkOrderVisited
  | WorkOrderReopened
  | WorkOrderClosed
  | WorkOrderSupervised;

export const WORK_ORDER_EVENT_TYPES: readonly WorkOrderEvent['type'][] = [
  'WorkOrderCreated',
  'WorkOrderAssigned',
  'WorkOrderAcknowledged',
  'WorkOrderReturned',
  'WorkOrderReplyDeadlineExtended',
  'WorkOrderReplied',
  'WorkOrderVisited',
  'WorkOrderReopened',
  'WorkOrderClosed',
  'WorkOrderSupervised',
];
