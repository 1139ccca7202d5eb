/** A field the request got wrong; `field` is a dotted path (`parties[0].personId`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An answer in RFC 9457 problem+json form. `code` is stable; clients and
 * tests key on it, never on `title` or `detail`.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly extra: { errors?: readonly FieldError[]; detail?: string; [key: string]: unknown } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
    this.name = 'ProblemError';
  }

  static validation(errors: readonly FieldError[], code = 'VALIDATION.FAILED'): ProblemError {
    return new ProblemError(422, code, 'The request has invalid fields', { errors });
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: readonly FieldError[];
  [key: string]: unknown;
}

export function problemBody(p: ProblemError): ProblemBody {
  return {
    type: `https://pls-desk.example/problems/${p.code.toLowerCase().replace(/[._]/g, '-')}`,
    title: p.title,
    status: p.status,
    code: p.code,
    ...p.extra,
  };
}
