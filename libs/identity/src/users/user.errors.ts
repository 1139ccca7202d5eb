import { DomainError, InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable refusal codes of users and accounts; clients and tests key on these. */
export const UserErrorCode = {
  NOT_FOUND: 'USER.NOT_FOUND',
  ALREADY_REGISTERED: 'USER.ALREADY_REGISTERED',
  USERNAME_TAKEN: 'USER.USERNAME_TAKEN',
  ALREADY_DEACTIVATED: 'USER.ALREADY_DEACTIVATED',
  NOT_DEACTIVATED: 'USER.NOT_DEACTIVATED',
  DEACTIVATED: 'USER.DEACTIVATED',
  SCOPE_REQUIRED: 'USER.SCOPE_REQUIRED',
  ORG_UNIT_NOT_FOUND: 'USER.ORG_UNIT_NOT_FOUND',
  ORG_UNIT_CLOSED: 'USER.ORG_UNIT_CLOSED',
  OUT_OF_SCOPE: 'USER.OUT_OF_SCOPE',
  SELF_DEACTIVATION: 'USER.SELF_DEACTIVATION',
  WEAK_PASSWORD: 'USER.WEAK_PASSWORD',
  WRONG_PASSWORD: 'USER.WRONG_PASSWORD',
} as const;

export class UserNotFoundError extends RecordNotFoundError {
  constructor() {
    super(UserErrorCode.NOT_FOUND, 'There is no user with this id');
  }
}

/** The user's lifecycle refuses the command (409). */
export class UserLifecycleError extends InvalidTransitionError {}

/** The username belongs to another account (409, naming `username`). */
export class UsernameTakenError extends DomainError {
  constructor() {
    super(UserErrorCode.USERNAME_TAKEN, 'This username is taken', 'conflict', 'username');
  }
}

/** Outside the acting admin's org subtree (403). */
export class UserOutOfScopeError extends DomainError {
  constructor(field?: string) {
    super(UserErrorCode.OUT_OF_SCOPE, 'This is outside your org unit', 'forbidden', field);
  }
}

export const userRefusals = {
  notFound: () => new UserNotFoundError(),
  alreadyRegistered: () => new UserLifecycleError(UserErrorCode.ALREADY_REGISTERED, 'A user with this id is already registered'),
  alreadyDeactivated: () => new UserLifecycleError(UserErrorCode.ALREADY_DEACTIVATED, 'The user is already deactivated'),
  notDeactivated: () => new UserLifecycleError(UserErrorCode.NOT_DEACTIVATED, 'The user is active'),
  deactivated: () => new UserLifecycleError(UserErrorCode.DEACTIVATED, 'The user is deactivated'),
  selfDeactivation: () => new UserLifecycleError(UserErrorCode.SELF_DEACTIVATION, 'You cannot deactivate yourself'),
  scopeRequired: () =>
    new InvalidValueError(UserErrorCode.SCOPE_REQUIRED, 'orgUnitId', 'Only an admin may be network-wide; name an org unit'),
  orgUnitNotFound: () => new InvalidValueError(UserErrorCode.ORG_UNIT_NOT_FOUND, 'orgUnitId', 'There is no org unit with this id'),
  orgUnitClosed: () => new InvalidValueError(UserErrorCode.ORG_UNIT_CLOSED, 'orgUnitId', 'The org unit is closed'),
  weakPassword: (field: string, message: string) => new InvalidValueError(UserErrorCode.WEAK_PASSWORD, field, message),
  wrongPassword: () => new InvalidValueError(UserErrorCode.WRONG_PASSWORD, 'currentPassword', 'The current password is not right'),
  outOfScope: (field?: string) => new UserOutOfScopeError(field),
  usernameTaken: () => new UsernameTakenError(),
};
