import { createHash, randomUUID } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

export function newId(): string {
  return randomUUID();
}

/** The pls-desk namespace for name-based (v5) ids. */
const NAMESPACE = Buffer.from('6c1f3a8e8d9b4f2a9c7e5b1d2a3f4e5c', 'hex');

/**
 * Name-based UUID (RFC 9562 v5). Event ids derive from the command id and the
 * event's index, so a re-sent command produces the same ids and the store
 * appends nothing twice.
 */
export function deterministicId(...parts: Array<string | number>): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventIdFor(commandId: string, index: number): string {
  return deterministicId('event', commandId, index);
}
