import { DomainError } from '@pls/event-sourcing';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Query parameters refused at once (422, `VALIDATION.FAILED`): `errors` names
 * every one of them, `field` the first, for the app's problem+json filter.
 */
export class CaseListQueryError extends DomainError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[]) {
    if (errors.length === 0) throw new Error('CaseListQueryError needs at least one field error');
    super('VALIDATION.FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'invalid', errors[0]!.field);
    this.errors = errors;
  }
}

/** `orgUnitId` names no unit the case list knows (422 naming the field, like an unknown id in a body). */
export class UnknownCaseListUnitError extends DomainError {
  readonly errors: readonly FieldError[] = [{ field: 'orgUnitId', message: 'no org unit with this id' }];

  constructor() {
    super('REFERENCE.NOT_FOUND', 'orgUnitId: no org unit with this id', 'invalid', 'orgUnitId');
  }
}
