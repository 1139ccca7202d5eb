import type { Command, DomainError } from '@pls/event-sourcing';
import type { WorkOrderFacts } from './work-order.events';
import { WorkOrderClosedError, WorkOrderNotFoundError, invalidWorkOrderValue } from './work-order.errors';
import type { OpenWorkOrder, OpenWorkOrderStatus, WorkOrderRecord, WorkOrderState } from './work-order.state';
import { isBefore } from './instants';

export function requireOpenWorkOrder(state: WorkOrderState): asserts state is OpenWorkOrder {
  if (state.status === 'none') throw new WorkOrderNotFoundError();
  if (state.status === 'closed') throw new WorkOrderClosedError();
}

/** The order exists, is open, and is in one of `allowed`; otherwise `refusal`. */
export function requireStatus<S extends OpenWorkOrderStatus>(
  state: WorkOrderState,
  allowed: readonly S[],
  refusal: new () => DomainError,
): asserts state is WorkOrderRecord & { readonly status: S } {
  requireOpenWorkOrder(state);
  if (!(allowed as readonly OpenWorkOrderStatus[]).includes(state.status)) throw new refusal();
}

/**
 * The instant a step happened: the command's `at`, or the moment it was issued.
 * Steps are often entered days later, but never in an order the lifecycle did
 * not take.
 */
export function stepAt(command: Command<string, { readonly at?: string }>, state: WorkOrderRecord): string {
  const at = command.data.at ?? command.metadata.now;
  if (isBefore(at, state.lastStepAt)) throw invalidWorkOrderValue.beforePreviousStep();
  return at;
}

/** The facts every event of this order carries; `orgUnitId` is the unit responsible now. */
export function workOrderFacts(state: WorkOrderRecord): WorkOrderFacts {
  return { orgUnitId: state.orgUnitId, class: state.class, category: state.category, urgent: state.urgent, createdAt: state.createdAt };
}
