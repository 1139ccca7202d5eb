import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { acknowledgeWorkOrderRoute } from './acknowledge-work-order/acknowledge-work-order.command';
import { assignWorkOrderRoute } from './assign-work-order/assign-work-order.command';
import { closeWorkOrderRoute } from './close-work-order/close-work-order.command';
import { createWorkOrderRoute } from './create-work-order/create-work-order.command';
import { extendReplyDeadlineRoute } from './extend-reply-deadline/extend-reply-deadline.command';
import { WORK_ORDERS, WORK_ORDER_STREAM } from './hotline.collections';
import { recordReplyRoute } from './record-reply/record-reply.command';
import { recordVisitRoute } from './record-visit/record-visit.command';
import { reopenWorkOrderRoute } from './reopen-work-order/reopen-work-order.command';
import { returnWorkOrderRoute } from './return-work-order/return-work-order.command';
import { superviseWorkOrderRoute } from './supervise-work-order/supervise-work-order.command';
import { workOrderDecider } from './work-order.decider';
import type { WorkOrderState } from './work-order.state';

export const workOrderRoutes: CommandRoute[] = [
  createWorkOrderRoute,
  assignWorkOrderRoute,
  acknowledgeWorkOrderRoute,
  returnWorkOrderRoute,
  extendReplyDeadlineRoute,
  recordReplyRoute,
  recordVisitRoute,
  reopenWorkOrderRoute,
  closeWorkOrderRoute,
  superviseWorkOrderRoute,
];

export const workOrderView: RecordView<WorkOrderState> = {
  collection: WORK_ORDERS,
  streamCategory: WORK_ORDER_STREAM,
  decider: workOrderDecider,
  view(state) {
    if (state.status === 'none') return null;
    const last = <T>(items: readonly T[]): T | null => items[items.length - 1] ?? null;
    return {
      id: state.id,
      status: state.status,
      callId: state.callId,
      orgUnitId: state.orgUnitId,
      hotlineOrgUnitId: state.hotlineOrgUnitId,
      class: state.class,
      category: state.category,
      urgent: state.urgent,
      createdAt: state.createdAt,
      createdOn: state.createdOn,
      assignedAt: last(state.assignments)?.at ?? null,
      acknowledgedAt: state.acknowledgedAt,
      repliedAt: last(state.replies)?.at ?? null,
      replyResult: last(state.replies)?.resultCode ?? null,
      visitedAt: last(state.visits)?.at ?? null,
      satisfaction: state.satisfaction,
      closedAt: state.status === 'closed' ? state.closedAt : null,
      closedWithoutVisit: state.status === 'closed' ? state.closedWithoutVisit : null,
      replyLimitWorkingDays: state.extension?.workingDays ?? null,
      extendedAt: state.extension?.at ?? null,
      supervised: state.supervisions.length > 0,
      supervisedCount: state.supervisions.length,
      assignments: state.assignments,
      returns: state.returns,
      replies: state.replies,
      visits: state.visits,
      reopenings: state.reopenings,
      supervisions: state.supervisions,
    };
  },
};
