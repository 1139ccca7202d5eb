import type { CommandRoute } from '@pls/event-sourcing';
import { WORK_ORDERS, WORK_ORDER_STREAM } from './hotline.collections';
import { workOrderDecider, type WorkOrderCommand } from './work-order.decider';
import type { WorkOrderEvent } from './work-order.events';
import type { WorkOrderState } from './work-order.state';

export type WorkOrderRoute<C extends WorkOrderCommand> = CommandRoute<C, WorkOrderEvent, WorkOrderState>;

export function workOrderOrgUnit(state: WorkOrderState): string | null {
  return state.status === 'none' ? null : state.orgUnitId;
}

/** A slice's route with what every work-order route shares filled in. */
export function workOrderRoute<C extends WorkOrderCommand>(
  slice: Omit<WorkOrderRoute<C>, 'collection' | 'streamCategory' | 'decider' | 'orgUnitOf'>,
): WorkOrderRoute<C> {
  return {
    ...slice,
    collection: WORK_ORDERS,
    streamCategory: WORK_ORDER_STREAM,
    decider: workOrderDecider,
    orgUnitOf: workOrderOrgUnit,
  };
}
