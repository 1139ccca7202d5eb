import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { closeHotlineCallRoute } from './close-hotline-call/close-hotline-call.command';
import { handOverCallRoute } from './hand-over-call/hand-over-call.command';
import { HOTLINE_CALLS, HOTLINE_CALL_STREAM } from './hotline.collections';
import { hotlineCallDecider } from './hotline-call.decider';
import type { HotlineCallState } from './hotline-call.state';
import { logHotlineCallRoute } from './log-hotline-call/log-hotline-call.command';
import { markCallbackOverdueRoute } from './mark-callback-overdue/mark-callback-overdue.command';
import { recordCallbackRoute } from './record-callback/record-callback.command';

export const hotlineCallRoutes: CommandRoute[] = [
  logHotlineCallRoute,
  recordCallbackRoute,
  handOverCallRoute,
  closeHotlineCallRoute,
  markCallbackOverdueRoute,
];

export const hotlineCallView: RecordView<HotlineCallState> = {
  collection: HOTLINE_CALLS,
  streamCategory: HOTLINE_CALL_STREAM,
  decider: hotlineCallDecider,
  view(state) {
    if (state.status === 'none') return null;
    const handOver = state.status === 'work-order-created' ? state.handOver : null;
    return {
      id: state.id,
      status: state.status,
      orgUnitId: state.orgUnitId,
      outcome: state.outcome,
      class: state.class,
      category: state.category,
      callerPersonId: state.callerPersonId,
      operatorId: state.operatorId,
      offeredAt: state.offeredAt,
      answeredAt: state.answeredAt,
      endedAt: state.endedAt,
      offeredOn: state.offeredOn,
      waitSeconds: state.waitSeconds,
      talkSeconds: state.talkSeconds,
      callbacks: state.callbacks,
      reachedAt: state.callbacks.find((c) => c.reached)?.at ?? null,
      workOrderId: handOver?.workOrderId ?? null,
      handedOverAt: handOver?.at ?? null,
      handedOverTo: handOver?.assignToOrgUnitId ?? null,
      urgent: handOver?.urgent ?? null,
      closedAt: state.status === 'closed' ? state.closedAt : null,
    };
  },
};
