import { shanghaiDate } from '@pls/reference';
import { assignedEvent } from '../assign-work-order/assign-work-order.decide';
import { WorkOrderAlreadyExistsError, WorkOrderNotHandedOverError } from '../work-order.errors';
import type { WorkOrderEvent, WorkOrderFacts } from '../work-order.events';
import type { WorkOrderState } from '../work-order.state';
import type { CreateWorkOrder } from './create-work-order.command';

/** 转办: the order is created by the hotline unit and assigned to the chosen unit in one decision. */
export function decideCreateWorkOrder(command: CreateWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  if (state.status !== 'none') throw new WorkOrderAlreadyExistsError();
  const d = command.data;
  if (d.callWorkOrderId !== d.workOrderId) throw new WorkOrderNotHandedOverError();
  const facts: WorkOrderFacts = {
    orgUnitId: d.orgUnitId,
    class: d.class,
    category: d.category ?? null,
    urgent: d.urgent,
    createdAt: d.createdAt,
  };
  return [
    {
      type: 'WorkOrderCreated',
      data: { ...facts, workOrderId: d.workOrderId, callId: d.callId, assignToOrgUnitId: d.assignToOrgUnitId, createdOn: shanghaiDate(d.createdAt) },
    },
    assignedEvent(facts, d.assignToOrgUnitId, d.createdAt, d.createdAt),
  ];
}
