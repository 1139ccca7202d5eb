import { createHash } from 'node:crypto';
import { exclusive } from '@pls/read-model';
import type { Pool } from 'pg';
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
  /** On PostgreSQL: claims and answers go in batches of prepared statements (see {@link PostgresKeys}). */
  private readonly postgres: PostgresKeys | null;

  constructor(private readonly db: DataSource) {
    // TypeORM's PostgreSQL driver holds its pg pool as `master` once initialised.
    const pool = db.options.type === 'postgres' ? (db.driver as unknown as { master?: Pool }).master : undefined;
    this.postgres = pool ? new PostgresKeys(pool) : null;
  }

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
    if (this.postgres) {
      const claimed = await this.postgres.claim({ scope, key, requestHash, createdAt: now.toISOString() });
      if (claimed) return { requestHash, status: PENDING, body: null, headers: {} };
      // Taken already: by a repeat (answered or in flight) or by a different request.
      const stored = await this.postgres.find(scope, key);
      if (!stored) throw new Error(`idempotency key ${key} vanished while being claimed`);
      return stored;
    }
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
    if (this.postgres) return this.postgres.complete(scope, key, response);
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

interface Claim {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly createdAt: string;
}

interface Answer {
  readonly scope: string;
  readonly key: string;
  readonly response: StoredResponse;
}

/** Most claims or answers written by one statement. */
const MAX_BATCH = 256;
/** Statements of each kind in flight at once; what arrives meanwhile waits and goes in the next batch. */
const CONCURRENCY = 2;

/**
 * The PostgreSQL side of {@link IdempotencyStore}, built for the write path:
 * every request that carries a key costs a claim before the command and an
 * answer after it. Claims (and answers) arriving while the previous statement
 * runs are written together by one prepared statement, one round trip and
 * one commit for the lot, instead of an INSERT, a SELECT and an UPDATE per
 * request through the query builder. Both statements are `INSERT … ON
 * CONFLICT` on the primary key, so the arbiter index is their only access
 * path whatever plan the session caches; rows are written in key order so
 * two batches never wait for each other in a cycle.
 *
 * Each statement commits on its own (autocommit), so an answer is durable
 * before it is sent, exactly as before.
 */
class PostgresKeys {
  private readonly claims: Batcher<Claim, boolean>;
  private readonly answers: Batcher<Answer, null>;

  constructor(private readonly pool: Pool) {
    this.claims = new Batcher(async (batch) => {
      const sorted = [...new Set(batch.map((c) => `${c.scope}\u0000${c.key}`))].sort();
      const first = new Map<string, Claim>();
      for (const c of batch) if (!first.has(`${c.scope}\u0000${c.key}`)) first.set(`${c.scope}\u0000${c.key}`, c);
      const rows = sorted.map((k) => first.get(k)!);
      const { rows: inserted } = await this.pool.query<{ scope: string; key: string }>({
        name: 'idem_claim',
        text: `INSERT INTO idempotency_keys (scope, key, request_hash, status, body, headers, created_at)
               SELECT scope, key, request_hash, ${PENDING}, 'null', '{}', created_at
               FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) WITH ORDINALITY AS c(scope, key, request_hash, created_at, ord)
               ORDER BY ord
               ON CONFLICT (scope, key) DO NOTHING
               RETURNING scope, key`,
        values: [rows.map((c) => c.scope), rows.map((c) => c.key), rows.map((c) => c.requestHash), rows.map((c) => c.createdAt)],
      });
      const won = new Set(inserted.map((r) => `${r.scope}\u0000${r.key}`));
      // The first of identical keys in the batch holds the claim; the others find it taken.
      return batch.map((c) => won.has(`${c.scope}\u0000${c.key}`) && first.get(`${c.scope}\u0000${c.key}`) === c);
    });
    this.answers = new Batcher(async (batch) => {
      // One answer per key (a key is answered once); in key order.
      const last = new Map<string, Answer>();
      for (const a of batch) last.set(`${a.scope}\u0000${a.key}`, a);
      const rows = [...last.keys()].sort().map((k) => last.get(k)!);
      await this.pool.query({
        name: 'idem_complete',
        text: `INSERT INTO idempotency_keys AS k (scope, key, request_hash, status, body, headers, created_at)
               SELECT scope, key, request_hash, status, body, headers, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[], $5::text[], $6::text[]) WITH ORDINALITY
                 AS a(scope, key, request_hash, status, body, headers, ord)
               ORDER BY ord
               ON CONFLICT (scope, key) DO UPDATE SET status = EXCLUDED.status, body = EXCLUDED.body, headers = EXCLUDED.headers
               WHERE k.request_hash = EXCLUDED.request_hash`,
        values: [
          rows.map((a) => a.scope),
          rows.map((a) => a.key),
          rows.map((a) => a.response.requestHash),
          rows.map((a) => a.response.status),
          rows.map((a) => JSON.stringify(a.response.body)),
          rows.map((a) => JSON.stringify(a.response.headers)),
        ],
      });
      return batch.map(() => null);
    });
  }

  /** `true` when this claim took the key; `false` when it was taken already. */
  claim(claim: Claim): Promise<boolean> {
    return this.claims.add(claim);
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.answers.add({ scope, key, response });
  }

  async find(scope: string, key: string): Promise<StoredResponse | null> {
    const { rows } = await this.pool.query<{ request_hash: string; status: number; body: string; headers: string }>({
      name: 'idem_find',
      text: 'SELECT request_hash, status, body, headers FROM idempotency_keys WHERE scope = $1 AND key = $2',
      values: [scope, key],
    });
    const row = rows[0];
    if (!row) return null;
    return { requestHash: row.request_hash, status: Number(row.status), body: JSON.parse(row.body), headers: JSON.parse(row.headers) };
  }
}

/**
 * Coalesces calls into batches: whatever is added while fewer than
 * CONCURRENCY batches run starts a batch on the next turn of the event loop;
 * the rest waits for a running one to finish. A failed batch fails each of
 * its calls.
 */
class Batcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly run: (batch: readonly I[]) => Promise<readonly O[]>) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= CONCURRENCY || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running >= CONCURRENCY || this.queue.length === 0) return;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.running += 1;
      this.run(batch.map((b) => b.item))
        .then(
          (out) => batch.forEach((b, i) => b.resolve(out[i]!)),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.running -= 1;
          this.schedule();
        });
      this.schedule();
    });
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
