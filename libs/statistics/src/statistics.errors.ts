import { DomainError } from '@pls/event-sourcing';

export interface QueryFieldError {
  readonly field: string;
  readonly message: string;
}

export const StatisticsErrorCode = {
  INVALID_QUERY: 'STATS.INVALID_QUERY',
} as const;

/**
 * A statistics question the API cannot answer as asked: 422 with every field
 * named (the API's problem filter maps kind `invalid` and copies `errors`).
 */
export class StatisticsQueryError extends DomainError {
  constructor(readonly errors: readonly QueryFieldError[]) {
    super(StatisticsErrorCode.INVALID_QUERY, errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'invalid', errors[0]?.field);
  }
}
