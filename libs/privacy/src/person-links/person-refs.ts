import { isUuid } from '@pls/event-sourcing';

/** `personId`, `callerPersonId`, `applicantPersonId` …: a field naming one person. */
const PERSON_FIELD = /^(?:p|.+P)ersonId$/;
/** `personIds`, `witnessPersonIds` …: a field naming several. */
const PERSONS_FIELD = /^(?:p|.+P)ersonIds$/;
/** Event data is flat records with a level of parties; deeper is not a person reference. */
const MAX_DEPTH = 4;

/**
 * The persons an event's data names, found by field name rather than by event
 * type, so a new record type's `*PersonId` fields are covered without a change
 * here: `personId` and `…PersonId` strings, `personIds` / `…PersonIds` arrays,
 * and the same inside nested objects and arrays of objects (mediation
 * `parties[].personId`). Ids are lower-cased; what is not a UUID is ignored.
 */
export function personIdsIn(data: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (PERSON_FIELD.test(key)) {
        if (isUuid(field)) found.add(field.toLowerCase());
      } else if (PERSONS_FIELD.test(key) && Array.isArray(field)) {
        for (const id of field) if (isUuid(id)) found.add(id.toLowerCase());
      } else if (typeof field === 'object') {
        visit(field, depth + 1);
      }
    }
  };
  visit(data, 0);
  return [...found];
}

/**
 * The users an event names as the record's own workers, when it does:
 * `mediatorIds` (a mediation's designated or reassigned mediators),
 * `assigneeIds` / `assigneeId`. `undefined` when the event names none (the
 * workers stay as they were); an empty array clears them.
 */
export function workerIdsIn(data: unknown): string[] | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  for (const key of ['mediatorIds', 'assigneeIds']) {
    const value = d[key];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  }
  if (typeof d['assigneeId'] === 'string') return [d['assigneeId']];
  if (d['assigneeId'] === null) return [];
  return undefined;
}
