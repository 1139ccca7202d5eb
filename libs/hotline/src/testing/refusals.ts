import { DomainError, fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { WorkOrderClosedError, WorkOrderNotFoundError } from '../work-order.errors';
import { workOrderDecider, type WorkOrderCommand } from '../work-order.decider';
import type { OpenWorkOrderStatus } from '../work-order.state';
import { OPEN_STATUSES, workOrderIn } from './fixtures';

/** The refusal a decision throws, for specs that look at more than its code (kind, field). */
export function refusalOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}

/** Specs for the refusals every work-order command shares: an unknown order (not found) and a closed one. */
export function itRefusesUnknownAndClosed(command: () => WorkOrderCommand): void {
  const { given } = deciderSpec(workOrderDecider);
  it('refuses an unknown work order as not found', () => {
    given([]).when(command()).thenThrows(WorkOrderNotFoundError, 'WORK_ORDER.NOT_FOUND');
    expect(refusalOf(() => workOrderDecider.decide(command(), workOrderDecider.initialState)).kind).toBe('not-found');
  });
  it('refuses a closed work order', () => given(workOrderIn.closed).when(command()).thenThrows(WorkOrderClosedError, 'WORK_ORDER.CLOSED'));
}

/**
 * Specs for the statuses a work-order command is refused in: an unknown order,
 * a closed one, and every open status outside `allowed` (with `code`, as a conflict).
 */
export function itRefusesOutside(allowed: readonly OpenWorkOrderStatus[], code: string, command: () => WorkOrderCommand): void {
  itRefusesUnknownAndClosed(command);
  const { given } = deciderSpec(workOrderDecider);
  it.each(OPEN_STATUSES.filter((s) => !allowed.includes(s)))(`refuses with ${code} when the order is %s`, (status) => {
    given(workOrderIn[status]).when(command()).thenRefuses(code);
    expect(refusalOf(() => workOrderDecider.decide(command(), fold(workOrderDecider, workOrderIn[status]))).kind).toBe('conflict');
  });
}
