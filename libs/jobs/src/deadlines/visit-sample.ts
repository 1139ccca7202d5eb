import { createHash } from 'node:crypto';

/**
 * Whether a replied work order is drawn for a satisfaction visit (回访):
 * the first 32 bits of SHA-256 of its id, as a share of 2^32, below `rate`.
 * Deterministic, so the deadlines projection, a rebuild, the job's re-check
 * and the notifications all draw the same orders; ids are random UUIDs, so
 * the drawn share approaches `rate`.
 */
export function drawnForVisit(workOrderId: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  const digest = createHash('sha256').update(workOrderId.toLowerCase()).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < rate;
}
