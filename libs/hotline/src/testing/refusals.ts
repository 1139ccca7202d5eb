import { DomainError } from '@pls/event-sourcing';
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

/**
 * Specs for the statuses a work-order command is refused in: an unknown order
 * (not found), a closed one, and every open status outside `allowed` (`code`).
 */
export function itRefusesOutside(allowed: readonly OpenWorkOrderStatus[], code: string, command: () => WorkOrderCommand): void {
  const { given } = deciderSpec(workOrderDecider);
  it('refuses an unknown work order as not found', () => {
    given([]).when(command()).thenThrows(WorkOrderNotFoundError, 'WORK_ORDER.NOT_FOUND');
    expect(refusalOf(() => workOrderDecider.decide(command(), workOrderDecider.initialState)).kind).toBe('not-found');
  });
  it('refuses a closed work order', () => given(workOrderIn.closed).when(command()).thenThrows(WorkOrderClosedError, 'WORK_ORDER.CLOSED'));
  const others = OPEN_STATUSES.filter((s) => !allowed.includes(s));
  if (others.length > 0) {
    it.each(others)(`refuses with ${code} when the order is %s`, (status) => given(workOrderIn[status]).when(command()).thenRefuses(code));
  }
}
