import { createHash } from 'node:crypto';
import { exclusive } from '@pls/read-model';
import type { DataSource } from 'typeorm';

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** Keys are kept at least this long (API.md: ≥ 24 h). */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3600_000;

/** `status` of a claimed key whose request has not been answered yet. */
export const PENDING = 0;

/**
 * First answers to requests sent with an `Idempotency-Key`, per user. The
 * events themselves are deduplicated by the store (their ids derive from the
 * key); this keeps the *answer*, errors included, for a repeat.
 */
export class IdempotencyStore {
  constructor(private readonly db: DataSource) {}

  async find(scope: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db
      .createQueryBuilder()
      .select(['k.request_hash AS request_hash', 'k.status AS status', 'k.body AS body', 'k.headers AS headers'])
      .from('idempotency_keys', 'k')
      .where('k.scope = :scope AND k.key = :key', { scope, key })
      .getRawOne<{ request_hash: string; status: number; body: string; headers: string }>();
    if (!row) return null;
    return { requestHash: row.request_hash, status: Number(row.status), body: JSON.parse(row.body), headers: JSON.parse(row.headers) };
  }

  /**
   * Claims the key for this request before it runs, so a *different* request
   * racing with the same key finds the claim and is refused instead of being
   * mistaken for a repeat. Returns what the key now holds: `status` 0 means
   * "claimed, not answered yet" (this request, or an identical one in flight,
   * which is safe to run again: its events dedupe by the command id).
   */
  async claim(scope: string, key: string, requestHash: string, now: Date): Promise<StoredResponse> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .insert()
        .into('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, status: PENDING, body: 'null', headers: '{}', created_at: now.toISOString() })
        .orIgnore()
        .execute(),
    );
    const stored = await this.find(scope, key);
    if (!stored) throw new Error(`idempotency key ${key} vanished while being claimed`);
    return stored;
  }

  /** Stores the answer of a claimed key. */
  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .update('idempotency_keys')
      .set({ status: response.status, body: JSON.stringify(response.body), headers: JSON.stringify(response.headers) })
        .where('scope = :scope AND key = :key AND request_hash = :hash', { scope, key, hash: response.requestHash })
        .execute(),
    );
  }

  async purge(before: Date): Promise<void> {
    await this.db
      .createQueryBuilder()
      .delete()
      .from('idempotency_keys')
      .where('created_at < :before', { before: before.toISOString() })
      .execute();
  }
}

/** Same method, path and body (keys in any order) → same hash. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
