import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ChangeSignal } from '../change-signal';
import { ConcurrencyError, DuplicateEventError, StoreUnavailableError } from '../errors';
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

export interface SqliteEventStoreOptions {
  /** File path, or `:memory:`. */
  readonly path: string;
  /**
   * `full` (default) fsyncs every commit: a crash or power cut loses no
   * acknowledged append. `normal` is faster and may lose the last commits on
   * power loss (never on a process crash).
   */
  readonly synchronous?: 'full' | 'normal';
  /** Poll interval for appends made by other processes on the same file. */
  readonly pollIntervalMs?: number;
}

interface Row {
  position: number;
  id: string;
  stream: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE es_events (
     position    INTEGER PRIMARY KEY,
     id          TEXT    NOT NULL UNIQUE,
     stream      TEXT    NOT NULL,
     version     INTEGER NOT NULL,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     UNIQUE (stream, version)
   );
   CREATE TABLE es_streams (
     stream  TEXT PRIMARY KEY,
     version INTEGER NOT NULL
   ) WITHOUT ROWID;`,
];

function toRecorded(row: Row): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    version: row.version,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}

/**
 * The embedded default. One writer connection in WAL mode; concurrent appends
 * of one process are coalesced into a single transaction (group commit), each
 * inside its own savepoint so one refused append does not undo the others.
 * Positions are the rowid, assigned by the single writer in commit order, so a
 * reader can never see a higher position before a lower one.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  readonly changes = new ChangeSignal();
  readonly pollIntervalMs: number;
  private readonly db: Database.Database;
  private readonly stmt;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    try {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db);
    } catch (error) {
      throw new StoreUnavailableError(`cannot open SQLite event store at ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    const db = this.db;
    this.stmt = {
      byId: db.prepare<[string], Row>('SELECT * FROM es_events WHERE id = ?'),
      streamVersion: db.prepare<[string], { version: number }>('SELECT version FROM es_streams WHERE stream = ?'),
      head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM es_events'),
      insert: db.prepare(
        'INSERT INTO es_events (id, stream, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertStream: db.prepare(
        'INSERT INTO es_streams (stream, version) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version',
      ),
      readStream: db.prepare<[string, number], Row>('SELECT * FROM es_events WHERE stream = ? AND version >= ? ORDER BY version'),
      readAll: db.prepare<[number, number], Row>('SELECT * FROM es_events WHERE position > ? ORDER BY position LIMIT ?'),
    };
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    try {
      validateAppend(stream, events, expected);
      if (this.closed) throw new StoreUnavailableError('the SQLite event store is closed');
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ stream, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** One transaction for every append queued since the last flush. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const appendOne = this.db.transaction((p: PendingAppend) => this.appendInTransaction(p));
    try {
      this.db.transaction(() => {
        for (const p of batch) {
          try {
            outcomes.push({ ok: true, result: appendOne(p) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      const failure = new StoreUnavailableError(`SQLite append failed: ${(error as Error).message}`, { cause: error });
      for (const p of batch) p.reject(failure);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
    this.changes.notify();
  }

  private appendInTransaction({ stream, events, expected }: PendingAppend): AppendResult {
    const first = this.stmt.byId.get(events[0]!.id);
    if (first) return duplicateResult(stream, first, events, (id) => this.stmt.byId.get(id));
    const actual = this.stmt.streamVersion.get(stream)?.version ?? 0;
    if (!versionMatches(expected, actual)) throw new ConcurrencyError(stream, expected, actual);
    const recordedAt = new Date().toISOString();
    let version = actual;
    let position = 0;
    for (const e of events) {
      version += 1;
      try {
        const info = this.stmt.insert.run(
          e.id,
          stream,
          version,
          e.type,
          JSON.stringify(e.data ?? null),
          JSON.stringify(e.metadata ?? {}),
          recordedAt,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          const clash = this.stmt.byId.get(e.id);
          throw new DuplicateEventError(e.id, clash?.stream ?? stream);
        }
        throw error;
      }
    }
    this.stmt.upsertStream.run(stream, version);
    return { stream, version, position, duplicate: false };
  }

  async readStream(stream: string, fromVersion = 1): Promise<RecordedEvent[]> {
    return this.stmt.readStream.all(stream, fromVersion).map(toRecorded);
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return this.stmt.readAll.all(after, limit).map(toRecorded);
  }

  async headPosition(): Promise<number> {
    return this.stmt.head.get()?.position ?? 0;
  }

  subscribeAll(after: number, handler: BatchHandler, options?: SubscriptionOptions): Subscription {
    return pollingSubscription(this, after, handler, options);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('the SQLite event store is closed');
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.db.close();
    this.changes.notify();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS es_schema (version INTEGER NOT NULL)');
  db.transaction(() => {
    const row = db.prepare<[], { version: number }>('SELECT version FROM es_schema').get();
    const current = row?.version ?? 0;
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (!row) db.prepare('INSERT INTO es_schema (version) VALUES (?)').run(MIGRATIONS.length);
    else if (current < MIGRATIONS.length) db.prepare('UPDATE es_schema SET version = ?').run(MIGRATIONS.length);
  }).immediate();
}
