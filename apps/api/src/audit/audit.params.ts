import { isSystemActor, isUuid } from '@pls/event-sourcing';
import { isInstant } from '@pls/reference';
import { ProblemError, type FieldError } from '../http/problem';

/** The query string of `GET /api/v1/audit`; any other parameter is refused. */
export const AUDIT_PARAMS = ['recordId', 'actorId', 'from', 'to', 'limit', 'cursor', 'minPosition'] as const;
export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

const KNOWN = new Set<string>(AUDIT_PARAMS);
const WHOLE = /^\d{1,15}$/;

/**
 * Where a page starts: after the entry at `at` of kind `k` (0 an event, 1 a
 * personal-data access) and sequence `s` (log position / access-log seq).
 * The trail's order is (at, k, s): total, so keyset pages never skip or repeat.
 */
export interface AuditCursor {
  readonly at: string;
  readonly k: 0 | 1;
  readonly s: number;
}

export interface AuditQuery {
  readonly recordId?: string;
  readonly actorId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: AuditCursor;
  readonly minPosition?: string;
}

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { at, k, s } = value ?? {};
    if (typeof at !== 'string' || !isUtcInstant(at)) return null;
    if (k !== 0 && k !== 1) return null;
    if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) return null;
    return { at, k, s };
  } catch {
    return null;
  }
}

function isUtcInstant(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) && !Number.isNaN(Date.parse(text));
}

/** An instant with offset → the UTC ISO form the trail stores (`…Z`, milliseconds). */
function utc(text: string): string | null {
  if (!isInstant(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  return d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999 ? null : d.toISOString();
}

/** Reads and checks the whole query string; every refused parameter is named in one 422. */
export function parseAuditQuery(query: Readonly<Record<string, unknown>>): AuditQuery {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => void errors.push({ field, message });
  const values = new Map<string, string>();
  for (const [field, value] of Object.entries(query ?? {})) {
    if (!KNOWN.has(field)) fail(field, 'is not a parameter of this query');
    else if (typeof value !== 'string') fail(field, 'must be given once');
    else values.set(field, value);
  }
  const text = (field: string) => values.get(field);

  const recordId = text('recordId');
  if (recordId !== undefined && !isUuid(recordId)) fail('recordId', 'must be a UUID');
  const actorId = text('actorId');
  if (actorId !== undefined && !isUuid(actorId) && !isSystemActor(actorId)) fail('actorId', 'must be a user id (UUID) or a system actor (system:…)');

  const instant = (field: string): string | undefined => {
    const raw = text(field);
    if (raw === undefined) return undefined;
    const value = utc(raw);
    if (value === null) fail(field, 'must be an ISO-8601 instant with offset, e.g. 2021-07-01T00:00:00+08:00');
    return value ?? undefined;
  };
  const from = instant('from');
  const to = instant('to');
  if (from !== undefined && to !== undefined && from >= to) fail('to', 'must be later than from');

  let limit = DEFAULT_AUDIT_LIMIT;
  const limitText = text('limit');
  if (limitText !== undefined) {
    const n = Number(limitText);
    if (!WHOLE.test(limitText) || n < 1 || n > MAX_AUDIT_LIMIT) fail('limit', `must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`);
    else limit = n;
  }

  const cursorText = text('cursor');
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursor === null) fail('cursor', 'is not a cursor this query answered');

  const minPosition = text('minPosition');
  if (minPosition !== undefined && !WHOLE.test(minPosition)) fail('minPosition', 'must be a whole number ≥ 0');

  if (errors.length > 0) throw ProblemError.validation(errors, 'AUDIT.INVALID_QUERY');
  return {
    ...(recordId !== undefined ? { recordId } : {}),
    ...(actorId !== undefined ? { actorId } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    limit,
    ...(cursor ? { cursor } : {}),
    ...(minPosition !== undefined ? { minPosition } : {}),
  };
}
