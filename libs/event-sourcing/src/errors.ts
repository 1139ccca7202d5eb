/** How the outside world should read a refusal; the HTTP layer maps it to a status. */
export type DomainErrorKind = 'conflict' | 'invalid' | 'not-found' | 'forbidden';

/**
 * A refused command. `code` is stable (`MEDIATION.NOT_ACCEPTED`) — clients and
 * tests key on it, never on the message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A state transition the lifecycle does not allow (409). */
export class InvalidTransitionError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 'conflict');
  }
}

/** A value the command carries is not acceptable (422, naming the field). */
export class InvalidValueError extends DomainError {
  constructor(code: string, field: string, message: string) {
    super(code, message, 'invalid', field);
  }
}

export class RecordNotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 'not-found');
  }
}
