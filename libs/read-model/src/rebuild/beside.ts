import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { BASELINE_MIGRATIONS } from '../migrations';

export type Dialect = 'sqlite' | 'postgres';

/** A second read-model database beside the live one, holding a projection's rebuild until the swap. */
export interface BesideDatabase {
  readonly dialect: Dialect;
  readonly db: DataSource;
  /** SQLite: the temporary file (ATTACHed for the swap). */
  readonly path?: string;
  /** PostgreSQL: the temporary schema (`INSERT … SELECT` reads from it). */
  readonly schema?: string;
  /** Closes it and drops the file or schema; safe to call twice. */
  dispose(): Promise<void>;
}

export function dialectOf(db: DataSource): Dialect {
  if (db.options.type === 'postgres') return 'postgres';
  if (db.options.type === 'better-sqlite3') return 'sqlite';
  throw new Error(`cannot rebuild on a ${db.options.type} read model (sqlite or postgres only)`);
}

/** `statistics` → `statistics`, `case-list` → `case_list`: safe in file and schema names. */
function safeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40);
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Opens the beside database with every read-model migration applied. It only
 * ever holds a rebuild that is thrown away on failure, so it trades
 * durability for speed: SQLite `synchronous = OFF`; PostgreSQL
 * `synchronous_commit = off` and the projection's tables UNLOGGED.
 */
export async function openBeside(
  live: DataSource,
  projection: { readonly name: string; readonly tables: readonly string[] },
  migrations: ReadonlyArray<new () => MigrationInterface>,
): Promise<BesideDatabase> {
  const all = [...BASELINE_MIGRATIONS, ...migrations];
  const suffix = `${safeName(projection.name)}_${randomBytes(4).toString('hex')}`;
  if (dialectOf(live) === 'sqlite') {
    const livePath = (live.options as { database?: string }).database;
    if (!livePath || livePath === ':memory:') throw new Error('cannot rebuild beside an in-memory SQLite read model');
    const path = join(dirname(livePath), `${basename(livePath)}.rebuild-${suffix}`);
    const db = new DataSource({
      ...(live.options as DataSourceOptions),
      database: path,
      migrations: all,
      migrationsRun: false,
      enableWAL: true,
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = OFF');
      },
    } as DataSourceOptions);
    let disposed = false;
    const dispose = async () => {
      if (disposed) return;
      disposed = true;
      if (db.isInitialized) await db.destroy().catch(() => undefined);
      for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${ext}`, { force: true });
    };
    try {
      await db.initialize();
      await db.runMigrations({ transaction: 'each' });
    } catch (error) {
      await dispose();
      throw error;
    }
    return { dialect: 'sqlite', db, path, dispose };
  }

  const schema = `rebuild_${suffix}`;
  const options = live.options as DataSourceOptions & { extra?: Record<string, unknown> };
  const db = new DataSource({
    ...options,
    schema,
    migrations: all,
    migrationsRun: false,
    extra: { ...(options.extra ?? {}), max: 3, options: `-c search_path="${schema}" -c synchronous_commit=off` },
  } as DataSourceOptions);
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    if (db.isInitialized) await db.destroy().catch(() => undefined);
    // Through the live pool: the beside pool may be the thing that failed.
    await live.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
  };
  try {
    await db.initialize();
    await db.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await db.runMigrations({ transaction: 'each' });
    for (const table of projection.tables) await db.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(table)} SET UNLOGGED`);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { dialect: 'postgres', db, schema, dispose };
}
