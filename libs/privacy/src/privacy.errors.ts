import { DomainError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable codes of the personal-data vault; clients and tests key on these. */
export const PrivacyErrorCode = {
  // 404
  PERSON_NOT_FOUND: 'PERSON.NOT_FOUND',
  // 409: the id is taken by a person with other data
  PERSON_ALREADY_EXISTS: 'PERSON.ALREADY_EXISTS',
  // 422: one or more fields of the body are not acceptable
  VALIDATION_FAILED: 'VALIDATION.FAILED',
} as const;

export type PrivacyErrorCode = (typeof PrivacyErrorCode)[keyof typeof PrivacyErrorCode];

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Several fields refused at once (422). `field` is the first of them, for a
 * filter that reads only one; `errors` lists them all, as the API contract's
 * `errors: [{ field, message }]` does. Messages never echo the refused value:
 * it may be personal data.
 */
export class PersonValidationError extends DomainError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[]) {
    if (errors.length === 0) throw new Error('PersonValidationError needs at least one field error');
    super(
      PrivacyErrorCode.VALIDATION_FAILED,
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      'invalid',
      errors[0]!.field,
    );
    this.errors = errors;
  }
}

/** The id is already registered with different personal data (409). */
export class PersonAlreadyExistsError extends DomainError {
  constructor() {
    super(PrivacyErrorCode.PERSON_ALREADY_EXISTS, 'A person with this id is already registered with other data', 'conflict');
  }
}

/** No person (or an erased one) under this id (404). */
export class PersonNotFoundError extends RecordNotFoundError {
  constructor() {
    super(PrivacyErrorCode.PERSON_NOT_FOUND, 'There is no person with this id');
  }
}

/**
 * Stored personal data that does not decrypt: tampered or corrupted ciphertext,
 * a wrong master key, or a master key id the keyring does not hold. Not a
 * refusal of the request but a fault of the vault — it must never be read as
 * "no data" and must reach the logs (500).
 */
export class VaultIntegrityError extends Error {
  readonly code = 'VAULT.INTEGRITY';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VaultIntegrityError';
  }
}
