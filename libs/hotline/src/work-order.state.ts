import { assertNever } from '@pls/event-sourcing';
import type { CallClass, CategoryCode, Satisfaction } from '@pls/reference';
import type { WorkOrderEvent } from './work-order.events';
import type { ReplyResult, ReturnReason, SupervisionReason } from './work-order.values';

export interface Assignment {
  readonly orgUnitId: string;
  readonly at: string;
}

export interface WorkOrderReturn {
  readonly fromOrgUnitId: string;
  readonly reason: ReturnReason;
  readonly at: string;
}

export interface WorkOrderReply {
  readonly resultCode: ReplyResult | null;
  readonly at: string;
}

export interface WorkOrderVisit {
  readonly satisfaction: Satisfaction;
  readonly at: string;
}

export interface Supervision {
  readonly reason: SupervisionReason;
  readonly status: OpenWorkOrderStatus;
  readonly at: string;
}

/** What a work order keeps whatever its status; lists hold every round (return, reopening). */
export interface WorkOrderRecord {
  readonly id: string;
  readonly callId: string;
  /** The hotline unit that took the call: it dispatches the order and gets it back on return or reopening. */
  readonly hotlineOrgUnitId: string;
  /** The unit currently responsible. */
  readonly orgUnitId: string;
  readonly class: CallClass;
  readonly category: CategoryCode | null;
  readonly urgent: boolean;
  readonly createdAt: string;
  readonly createdOn: string;
  readonly assignments: readonly Assignment[];
  /** 签收 of the current assignment. */
  readonly acknowledgedAt: string | null;
  readonly returns: readonly WorkOrderReturn[];
  readonly extension: { readonly workingDays: number; readonly at: string } | null;
  readonly replies: readonly WorkOrderReply[];
  readonly visits: readonly WorkOrderVisit[];
  /** The latest rating. */
  readonly satisfaction: Satisfaction | null;
  readonly reopenings: readonly string[];
  readonly supervisions: readonly Supervision[];
  /** Instant of the latest lifecycle step. Side events (extension, supervision) leave it alone. */
  readonly lastStepAt: string;
}

export type OpenWorkOrderStatus = 'created' | 'assigned' | 'acknowledged' | 'returned' | 'replied' | 'visited' | 'reopened';
export type OpenWorkOrder = WorkOrderRecord & { readonly status: OpenWorkOrderStatus };

export type WorkOrderState =
  | { readonly status: 'none' }
  | OpenWorkOrder
  | (WorkOrderRecord & { readonly status: 'closed'; readonly closedAt: string; readonly closedWithoutVisit: boolean });

export type WorkOrderStatus = WorkOrderState['status'];

export const initialWorkOrderState: WorkOrderState = { status: 'none' };

export function evolveWorkOrder(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  if (event.type === 'WorkOrderCreated') {
    const d = event.data;
    return {
      status: 'created',
      id: d.workOrderId,
      callId: d.callId,
      hotlineOrgUnitId: d.orgUnitId,
      orgUnitId: d.orgUnitId,
      class: d.class,
      category: d.category,
      urgent: d.urgent,
      createdAt: d.createdAt,
      createdOn: d.createdOn,
      assignments: [],
      acknowledgedAt: null,
      returns: [],
      extension: null,
      replies: [],
      visits: [],
      satisfaction: null,
      reopenings: [],
      supervisions: [],
      lastStepAt: d.createdAt,
    };
  }
  // Later events never precede the first one, nor follow the closing one.
  if (state.status === 'none' || state.status === 'closed') return state;
  switch (event.type) {
    case 'WorkOrderAssigned': {
      const { orgUnitId, at } = event.data;
      return { ...state, status: 'assigned', orgUnitId, assignments: [...state.assignments, { orgUnitId, at }], acknowledgedAt: null, lastStepAt: at };
    }
    case 'WorkOrderAcknowledged':
      return { ...state, status: 'acknowledged', acknowledgedAt: event.data.at, lastStepAt: event.data.at };
    case 'WorkOrderReturned': {
      const { orgUnitId, fromOrgUnitId, reason, at } = event.data;
      return { ...state, status: 'returned', orgUnitId, returns: [...state.returns, { fromOrgUnitId, reason, at }], lastStepAt: at };
    }
    case 'WorkOrderReplyDeadlineExtended':
      return { ...state, extension: { workingDays: event.data.workingDays, at: event.data.at } };
    case 'WorkOrderReplied': {
      const { resultCode, at } = event.data;
      return { ...state, status: 'replied', replies: [...state.replies, { resultCode, at }], lastStepAt: at };
    }
    case 'WorkOrderVisited': {
      const { satisfaction, at } = event.data;
      return { ...state, status: 'visited', satisfaction, visits: [...state.visits, { satisfaction, at }], lastStepAt: at };
    }
    case 'WorkOrderReopened': {
      const { orgUnitId, at } = event.data;
      return { ...state, status: 'reopened', orgUnitId, reopenings: [...state.reopenings, at], lastStepAt: at };
    }
    case 'WorkOrderClosed': {
      const { at, withoutVisit } = event.data;
      return { ...state, status: 'closed', closedAt: at, closedWithoutVisit: withoutVisit, lastStepAt: at };
    }
    case 'WorkOrderSupervised': {
      const { reason, status, at } = event.data;
      return { ...state, supervisions: [...state.supervisions, { reason, status, at }] };
    }
    default:
      return assertNever(event, 'work-order event');
  }
}
