import { InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/* Lifecycle refusals (409 unless said otherwise). Codes are stable; messages are not. */

export class WorkOrderNotFoundError extends RecordNotFoundError {
  constructor() {
    super('WORK_ORDER.NOT_FOUND', 'There is no such work order');
  }
}

export class WorkOrderAlreadyExistsError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.ALREADY_EXISTS', 'A work order with this id already exists');
  }
}

/** Work orders are born of a call's hand-over (转办), never on their own. */
export class WorkOrderNotHandedOverError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_HANDED_OVER', 'The call has not been handed over to this work order');
  }
}

export class WorkOrderClosedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.CLOSED', 'The work order is closed');
  }
}

/** Assigning is for an order just created, returned, or reopened. */
export class WorkOrderNotAwaitingAssignmentError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_AWAITING_ASSIGNMENT', 'The work order is not waiting to be assigned');
  }
}

export class WorkOrderNotAssignedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_ASSIGNED', 'The work order is not assigned to a unit that has yet to reply');
  }
}

export class WorkOrderNotAcknowledgedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_ACKNOWLEDGED', 'The assigned unit has not acknowledged (签收) the work order');
  }
}

export class WorkOrderNotRepliedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_REPLIED', 'The work order has no reply to visit or close on');
  }
}

export class WorkOrderNotUnsatisfiedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.NOT_UNSATISFIED', 'Only a work order rated unsatisfied at its visit can be reopened');
  }
}

/** An unsatisfied rating must be followed up (reopened), not closed on. */
export class WorkOrderUnsatisfiedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.UNSATISFIED', 'The caller was unsatisfied: reopen the work order instead of closing it');
  }
}

export class WorkOrderAlreadyExtendedError extends InvalidTransitionError {
  constructor() {
    super('WORK_ORDER.ALREADY_EXTENDED', 'The reply deadline can be extended once only');
  }
}

/* Values the body schema cannot judge (422 naming the field). */

export const invalidWorkOrderValue = {
  beforePreviousStep: () =>
    new InvalidValueError('WORK_ORDER.BEFORE_PREVIOUS_STEP', 'at', 'at (or, without it, now) is before the previous step of the work order'),
};
