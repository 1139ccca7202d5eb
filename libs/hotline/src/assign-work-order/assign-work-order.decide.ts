import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotAwaitingAssignmentError } from '../work-order.errors';
import type { WorkOrderAssigned, WorkOrderEvent, WorkOrderFacts } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import type { AssignWorkOrder } from './assign-work-order.command';

export function decideAssignWorkOrder(command: AssignWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['created', 'returned', 'reopened'], WorkOrderNotAwaitingAssignmentError);
  const at = stepAt(command, state);
  // In these statuses the latest step is the creation, return or reopening the order waits since.
  return [assignedEvent(workOrderFacts(state), command.data.orgUnitId, at, state.lastStepAt)];
}

export function assignedEvent(facts: WorkOrderFacts, orgUnitId: string, at: string, waitingSince: string): WorkOrderAssigned {
  return { type: 'WorkOrderAssigned', data: { ...facts, orgUnitId, at, assignedOn: shanghaiDate(at), waitingSince } };
}
