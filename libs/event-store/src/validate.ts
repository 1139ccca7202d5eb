import { InvalidAppendError } from './errors';
import type { ExpectedVersion, NewEvent } from './event-store.port';

const STREAM_RE = /^[A-Za-z0-9_.$]+-[A-Za-z0-9_.:-]+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shared argument checks so every adapter refuses the same inputs the same way. */
export function validateAppend(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): void {
  if (!STREAM_RE.test(stream) || stream.length > 200) {
    throw new InvalidAppendError(`invalid stream name ${JSON.stringify(stream)}: use <category>-<id>`);
  }
  if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`invalid expected version ${expected}`);
  }
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID_RE.test(e.id)) throw new InvalidAppendError(`event id ${JSON.stringify(e.id)} is not a UUID`);
    if (seen.has(e.id)) throw new InvalidAppendError(`event id ${e.id} appears twice in one append`);
    seen.add(e.id);
    if (typeof e.type !== 'string' || e.type.length === 0) throw new InvalidAppendError('event type is required');
  }
}

export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'exists') return actual > 0;
  return expected === actual;
}
