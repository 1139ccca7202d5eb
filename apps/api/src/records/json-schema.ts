import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isUuid } from '@pls/event-sourcing';
import { isBusinessDate, isInstant } from '@pls/reference';
import type { FieldError } from '../http/problem';

/** One Ajv for the whole API: strict schemas, every error reported, no coercion. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false, removeAdditional: false });
  ajv.addFormat('uuid', { type: 'string', validate: (v: string) => isUuid(v) });
  ajv.addFormat('business-date', { type: 'string', validate: (v: string) => isBusinessDate(v) });
  ajv.addFormat('instant', { type: 'string', validate: (v: string) => isInstant(v) });
  return ajv;
}

/** `/parties/0/personId` → `parties[0].personId`. */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const FORMAT_MESSAGES: Record<string, string> = {
  uuid: 'must be a UUID',
  'business-date': 'must be a date YYYY-MM-DD between 1990 and 2100',
  instant: 'must be an ISO-8601 instant with an offset, e.g. 2021-03-01T09:30:00+08:00',
};

function toFieldError(e: ErrorObject): FieldError {
  const at = pointerToField(e.instancePath);
  const join = (child: string) => (at ? `${at}.${child}` : child);
  switch (e.keyword) {
    case 'additionalProperties':
      return { field: join(String(e.params['additionalProperty'])), message: 'is not a field of this request' };
    case 'required':
      return { field: join(String(e.params['missingProperty'])), message: 'is required' };
    case 'format':
      return { field: at, message: FORMAT_MESSAGES[String(e.params['format'])] ?? `must match format ${e.params['format']}` };
    case 'enum':
      return { field: at, message: `must be one of ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { field: at, message: e.params['type'] === 'integer' ? 'must be a whole number' : `must be ${e.params['type']}` };
    default:
      return { field: at || '(body)', message: e.message ?? 'is invalid' };
  }
}

/** Ajv's errors, one per field, in the API's `{ field, message }` form. */
export function fieldErrors(validate: ValidateFunction): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const e of validate.errors ?? []) {
    // `if/then` and `oneOf` wrappers repeat what their branches said.
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const fe = toFieldError(e);
    if (!seen.has(fe.field)) seen.set(fe.field, fe);
  }
  return [...seen.values()];
}
