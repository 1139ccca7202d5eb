import { InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/* Lifecycle refusals (409 unless said otherwise). Codes are stable; messages are not. */

export class HotlineCallNotFoundError extends RecordNotFoundError {
  constructor() {
    super('HOTLINE.NOT_FOUND', 'There is no such hotline call');
  }
}

export class HotlineCallAlreadyExistsError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.ALREADY_EXISTS', 'A hotline call with this id has already been logged');
  }
}

/** Callbacks are for calls nobody answered: missed, voicemail, or an earlier callback not reached. */
export class CallNotMissedError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.NOT_MISSED', 'Only a missed or voicemail call can be called back');
  }
}

export class CallAlreadyReachedError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.ALREADY_REACHED', 'The caller has already been reached by a callback');
  }
}

export class CallNotAnsweredError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.NOT_ANSWERED', 'Only an answered call can be handed over or closed');
  }
}

export class CallAlreadyHandedOverError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.ALREADY_HANDED_OVER', 'The call has already been handed over to a work order');
  }
}

export class CallClosedError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.CLOSED', 'The call is closed');
  }
}

/* Values the body schema cannot judge (422 naming the field). */

export const invalidCallValue = {
  answeredAtRequired: () =>
    new InvalidValueError('HOTLINE.ANSWERED_AT_REQUIRED', 'answeredAt', 'An answered call needs answeredAt'),
  answeredAtNotAllowed: () =>
    new InvalidValueError('HOTLINE.ANSWERED_AT_NOT_ALLOWED', 'answeredAt', 'A missed or voicemail call has no answeredAt'),
  answeredBeforeOffered: () =>
    new InvalidValueError('HOTLINE.ANSWERED_BEFORE_OFFERED', 'answeredAt', 'answeredAt is before offeredAt'),
  endedBeforeStart: () =>
    new InvalidValueError('HOTLINE.ENDED_BEFORE_START', 'endedAt', 'endedAt is before the call was offered or answered'),
  callbackBeforeOffered: () =>
    new InvalidValueError('HOTLINE.CALLBACK_BEFORE_OFFERED', 'at', 'A callback cannot precede the call it answers'),
  closedBeforeEnded: () =>
    new InvalidValueError('HOTLINE.CLOSED_BEFORE_CALL_ENDED', 'at', 'A call cannot be closed before it ended'),
  workOrderIdTaken: () =>
    new InvalidValueError('HOTLINE.WORK_ORDER_ID_TAKEN', 'workOrderId', 'A work order with this id already exists'),
};
