import { ProblemError, type FieldError } from '../http/problem';

type FieldRule = { readonly kind: 'string'; readonly min: number; readonly max: number; readonly pattern?: RegExp; readonly oneOf?: readonly string[] } | { readonly kind: 'uuid-or-null' } | { readonly kind: 'uuid' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Checks a JSON body against named fields: every required one present, none
 * unknown (API.md: a field the endpoint does not define is 422 naming it),
 * each of its type and length. Answers the body typed, or throws one 422
 * listing every fault.
 */
export function readBody<K extends string>(body: unknown, rules: Record<K, FieldRule>, optional: readonly NoInfer<K>[] = []): Record<K, any> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ProblemError.validation([{ field: '', message: 'The body must be a JSON object' }]);
  }
  const errors: FieldError[] = [];
  const given = body as Record<string, unknown>;
  for (const field of Object.keys(given)) if (!(field in rules)) errors.push({ field, message: 'This field is not defined here' });
  for (const [field, rule] of Object.entries(rules) as Array<[K, FieldRule]>) {
    const value = given[field];
    if (value === undefined) {
      if (!optional.includes(field)) errors.push({ field, message: 'Required' });
      continue;
    }
    if (rule.kind === 'uuid-or-null') {
      if (value !== null && !(typeof value === 'string' && UUID.test(value))) errors.push({ field, message: 'Must be a UUID or null' });
    } else if (rule.kind === 'uuid') {
      if (!(typeof value === 'string' && UUID.test(value))) errors.push({ field, message: 'Must be a UUID' });
    } else if (typeof value !== 'string') {
      errors.push({ field, message: 'Must be a string' });
    } else if (rule.oneOf && !rule.oneOf.includes(value)) {
      errors.push({ field, message: `Must be one of ${rule.oneOf.join(', ')}` });
    } else {
      const length = [...value].length;
      if (length < rule.min || length > rule.max) errors.push({ field, message: `Must be ${rule.min} to ${rule.max} characters` });
      else if (rule.pattern && !rule.pattern.test(value)) errors.push({ field, message: 'Has characters that are not allowed' });
    }
  }
  if (errors.length > 0) throw ProblemError.validation(errors);
  return given as Record<K, any>;
}

/** Letters (any script), digits, `.`, `_`, `-`, `@`: a username fits a URL, a log line and a form field. */
export const USERNAME_RULE = { kind: 'string', min: 2, max: 64, pattern: /^[\p{L}\p{N}._@-]+$/u } as const;
/** Sign-in takes any string up to the maximum; the policy (≥ 8) applies when a password is set. */
export const ANY_PASSWORD_RULE = { kind: 'string', min: 1, max: 256 } as const;
