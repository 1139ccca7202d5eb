/**
 * Client-side validation with the API's own body schemas: the OpenAPI
 * document (/api/docs-json) carries the JSON Schema of every command body,
 * and the same Ajv settings and formats the API uses check them here, so a
 * form refuses exactly what the server would refuse, before the round trip.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isBusinessDate, isInstant } from '@pls/reference';
import type { FieldError } from './client';
import { get } from './client';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
  ajv.addFormat('uuid', { type: 'string', validate: (v: string) => UUID_RE.test(v) });
  ajv.addFormat('business-date', { type: 'string', validate: (v: string) => isBusinessDate(v) });
  ajv.addFormat('instant', { type: 'string', validate: (v: string) => isInstant(v) });
  return ajv;
}

type Schemas = Map<string, Record<string, unknown>>;
let schemas: Promise<Schemas> | null = null;
const compiled = new Map<string, ValidateFunction | null>();
const ajv = createAjv();

function loadSchemas(): Promise<Schemas> {
  schemas ??= get<{ paths: Record<string, Record<string, any>> }>('/api/docs-json')
    .then((doc) => {
      const map: Schemas = new Map();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) {
        const schema = ops['post']?.requestBody?.content?.['application/json']?.schema;
        if (schema && !schema.$ref) map.set(path, schema);
      }
      return map;
    })
    .catch(() => {
      schemas = null; // try again next time; the server still validates
      return new Map();
    });
  return schemas;
}

/** `/parties/0/personId` → `parties[0].personId` (the API's field naming). */
function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export type Messages = (key: string, vars?: Record<string, string | number>) => string;

function toFieldError(e: ErrorObject, t: Messages): FieldError {
  const at = pointerToField(e.instancePath);
  const join = (child: string) => (at ? `${at}.${child}` : child);
  switch (e.keyword) {
    case 'additionalProperties':
      return { field: join(String(e.params['additionalProperty'])), message: t('v.unknownField') };
    case 'required':
      return { field: join(String(e.params['missingProperty'])), message: t('v.required') };
    case 'format':
      return { field: at, message: t(`v.format.${e.params['format']}`) };
    case 'enum':
      return { field: at, message: t('v.enum') };
    case 'type':
      return { field: at, message: e.params['type'] === 'integer' ? t('v.integer') : t('v.type') };
    case 'minimum':
      return { field: at, message: t('v.minimum', { n: e.params['limit'] }) };
    case 'maximum':
      return { field: at, message: t('v.maximum', { n: e.params['limit'] }) };
    case 'minItems':
      return { field: at, message: t('v.minItems', { n: e.params['limit'] }) };
    case 'maxLength':
      return { field: at, message: t('v.maxLength', { n: e.params['limit'] }) };
    case 'minLength':
    case 'pattern':
      return { field: at, message: t('v.required') };
    default:
      return { field: at || '(body)', message: e.message ?? t('v.invalid') };
  }
}

/** The schema of `POST /api/v1/<collection>` (action null) or `…/{id}/<action>`. */
async function validator(collection: string, action: string | null): Promise<ValidateFunction | null> {
  const path = action ? `/api/v1/${collection}/{id}/${action}` : `/api/v1/${collection}`;
  if (compiled.has(path)) return compiled.get(path)!;
  const schema = (await loadSchemas()).get(path);
  let fn: ValidateFunction | null = null;
  if (schema) {
    try {
      fn = ajv.compile(schema);
    } catch {
      fn = null;
    }
  }
  compiled.set(path, fn);
  return fn;
}

/** Field errors the API would answer for this body (empty when it would pass schema validation). */
export async function validateBody(collection: string, action: string | null, body: unknown, t: Messages): Promise<FieldError[]> {
  const fn = await validator(collection, action);
  if (!fn || fn(body)) return [];
  const seen = new Map<string, FieldError>();
  for (const e of fn.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const fe = toFieldError(e, t);
    if (!seen.has(fe.field)) seen.set(fe.field, fe);
  }
  return [...seen.values()];
}

/** Warm the schema cache (the operator console calls it at start so the first call validates at once). */
export function preloadSchemas(): void {
  void loadSchemas();
}

/** Mobile 1[3-9]xxxxxxxxx or landline 0xx(x)-xxxxxxx(x), as the vault checks it. */
export function isPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}$/.test(value);
}

/** 13812341234 → 138****1234 (the vault's masking, for numbers typed here). */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  const positions = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const shown = new Set([...positions.slice(0, 3), ...positions.slice(Math.max(3, positions.length - 4))]);
  return chars.map((c, i) => (positions.includes(i) && !shown.has(i) ? '*' : c)).join('');
}
