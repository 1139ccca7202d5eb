import { DataSource } from 'typeorm';
import { dialectOf, rows, type Dialect, type SqlTarget } from '../sql';

/** Runs one question's statements against one snapshot of the read model. */
export interface StatisticsReader {
  readonly dialect: Dialect;
  snapshot<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T>;
  /**
   * ONE statement, which sees one committed state by itself: on PostgreSQL it
   * runs on the pool without a transaction around it (no BEGIN / COMMIT round
   * trips); on SQLite it takes its turn like a snapshot.
   */
  statement<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** `?`-placeholder SQL against the snapshot. */
export type SqlQuery = <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * Every figure, breakdown group and the `position` of one answer come from the
 * same committed state, so groups always sum to totals and `position` says
 * exactly which events the figures include.
 *
 * PostgreSQL: a REPEATABLE READ transaction per answer. SQLite: TypeORM's
 * better-sqlite3 driver has ONE connection, shared with the projection runner,
 * whose batch transaction spans several awaits; a query on it could read a
 * half-applied batch. So statistics read through a second, read-only
 * connection (WAL readers see committed data only), one snapshot at a time.
 */
export async function openStatisticsReader(db: DataSource): Promise<StatisticsReader> {
  const dialect = dialectOf(db);
  if (dialect === 'postgres') return new PostgresReader(db);
  const database = (db.options as { database?: string }).database;
  if (!database || database === ':memory:') return new SerialReader(db, db, false);
  const readOnly = new DataSource({
    type: 'better-sqlite3',
    database,
    readonly: true,
    fileMustExist: true,
    prepareDatabase: (conn: { pragma(s: string): unknown }) => {
      conn.pragma('busy_timeout = 5000');
    },
  });
  await readOnly.initialize();
  return new SerialReader(readOnly, db, true);
}

class PostgresReader implements StatisticsReader {
  readonly dialect = 'postgres' as const;
  constructor(private readonly db: DataSource) {}

  async snapshot<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const result = await work(queryOn(runner, 'postgres'));
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  statement<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return rows<R>(this.db, 'postgres', sql, params);
  }

  async close(): Promise<void> {}
}

class SerialReader implements StatisticsReader {
  readonly dialect = 'sqlite' as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly owner: DataSource,
    private readonly transactional: boolean,
  ) {}

  snapshot<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T> {
    const run = async () => {
      const sql = queryOn(this.db, 'sqlite');
      if (!this.transactional) return work(sql);
      await this.db.query('BEGIN');
      try {
        return await work(sql);
      } finally {
        await this.db.query('COMMIT').catch(() => undefined);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  statement<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.snapshot((query) => query<R>(sql, params));
  }

  async close(): Promise<void> {
    if (this.db !== this.owner && this.db.isInitialized) await this.db.destroy();
  }
}

function queryOn(target: SqlTarget, dialect: Dialect): SqlQuery {
  return <R>(sql: string, params: readonly unknown[] = []) => rows<R>(target, dialect, sql, params);
}
