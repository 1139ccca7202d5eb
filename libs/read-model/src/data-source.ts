import { DataSource, type MigrationInterface } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { postgresTarget, sqlitePath } from '@pls/config';
import { BASELINE_MIGRATIONS } from './migrations';

export interface ReadModelOptions {
  readonly url: string;
  readonly kind: 'sqlite' | 'postgres';
  /** Migrations of the contexts' read models, in addition to the baseline. */
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  /** PostgreSQL schema (tests use one per run). */
  readonly schema?: string;
  readonly poolSize?: number;
}

/** The TypeORM data source for read models. Schemas change only through migrations. */
export function createReadModelDataSource(options: ReadModelOptions): DataSource {
  const migrations = [...BASELINE_MIGRATIONS, ...(options.migrations ?? [])];
  if (options.kind === 'sqlite') {
    const database = sqlitePath(options.url);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database,
      migrations,
      migrationsTransactionMode: 'each',
      synchronize: false,
      enableWAL: true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    });
  }
  const target = postgresTarget(options.url);
  const schema = options.schema ?? target.schema;
  return new DataSource({
    type: 'postgres',
    url: target.connectionString,
    schema,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Unqualified names in query builders resolve to the schema too.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000, ...(schema ? { options: `-c search_path="${schema}"` } : {}) },
  });
}

/** Connects and brings the schema up to date. Safe to run from several processes at once. */
export async function openReadModel(options: ReadModelOptions): Promise<DataSource> {
  const ds = createReadModelDataSource(options);
  await ds.initialize();
  try {
    if (options.kind === 'postgres') {
      const schema = (ds.options as { schema?: string }).schema;
      if (schema) await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
      // One migrator at a time across processes; the others wait, then find nothing to do.
      const runner = ds.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('SELECT pg_advisory_lock(724201)');
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await runner.query('SELECT pg_advisory_unlock(724201)').catch(() => undefined);
        await runner.release();
      }
    } else {
      await ds.runMigrations({ transaction: 'each' });
    }
  } catch (error) {
    await ds.destroy().catch(() => undefined);
    throw error;
  }
  return ds;
}
