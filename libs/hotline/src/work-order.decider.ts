import { assertNever, type Decider } from '@pls/event-sourcing';
import type { WorkOrderEvent } from './work-order.events';
import { evolveWorkOrder, initialWorkOrderState, type WorkOrderState } from './work-order.state';
import { decideAcknowledgeWorkOrder } from './acknowledge-work-order/acknowledge-work-order.decide';
import type { AcknowledgeWorkOrder } from './acknowledge-work-order/acknowledge-work-order.command';
import { decideAssignWorkOrder } from './assign-work-order/assign-work-order.decide';
import type { AssignWorkOrder } from './assign-work-order/assign-work-order.command';
import { decideCloseWorkOrder } from './close-work-order/close-work-order.decide';
import type { CloseWorkOrder } from './close-work-order/close-work-order.command';
import { decideCreateWorkOrder } from './create-work-order/create-work-order.decide';
import type { CreateWorkOrder } from './create-work-order/create-work-order.command';
import { decideExtendReplyDeadline } from './extend-reply-deadline/extend-reply-deadline.decide';
import type { ExtendReplyDeadline } from './extend-reply-deadline/extend-reply-deadline.command';
import { decideRecordReply } from './record-reply/record-reply.decide';
import type { RecordWorkOrderReply } from './record-reply/record-reply.command';
import { decideRecordVisit } from './record-visit/record-visit.decide';
import type { RecordWorkOrderVisit } from './record-visit/record-visit.command';
import { decideReopenWorkOrder } from './reopen-work-order/reopen-work-order.decide';
import type { ReopenWorkOrder } from './reopen-work-order/reopen-work-order.command';
import { decideReturnWorkOrder } from './return-work-order/return-work-order.decide';
import type { ReturnWorkOrder } from './return-work-order/return-work-order.command';
import { decideSuperviseWorkOrder } from './supervise-work-order/supervise-work-order.decide';
import type { SuperviseWorkOrder } from './supervise-work-order/supervise-work-order.command';

export type WorkOrderCommand =
  | CreateWorkOrder
  | AssignWorkOrder
  | AcknowledgeWorkOrder
  | ReturnWorkOrder
  | ExtendReplyDeadline
  | RecordWorkOrderReply
  | RecordWorkOrderVisit
  | ReopenWorkOrder
  | CloseWorkOrder
  | SuperviseWorkOrder;

export const workOrderDecider: Decider<WorkOrderCommand, WorkOrderEvent, WorkOrderState> = {
  initialState: initialWorkOrderState,
  decide(command, state) {
    switch (command.type) {
      case 'CreateWorkOrder':
        return decideCreateWorkOrder(command, state);
      case 'AssignWorkOrder':
        return decideAssignWorkOrder(command, state);
      case 'AcknowledgeWorkOrder':
        return decideAcknowledgeWorkOrder(command, state);
      case 'ReturnWorkOrder':
        return decideReturnWorkOrder(command, state);
      case 'ExtendReplyDeadline':
        return decideExtendReplyDeadline(command, state);
      case 'RecordWorkOrderReply':
        return decideRecordReply(command, state);
      case 'RecordWorkOrderVisit':
        return decideRecordVisit(command, state);
      case 'ReopenWorkOrder':
        return decideReopenWorkOrder(command, state);
      case 'CloseWorkOrder':
        return decideCloseWorkOrder(command, state);
      case 'SuperviseWorkOrder':
        return decideSuperviseWorkOrder(command, state);
      default:
        return assertNever(command, 'work-order command');
    }
  },
  evolve: evolveWorkOrder,
};
