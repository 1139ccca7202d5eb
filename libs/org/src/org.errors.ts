import { DomainError, InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable refusal codes of the org context; clients and tests key on these. */
export const OrgErrorCode = {
  // 404
  NOT_FOUND: 'ORG.NOT_FOUND',
  // 409: the lifecycle refuses
  ALREADY_REGISTERED: 'ORG.ALREADY_REGISTERED',
  ALREADY_CLOSED: 'ORG.ALREADY_CLOSED',
  CITY_NOT_MOVABLE: 'ORG.CITY_NOT_MOVABLE',
  PARENT_CLOSED: 'ORG.PARENT_CLOSED',
  // 422: a value the body schema cannot judge
  PARENT_NOT_FOUND: 'ORG.PARENT_NOT_FOUND',
  INVALID_PARENT_LEVEL: 'ORG.INVALID_PARENT_LEVEL',
  SAME_NAME: 'ORG.SAME_NAME',
  SAME_PARENT: 'ORG.SAME_PARENT',
  MOVE_BEFORE_LAST_MOVE: 'ORG.MOVE_BEFORE_LAST_MOVE',
  // 422: a network file that cannot be loaded
  INVALID_NETWORK_FILE: 'ORG.INVALID_NETWORK_FILE',
} as const;

export type OrgErrorCode = (typeof OrgErrorCode)[keyof typeof OrgErrorCode];

/** No org unit under this id (404). */
export class OrgUnitNotFoundError extends RecordNotFoundError {
  constructor() {
    super(OrgErrorCode.NOT_FOUND, 'There is no org unit with this id');
  }
}

/** The unit's lifecycle refuses the command in its current state (409). */
export class OrgUnitLifecycleError extends InvalidTransitionError {}

/**
 * The chosen parent exists but is closed (409, naming `parentId`): a closed
 * unit takes no new units, like it takes no new records.
 */
export class ParentClosedError extends DomainError {
  constructor() {
    super(OrgErrorCode.PARENT_CLOSED, 'The parent unit is closed', 'conflict', 'parentId');
  }
}

const lifecycle = (code: OrgErrorCode, message: string) => () => new OrgUnitLifecycleError(code, message);
const invalid = (code: OrgErrorCode, field: string) => (message: string) => new InvalidValueError(code, field, message);

/** One factory per refusal, so a code always travels with the same kind and field. */
export const refusals = {
  notFound: () => new OrgUnitNotFoundError(),
  alreadyRegistered: lifecycle(OrgErrorCode.ALREADY_REGISTERED, 'An org unit with this id is already registered'),
  alreadyClosed: lifecycle(OrgErrorCode.ALREADY_CLOSED, 'The org unit is closed'),
  cityNotMovable: lifecycle(OrgErrorCode.CITY_NOT_MOVABLE, 'A city is the root of its tree and cannot be moved'),
  parentClosed: () => new ParentClosedError(),
  parentNotFound: () => new InvalidValueError(OrgErrorCode.PARENT_NOT_FOUND, 'parentId', 'There is no org unit with this id'),
  invalidParentLevel: invalid(OrgErrorCode.INVALID_PARENT_LEVEL, 'parentId'),
  sameName: () => new InvalidValueError(OrgErrorCode.SAME_NAME, 'name', 'The unit already has this name'),
  sameParent: () => new InvalidValueError(OrgErrorCode.SAME_PARENT, 'parentId', 'The unit is already under this parent'),
  moveBeforeLastMove: (since: string) =>
    new InvalidValueError(OrgErrorCode.MOVE_BEFORE_LAST_MOVE, 'effectiveOn', `The unit has been under its current parent since ${since}`),
};

/** A network file that does not describe a loadable tree; `problems` name each fault. */
export class InvalidNetworkFileError extends DomainError {
  constructor(readonly problems: readonly string[]) {
    super(OrgErrorCode.INVALID_NETWORK_FILE, `Invalid network file: ${problems.join('; ')}`, 'invalid', 'units');
  }
}
