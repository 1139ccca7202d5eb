/* The event log must hold no personal data (DOMAIN.md, Personal data) and no
 * event without an actor (issue 7, Audit). `scanEventLog` reads a whole store
 * and names every offending event; the API harness runs it when a spec closes
 * its API, so every suite that starts one (test/e2e, test/security,
 * test/statistics, …) proves it over everything it did. */
import type { EventStore, RecordedEvent } from '@pls/event-store';

/** Values a spec sent to the personal-data vault (`POST /api/v1/persons`): none may reach an event. */
export class PersonalValues {
  private readonly values = new Map<string, string>();

  /** Remembers `name`, `phone` and `idNumber` of a persons request body (raw JSON text or an object). */
  rememberPersonBody(payload: unknown): void {
    let body = payload;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        return;
      }
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    for (const field of ['name', 'phone', 'idNumber'] as const) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.trim() !== '') this.values.set(value.trim(), field);
    }
  }

  entries(): Array<{ value: string; field: string }> {
    return [...this.values].map(([value, field]) => ({ value, field }));
  }
}

/** Chinese mobile numbers (1[3-9] + 9 digits), standing alone. */
export const MOBILE_PATTERN = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
/** 18-character resident ID numbers (GB 11643: region, birth date, sequence, check character), standing alone. */
export const RESIDENT_ID_PATTERN = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;

export interface Finding {
  readonly position: number;
  readonly type: string;
  /** `data.parties[0].name`, `metadata.actorId`, … */
  readonly field: string;
  readonly what: string;
}

export interface ScanOptions {
  /** Values sent to the vault during the run (each looked for inside every string). */
  readonly personal?: PersonalValues;
  /** Also require `metadata.actorId` on every event (default true). */
  readonly requireActor?: boolean;
}

/** Every string (and object key) in a JSON value, with its dotted path. */
function* strings(value: unknown, path: string): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = `${path}.${key}`;
      yield { path: `${child} (key)`, text: key };
      yield* strings(item, child);
    }
  }
}

/** Findings in one event: personal values, phone numbers, ID numbers, a missing actor. */
export function scanEvent(event: RecordedEvent, options: ScanOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const at = (field: string, what: string) => findings.push({ position: event.position, type: event.type, field, what });
  const personal = options.personal?.entries() ?? [];
  for (const part of ['data', 'metadata'] as const) {
    for (const { path, text } of strings(event[part], part)) {
      if (MOBILE_PATTERN.test(text)) at(path, 'a mobile phone number');
      if (RESIDENT_ID_PATTERN.test(text)) at(path, 'a resident ID number');
      for (const { value, field } of personal) {
        // One-character names would match too much text by accident; they must equal the whole string.
        const hit = [...value].length >= 2 ? text.includes(value) : text === value;
        if (hit) at(path, `a person's ${field} sent to /api/v1/persons`);
      }
    }
  }
  if (options.requireActor !== false) {
    const actor = event.metadata?.['actorId'];
    if (typeof actor !== 'string' || actor.trim() === '') at('metadata.actorId', 'no actor');
  }
  return findings;
}

/** Reads the whole log and scans every event; an empty list is a clean log. */
export async function scanEventLog(store: EventStore, options: ScanOptions = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let after = 0; ; ) {
    const batch = await store.readAll(after, 1000);
    if (batch.length === 0) break;
    for (const event of batch) findings.push(...scanEvent(event, options));
    after = batch[batch.length - 1]!.position;
  }
  return findings;
}

/** The failure a spec sees: every finding on a line of its own (the value itself is never printed). */
export class EventLogScanError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    const lines = findings.slice(0, 50).map((f) => `  #${f.position} ${f.type} ${f.field}: ${f.what}`);
    const more = findings.length > 50 ? `\n  … and ${findings.length - 50} more` : '';
    super(`the event log holds personal data or events without an actor (${findings.length}):\n${lines.join('\n')}${more}`);
    this.name = 'EventLogScanError';
  }
}

export async function assertCleanEventLog(store: EventStore, options: ScanOptions = {}): Promise<void> {
  const findings = await scanEventLog(store, options);
  if (findings.length > 0) throw new EventLogScanError(findings);
}
