import { InvalidTransitionError } from '@pls/event-sourcing';

/** One flag per call: the callback deadline is set once, when the call is missed. */
export class CallbackAlreadyOverdueError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.CALLBACK_ALREADY_OVERDUE', 'The call has already been flagged as not called back in time');
  }
}

export class CallbackNotOverdueError extends InvalidTransitionError {
  constructor() {
    super('HOTLINE.CALLBACK_NOT_OVERDUE', 'The callback deadline has not passed yet');
  }
}
