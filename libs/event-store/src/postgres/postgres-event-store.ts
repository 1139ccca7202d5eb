import { Client, Pool, type PoolClient, type QueryConfig } from 'pg';
import { ChangeSignal } from '../change-signal';
import { ConcurrencyError, DuplicateEventError, EventStoreError, InvalidAppendError, StoreUnavailableError } from '../errors';
import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { duplicateResult } from '../in-memory/in-memory-event-store';
import { pollingSubscription } from '../polling-subscription';
import { validateAppend, versionMatches } from '../validate';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database` */
  readonly connectionString: string;
  /** Schema holding the store's tables; created if missing. Default `public`. */
  readonly schema?: string;
  /** Connections in the pool (appends use up to `writeConcurrency` of them; reads use the rest). Default 10. */
  readonly poolSize?: number;
  /** Longest wait of a live subscription when no notification arrives. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** How long `open` and each pool checkout wait for a connection. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /**
   * Append transactions of this store in flight at once (default 2): while one
   * commits, the next prepares. 1 gives strict one-at-a-time group commit.
   */
  readonly writeConcurrency?: number;
  /** Most events written in one group-commit transaction (a single larger append still goes alone). Default 500. */
  readonly maxBatchEvents?: number;
  /**
   * TEST HOOK — leave unset in production. Awaited inside every append
   * transaction after the global positions are taken and the events are
   * inserted, immediately before COMMIT, so tests can stretch the window in
   * which a transaction holds positions that readers cannot see yet.
   */
  readonly beforeCommit?: () => Promise<void>;
}

/** The channel every store in the database notifies on; the payload is `<schema>:<head position>`. */
export const NOTIFY_CHANNEL = 'pls_events';

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
/** First key of the two-key advisory lock that serialises migrations of one schema. */
const MIGRATION_LOCK_CLASS = 0x504c53; // 'PLS'
/** Attempts of one batch before its appends are rejected (new-stream races, id races, deadlocks). */
const MAX_ATTEMPTS = 10;

/*
 * GAP SAFETY — why a reader following `position` can never skip an event.
 *
 * The problem: with a sequence (bigserial) two transactions take positions 7
 * and 8, the one holding 8 commits first, a reader sees 8, moves its
 * checkpoint past 7, and loses 7 when it commits a moment later.
 *
 * The technique (the one Commanded's EventStore for Elixir uses for its `$all`
 * stream): positions come from a single counter row, `es_head`, which the
 * append transaction updates AFTER every check, immediately before inserting
 * its events and committing:
 *
 *   UPDATE es_head SET position = position + n RETURNING position
 *
 * The update takes the row lock and holds it until the transaction ends.
 * PostgreSQL releases a transaction's locks only after the transaction has
 * been removed from the proc array, i.e. after its commit is visible to every
 * new snapshot (visibility checks consult "in progress" before the commit log
 * for exactly this reason). The next appender therefore gets the row — and
 * position P+1 — only once the events up to P are visible; a statement whose
 * snapshot shows P+1 was taken after that commit, so it also shows P. Readers
 * simply run `WHERE position > $after ORDER BY position LIMIT $n` with no
 * gap detection and no wall-clock timeouts. A rollback rolls the counter back
 * too, so positions are dense: 1, 2, 3 … with no holes.
 *
 * The price: all appends to one schema, from every process, are serialised
 * for the time from the head update to the end of COMMIT (the write
 * statement, the COMMIT round trip and the WAL flush), and a commit held open
 * stalls the others (the gap test holds one for 3 s). Group commit below keeps
 * that affordable: every append queued in this process while a transaction
 * runs goes into the next transaction, so one head update and one WAL flush
 * cover many appends. (Visibility order is guaranteed on the primary; this
 * adapter does not read from replicas.)
 *
 * Deadlock freedom: a batch locks its existing streams `FOR UPDATE` in one
 * statement, one by one in sorted order (the same order in every process),
 * then creates its new streams with one `INSERT … ON CONFLICT DO NOTHING` in
 * that same order, then takes the head row last. The only waits that can
 * happen are on stream rows (in sorted order), on a new stream row another
 * batch inserted (which is already past its own locking), or on the head
 * holder, which itself waits for nothing but its COMMIT.
 * If another process created one of "our" new streams first, the insert skips
 * it; the whole transaction is then rolled back and redone, now locking that
 * stream as an existing one (so its version check sees the other append and a
 * numeric expected version fails with ConcurrencyError).
 *
 * The common batch — exact expected versions, nothing repeated, nothing
 * refused — goes as ONE autocommit statement instead (`writeAtOnce`): it
 * checks and writes under the same locks taken in the same order (existing
 * streams, new streams, head row last), and the head row is then held only
 * for the rest of that statement and its commit, not for a further round
 * trip. Any batch it does not write goes through the transaction above.
 */

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
  /** `data` and `metadata` of each event as JSON text, encoded once when the append is queued. */
  encoded: ReadonlyArray<{ data: string; metadata: string }>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface EventRow {
  position: string;
  id: string;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

interface Located {
  stream: string;
  version: number;
  position: number;
}

type Outcome =
  | { kind: 'done'; result: AppendResult }
  | { kind: 'failed'; error: unknown }
  /** Written in this batch; `position` is 1-based within the batch until the head is known. */
  | { kind: 'written'; result: AppendResult }
  /** A repeat of an append written earlier in this same batch; `position` is relative as above. */
  | { kind: 'repeat'; result: AppendResult };

const MIGRATIONS: readonly ((s: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.es_events (
      position    bigint      PRIMARY KEY,
      id          uuid        NOT NULL UNIQUE,
      stream      text        NOT NULL,
      version     integer     NOT NULL,
      type        text        NOT NULL,
      data        jsonb       NOT NULL,
      metadata    jsonb       NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream, version)
    );
    CREATE TABLE ${s}.es_streams (
      stream  text    PRIMARY KEY,
      version integer NOT NULL
    );
    CREATE TABLE ${s}.es_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      position  bigint  NOT NULL
    ) WITH (fillfactor = 10);
    INSERT INTO ${s}.es_head (position) VALUES (0);`,
];

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '3D000', // invalid_catalog_name (database does not exist)
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|Cannot use a pool after calling end/i;

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Network, server shutdown, authentication and "pool closed" failures: the store cannot be reached. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const code = errorCode(error);
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (!code) return message;
  return message.includes(code) ? message : `${code} ${message}`.trim();
}

/** `host:port/database` without credentials, for error messages. */
function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    return `${host}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'the configured server';
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    version: row.version,
    position: Number(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** An escaped NUL (`\\u0000` not preceded by another backslash) in JSON text. */
const JSON_NUL = /(?<!\\)(?:\\\\)*\\u0000/;

/**
 * Encodes data and metadata up front so one unencodable event is refused on
 * its own instead of failing the whole group-commit transaction. PostgreSQL
 * text and jsonb cannot hold NUL characters.
 */
function encodeEvent(e: NewEvent): { data: string; metadata: string } {
  if (e.type.includes('\u0000')) throw new InvalidAppendError(`event ${e.id}: type contains a NUL character`);
  let data: string;
  let metadata: string;
  try {
    data = JSON.stringify(e.data ?? null);
    metadata = JSON.stringify(e.metadata ?? {});
  } catch (error) {
    throw new InvalidAppendError(`event ${e.id} cannot be encoded as JSON: ${(error as Error).message}`, { cause: error });
  }
  if (data === undefined) data = 'null';
  if (JSON_NUL.test(data) || JSON_NUL.test(metadata)) {
    throw new InvalidAppendError(`event ${e.id}: PostgreSQL cannot store the NUL character (\\u0000) in JSON`);
  }
  return { data, metadata };
}

interface LockOrIdRow {
  stream: string;
  version: number;
  /** null for a locked es_streams row, the event id for a stored event. */
  id: string | null;
  position: string | null;
}

interface BatchPlan {
  outcomes: Outcome[];
  /** The events to insert, column by column, in batch order. */
  rows: { id: string[]; stream: string[]; version: number[]; type: string[]; data: string[]; metadata: string[] };
  /** Every stream's version after the batch (existing streams and those the batch creates). */
  versions: Map<string, number>;
}

/** Decides every append of a batch in queue order: repeat, refusal, or events to write. */
function planBatch(batch: readonly PendingAppend[], existing: ReadonlyMap<string, number>, stored: ReadonlyMap<string, Located>): BatchPlan {
  const planned = new Map<string, Located>(); // position = 1-based offset in this batch
  const versions = new Map(existing);
  const outcomes: Outcome[] = [];
  const rows: BatchPlan['rows'] = { id: [], stream: [], version: [], type: [], data: [], metadata: [] };
  for (const p of batch) {
    try {
      const firstId = p.events[0]!.id.toLowerCase();
      const storedFirst = stored.get(firstId);
      if (storedFirst) {
        outcomes.push({ kind: 'done', result: duplicateResult(p.stream, storedFirst, p.events, (id) => stored.get(id.toLowerCase())) });
        continue;
      }
      const plannedFirst = planned.get(firstId);
      if (plannedFirst) {
        // Identical to an append earlier in this batch: same answer once positions are known.
        outcomes.push({ kind: 'repeat', result: duplicateResult(p.stream, plannedFirst, p.events, (id) => planned.get(id.toLowerCase())) });
        continue;
      }
      for (const e of p.events) {
        const clash = stored.get(e.id.toLowerCase()) ?? planned.get(e.id.toLowerCase());
        if (clash) throw new DuplicateEventError(e.id, clash.stream);
      }
      const actual = versions.get(p.stream) ?? 0;
      if (!versionMatches(p.expected, actual)) throw new ConcurrencyError(p.stream, p.expected, actual);
      let version = actual;
      for (const [i, e] of p.events.entries()) {
        version += 1;
        rows.id.push(e.id.toLowerCase());
        rows.stream.push(p.stream);
        rows.version.push(version);
        rows.type.push(e.type);
        rows.data.push(p.encoded[i]!.data);
        rows.metadata.push(p.encoded[i]!.metadata);
        planned.set(e.id.toLowerCase(), { stream: p.stream, version, position: rows.id.length });
      }
      versions.set(p.stream, version);
      outcomes.push({ kind: 'written', result: { stream: p.stream, version, position: rows.id.length, duplicate: false } });
    } catch (error) {
      outcomes.push({ kind: 'failed', error });
    }
  }
  return { outcomes, rows, versions };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL adapter. Dense, gap-safe global positions from a single head row
 * (see the GAP SAFETY note above); concurrent appends of the process are
 * coalesced into one transaction (group commit); live subscriptions are woken
 * by LISTEN/NOTIFY and fall back to polling.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  readonly changes = new ChangeSignal();
  readonly pollIntervalMs: number;
  readonly schema: string;
  private readonly pool: Pool;
  private readonly sql;
  private readonly target: string;
  private readonly maxBatchEvents: number;
  private queue: PendingAppend[] = [];
  private readonly writeConcurrency: number;
  private readonly writers = new Set<Promise<void>>();
  private writerScheduled = false;
  private closed = false;
  private listener: Client | undefined;
  private listenerWanted = false;
  private listenerTimer: NodeJS.Timeout | undefined;
  private listenerBackoffMs = 100;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_RE.test(schema)) throw new EventStoreError(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
    this.schema = schema;
    this.target = describeTarget(options.connectionString);
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBatchEvents = options.maxBatchEvents ?? 500;
    this.writeConcurrency = Math.max(1, options.writeConcurrency ?? 2);
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      keepAlive: true,
      application_name: `pls-event-store:${schema}`,
      // Every statement here is prepared and written so that its plan does not
      // depend on the parameter values or the table sizes (see statements()); a
      // generic plan saves re-planning on each execution, which for the write
      // statement costs more than running it. Set at connection start-up, so no
      // query races the first checkout of a new connection.
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
    this.sql = statements(`"${schema}"`);
  }

  /** Connects, runs the migrations (idempotent, safe when several processes start at once) and returns the store. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await store.migrate();
    } catch (error) {
      await store.pool.end().catch(() => undefined);
      throw store.translate(error, `cannot open the PostgreSQL event store at ${store.target}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    const s = `"${this.schema}"`;
    try {
      await client.query('BEGIN');
      // Two processes starting at once: the second waits here, then finds the work done.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, this.schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.es_schema (version integer NOT NULL)`);
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.es_schema`);
      const current = rows[0]?.version ?? 0;
      for (let v = current; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]!(s));
      if (rows.length === 0) await client.query(`INSERT INTO ${s}.es_schema (version) VALUES ($1)`, [MIGRATIONS.length]);
      else if (current < MIGRATIONS.length) await client.query(`UPDATE ${s}.es_schema SET version = $1`, [MIGRATIONS.length]);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw error;
    }
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    let encoded: PendingAppend['encoded'];
    try {
      validateAppend(stream, events, expected);
      if (this.closed) throw new StoreUnavailableError('the PostgreSQL event store is closed');
      encoded = events.map(encodeEvent);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, encoded, resolve, reject });
      this.scheduleWriter();
    });
  }

  /**
   * Group commit. A writer takes everything queued (up to maxBatchEvents) into
   * one transaction, and loops while appends keep arriving. With
   * writeConcurrency 2, a second writer prepares the next batch (BEGIN, stream
   * locks, id lookup) while the first one commits; it then waits for the head
   * row, so positions stay serialised either way.
   */
  private scheduleWriter(): void {
    if (this.writerScheduled || this.writers.size >= this.writeConcurrency) return;
    this.writerScheduled = true;
    // setImmediate lets every append issued in the same tick join the batch.
    setImmediate(() => {
      this.writerScheduled = false;
      if (this.queue.length === 0 || this.writers.size >= this.writeConcurrency) return;
      const writer: Promise<void> = this.writeLoop().finally(() => {
        this.writers.delete(writer);
        if (this.queue.length > 0) this.scheduleWriter();
      });
      this.writers.add(writer);
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.queue.length > 0) {
      let take = 0;
      let events = 0;
      while (take < this.queue.length && (take === 0 || events + this.queue[take]!.events.length <= this.maxBatchEvents)) {
        events += this.queue[take]!.events.length;
        take += 1;
      }
      const batch = this.queue.splice(0, take);
      await this.writeBatch(batch);
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    if (await this.writeAtOnce(batch)) return;
    let lastError: unknown;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let client: PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        const failure = this.translate(error, 'PostgreSQL append failed');
        for (const p of batch) p.reject(failure);
        return;
      }
      let outcomes: Outcome[] | 'retry';
      try {
        outcomes = await this.attempt(client, batch);
        client.release();
      } catch (error) {
        lastError = error;
        const broken = isConnectionError(error);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        client.release(broken ? (error as Error) : undefined);
        // 23505: an id or stream version committed by another process after our checks;
        // 40P01/40001: deadlock or serialisation failure. A fresh attempt sees the winner.
        if (!broken && ['23505', '40P01', '40001'].includes(errorCode(error) ?? '')) {
          await sleep(Math.random() * attempt * 2);
          continue;
        }
        break;
      }
      if (outcomes === 'retry') continue;
      outcomes.forEach((o, i) => {
        if (o.kind === 'failed') batch[i]!.reject(o.error);
        else batch[i]!.resolve(o.result);
      });
      if (outcomes.some((o) => o.kind === 'written')) this.changes.notify();
      return;
    }
    const failure = lastError
      ? this.translate(lastError, 'PostgreSQL append failed')
      : new EventStoreError(`PostgreSQL append failed: streams kept being created concurrently (${MAX_ATTEMPTS} attempts)`);
    for (const p of batch) p.reject(failure);
  }

  /**
   * The common batch in one statement and one round trip (autocommit): every
   * append names its stream's exact version, no stream or event id comes
   * twice, none of the ids is stored yet, and every stream is at the version
   * its append expects. The statement checks all of that under the same locks,
   * in the same order (existing streams, new streams, head row last) as the
   * transaction of {@link attempt}, and writes only if every check holds;
   * otherwise it writes nothing and the batch takes the transaction, which
   * sorts out repeats, refusals and races append by append. `false` = not
   * written here (also on any error: the transaction then meets it itself).
   */
  private async writeAtOnce(batch: readonly PendingAppend[]): Promise<boolean> {
    if (this.options.beforeCommit) return false; // the test hook needs the open transaction
    const byStream = new Map<string, PendingAppend>();
    const ids = new Set<string>();
    const events: BatchPlan['rows'] = { id: [], stream: [], version: [], type: [], data: [], metadata: [] };
    const results: AppendResult[] = [];
    for (const p of batch) {
      if (typeof p.expected !== 'number' || byStream.has(p.stream)) return false;
      byStream.set(p.stream, p);
      for (const [i, e] of p.events.entries()) {
        const id = e.id.toLowerCase();
        if (ids.has(id)) return false;
        ids.add(id);
        events.id.push(id);
        events.stream.push(p.stream);
        events.version.push(p.expected + i + 1);
        events.type.push(e.type);
        events.data.push(p.encoded[i]!.data);
        events.metadata.push(p.encoded[i]!.metadata);
      }
      // Position relative to the batch until the head is known.
      results.push({ stream: p.stream, version: p.expected + p.events.length, position: events.id.length, duplicate: false });
    }
    const streams = [...byStream.keys()].sort();
    const expected = streams.map((stream) => byStream.get(stream)!.expected as number);
    const targets = streams.map((stream, i) => expected[i]! + byStream.get(stream)!.events.length);
    let head: string | undefined;
    try {
      const { rows } = await this.pool.query<{ position: string }>({
        ...this.sql.writeAtOnce,
        values: [streams, expected, targets, events.id, events.id.length, events.stream, events.version, events.type, events.data, events.metadata, `${this.schema}:`],
      });
      head = rows[0]?.position;
    } catch {
      return false;
    }
    if (head === undefined) return false;
    const base = Number(head) - events.id.length;
    batch.forEach((p, i) => p.resolve({ ...results[i]!, position: base + results[i]!.position }));
    this.changes.notify();
    return true;
  }

  /** One try of a batch inside one transaction. Returns 'retry' after rolling back when a new stream was created concurrently. */
  private async attempt(client: PoolClient, batch: readonly PendingAppend[]): Promise<Outcome[] | 'retry'> {
    const streamNames = [...new Set(batch.map((p) => p.stream))].sort();
    const ids = [...new Set(batch.flatMap((p) => p.events.map((e) => e.id.toLowerCase())))];

    // 1+2. One statement: lock every existing stream of the batch in one global
    //      (sorted) order, and look up which ids are stored already.
    await client.query('BEGIN');
    const opened = await client.query<LockOrIdRow>({ ...this.sql.lockAndFind, values: [streamNames, ids] });
    const existing = new Map<string, number>();
    let stored = new Map<string, Located>();
    for (const r of opened.rows) {
      if (r.id === null) existing.set(r.stream, r.version);
      else stored.set(r.id, { stream: r.stream, version: r.version, position: Number(r.position) });
    }

    // 3. Decide every append in queue order, in memory.
    let plan = planBatch(batch, existing, stored);
    // The id lookup ran on the statement's snapshot, taken before any wait for a
    // stream lock, so it can miss ids that the lock holder committed meanwhile
    // (the locked versions themselves are current: FOR UPDATE returns the latest
    // row version). A missed id on an accepted append surfaces as a unique
    // violation at insert and the batch is redone; on a refused append it would
    // turn a repeat into a ConcurrencyError, so when anything is refused the ids
    // are looked up once more on a fresh snapshot.
    if (plan.outcomes.some((o) => o.kind === 'failed' && o.error instanceof ConcurrencyError)) {
      const fresh = await client.query<LockOrIdRow>({ ...this.sql.findIds, values: [ids] });
      if (fresh.rows.length > stored.size) {
        stored = new Map(fresh.rows.map((r) => [r.id!, { stream: r.stream, version: r.version, position: Number(r.position) }]));
        plan = planBatch(batch, existing, stored);
      }
    }
    const { outcomes, rows, versions } = plan;

    const n = rows.id.length;
    if (n === 0) {
      await client.query('ROLLBACK');
      return outcomes;
    }

    // 4. Create the new streams. If another process created one since step 1, roll back and redo.
    const created: { stream: string[]; version: number[] } = { stream: [], version: [] };
    const updated: { stream: string[]; version: number[] } = { stream: [], version: [] };
    for (const stream of streamNames) {
      const version = versions.get(stream);
      if (version === undefined || version === existing.get(stream)) continue;
      const target = existing.has(stream) ? updated : created;
      target.stream.push(stream);
      target.version.push(version);
    }
    if (created.stream.length > 0) {
      const inserted = await client.query({ ...this.sql.createStreams, values: [created.stream, created.version] });
      if (inserted.rowCount !== created.stream.length) {
        await client.query('ROLLBACK');
        return 'retry';
      }
    }

    // 5. Take the positions (head row lock, held to COMMIT), insert the events,
    //    move the existing streams' versions and queue the notification — one statement.
    const written = await client.query<{ position: string }>({
      ...this.sql.write,
      values: [n, rows.id, rows.stream, rows.version, rows.type, rows.data, rows.metadata, updated.stream, updated.version, `${this.schema}:`],
    });
    const base = Number(written.rows[0]!.position) - n;
    if (this.options.beforeCommit) await this.options.beforeCommit();
    await client.query('COMMIT');

    return outcomes.map((o) =>
      o.kind === 'written' || o.kind === 'repeat' ? { ...o, result: { ...o.result, position: base + o.result.position } } : o,
    );
  }

  async readStream(stream: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const { rows } = await this.query<EventRow>({ ...this.sql.readStream, values: [stream, fromVersion] });
    return rows.map(toRecorded);
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.query<EventRow>({ ...this.sql.readAll, values: [after, limit] });
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.query<{ position: string }>({ ...this.sql.head, values: [] });
    return Number(rows[0]?.position ?? 0);
  }

  subscribeAll(after: number, handler: BatchHandler, options?: SubscriptionOptions): Subscription {
    this.ensureListener();
    return pollingSubscription(this, after, handler, options);
  }

  async ping(): Promise<void> {
    await this.query({ text: 'SELECT 1' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.writers.size > 0 || this.writerScheduled || this.queue.length > 0) {
      if (this.writers.size > 0) await Promise.all(this.writers);
      else {
        this.scheduleWriter();
        await new Promise((r) => setImmediate(r));
      }
    }
    this.listenerWanted = false;
    if (this.listenerTimer) clearTimeout(this.listenerTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    this.changes.notify();
  }

  private async query<R extends object>(config: QueryConfig): Promise<{ rows: R[] }> {
    if (this.closed) throw new StoreUnavailableError('the PostgreSQL event store is closed');
    try {
      return await this.pool.query<R>(config);
    } catch (error) {
      throw this.translate(error, 'PostgreSQL query failed');
    }
  }

  private translate(error: unknown, context: string): EventStoreError {
    if (error instanceof EventStoreError) return error;
    if (this.closed && !isConnectionError(error)) {
      return new StoreUnavailableError('the PostgreSQL event store is closed', { cause: error });
    }
    if (isConnectionError(error)) {
      return new StoreUnavailableError(`cannot reach PostgreSQL at ${this.target}: ${describeError(error)}`, { cause: error });
    }
    return new EventStoreError(`${context}: ${describeError(error)}`, { cause: error });
  }

  /** Starts (once) the LISTEN connection that wakes live subscriptions; it reconnects on its own. */
  private ensureListener(): void {
    if (this.listenerWanted || this.closed) return;
    this.listenerWanted = true;
    void this.connectListener();
  }

  private async connectListener(): Promise<void> {
    this.listenerTimer = undefined;
    if (!this.listenerWanted) return;
    const client = new Client({
      connectionString: this.options.connectionString,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5_000,
      keepAlive: true,
      application_name: `pls-event-store-listener:${this.schema}`,
    });
    const prefix = `${this.schema}:`;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      this.scheduleListener();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload?.startsWith(prefix)) this.changes.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    if (!this.listenerWanted) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.listenerBackoffMs = 100;
    // Notifications sent while no listener was connected are lost: read once now.
    this.changes.notify();
  }

  private scheduleListener(): void {
    if (!this.listenerWanted || this.listenerTimer) return;
    const delay = this.listenerBackoffMs;
    this.listenerBackoffMs = Math.min(this.listenerBackoffMs * 2, 5_000);
    this.listenerTimer = setTimeout(() => void this.connectListener(), delay);
    this.listenerTimer.unref();
  }

  /** For tests: whether the LISTEN connection is up. */
  get listening(): boolean {
    return this.listener !== undefined;
  }
}

/**
 * Every statement, schema-qualified, with a name so each pooled connection
 * prepares it once. The sessions use generic plans (planned once per
 * connection, possibly while the tables are still empty and unanalysed), so
 * each statement is written so that its index is the only sensible access
 * path whatever the statistics say: per-element LATERAL lookups on unique
 * keys, ON CONFLICT (which always goes through the unique index), and ordered
 * range scans with a LIMIT. A set-based `id = ANY($1)` or an UPDATE … FROM
 * join gets a sequential scan when planned on an empty table, and a cached
 * plan keeps it as the table grows. Exported for the test that checks this.
 */
export function statements(s: string) {
  const columns = 'position, id, stream, version, type, data, metadata, recorded_at';
  const findIds = (param: string) => `
    SELECT e.stream, e.version, e.id, e.position::text AS position
    FROM unnest(${param}::uuid[]) AS q(id)
    CROSS JOIN LATERAL (SELECT stream, version, id, position FROM ${s}.es_events WHERE es_events.id = q.id LIMIT 1) AS e`;
  return {
    /**
     * The stream locks and the id lookup in one statement; locked stream rows
     * come back with a NULL id. Rows are locked one by one in the order of $1,
     * which every process sorts the same way (JavaScript string order), so two
     * batches never wait for each other in a cycle.
     */
    lockAndFind: {
      name: 'es_lock_and_find',
      text: `SELECT l.stream, l.version, NULL::uuid AS id, NULL::text AS position
             FROM unnest($1::text[]) WITH ORDINALITY AS q(stream, ord)
             CROSS JOIN LATERAL (SELECT stream, version FROM ${s}.es_streams WHERE es_streams.stream = q.stream FOR UPDATE) AS l
             UNION ALL ${findIds('$2')}`,
    },
    findIds: {
      name: 'es_find_ids',
      text: findIds('$1'),
    },
    createStreams: {
      name: 'es_create_streams',
      text: `INSERT INTO ${s}.es_streams (stream, version)
             SELECT stream, version FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(stream, version, ord) ORDER BY ord
             ON CONFLICT (stream) DO NOTHING`,
    },
    /**
     * {@link PostgresEventStore.writeAtOnce}: $1 the batch's streams (sorted), $2 the version each
     * must be at, $3 its version after; $4… the events as in `write`. Lock order: `locked` takes
     * the existing streams' rows in the order of $1 (as `lockAndFind` did), `streams` creates the
     * new ones in that order and moves every version, and only then `head` takes the head row —
     * the data dependencies (ok ← locked, streams ← ok, head ← streams) fix that order. When a
     * check fails, `streams` writes nothing, so neither does `head` nor `inserted`, and no row
     * comes back. A stream another transaction created since `locked` looked makes the events'
     * (stream, version) collide: the statement fails and nothing is written.
     */
    writeAtOnce: {
      name: 'es_write_at_once',
      text: `WITH locked AS (
               SELECT l.stream, l.version
               FROM unnest($1::text[]) WITH ORDINALITY AS q(stream, ord)
               CROSS JOIN LATERAL (SELECT stream, version FROM ${s}.es_streams WHERE es_streams.stream = q.stream FOR UPDATE) AS l
             ), ok AS (
               SELECT (SELECT bool_and(coalesce(l.version, 0) = x.expected)
                       FROM unnest($1::text[], $2::int[]) AS x(stream, expected) LEFT JOIN locked l ON l.stream = x.stream)
                  AND NOT EXISTS (${findIds('$4')}) AS ok
             ), streams AS (
               INSERT INTO ${s}.es_streams AS st (stream, version)
               SELECT stream, target FROM unnest($1::text[], $3::int[]) WITH ORDINALITY AS v(stream, target, ord)
               WHERE (SELECT ok FROM ok)
               ORDER BY ord
               ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version
               RETURNING 1
             ), head AS (
               UPDATE ${s}.es_head SET position = position + $5
               WHERE (SELECT count(*) FROM streams) = cardinality($1::text[])
               RETURNING position
             ), inserted AS (
               INSERT INTO ${s}.es_events (position, id, stream, version, type, data, metadata)
               SELECT head.position - $5 + e.ord, e.id, e.stream, e.version, e.type, e.data, e.metadata
               FROM head,
                    unnest($4::uuid[], $6::text[], $7::int[], $8::text[], $9::jsonb[], $10::jsonb[])
                      WITH ORDINALITY AS e(id, stream, version, type, data, metadata, ord)
             )
             SELECT head.position::text AS position, pg_notify('${NOTIFY_CHANNEL}', $11::text || head.position) FROM head`,
    },
    write: {
      name: 'es_write',
      text: `WITH head AS (
               UPDATE ${s}.es_head SET position = position + $1 RETURNING position
             ), inserted AS (
               INSERT INTO ${s}.es_events (position, id, stream, version, type, data, metadata)
               SELECT head.position - $1 + e.ord, e.id, e.stream, e.version, e.type, e.data, e.metadata
               FROM head,
                    unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[])
                      WITH ORDINALITY AS e(id, stream, version, type, data, metadata, ord)
             ), streams AS (
               -- Existing streams only (locked above): ON CONFLICT finds them through the index.
               INSERT INTO ${s}.es_streams AS st (stream, version)
               SELECT stream, version FROM unnest($8::text[], $9::int[]) AS v(stream, version)
               ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version
             )
             SELECT head.position::text AS position, pg_notify('${NOTIFY_CHANNEL}', $10::text || head.position) FROM head`,
    },
    readStream: {
      name: 'es_read_stream',
      text: `SELECT ${columns} FROM ${s}.es_events WHERE stream = $1 AND version >= $2 ORDER BY stream, version`,
    },
    readAll: {
      name: 'es_read_all',
      text: `SELECT ${columns} FROM ${s}.es_events WHERE position > $1 ORDER BY position LIMIT $2`,
    },
    head: {
      name: 'es_head',
      text: `SELECT position::text AS position FROM ${s}.es_head`,
    },
  };
}
