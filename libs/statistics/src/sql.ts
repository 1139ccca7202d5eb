import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The statistics write multi-row upserts and read window functions and CTEs
 * that TypeORM's query builder cannot express portably, so they are plain SQL
 * in the subset SQLite (≥ 3.35) and PostgreSQL share. Placeholders are `?`;
 * `prepare` numbers them for PostgreSQL.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: DataSource): Dialect {
  return db.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

export function prepare(dialect: Dialect, sql: string): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Something that runs SQL: an EntityManager inside a transaction, a QueryRunner, a DataSource. */
export interface SqlTarget {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs `sql` (with `?` placeholders) and returns its rows (`RETURNING` included). */
export async function rows<T>(target: SqlTarget, dialect: Dialect, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const result = await target.query(prepare(dialect, sql), [...params]);
  return Array.isArray(result) ? (result as T[]) : [];
}

/** Largest number of bound parameters per statement (SQLite allows 32766, PostgreSQL 65535). */
export const MAX_PARAMS = 30_000;

/** Splits `items` so that `columns × chunk` stays under `MAX_PARAMS`. */
export function chunks<T>(items: readonly T[], columns: number, max = 1000): T[][] {
  const size = Math.max(1, Math.min(max, Math.floor(MAX_PARAMS / columns)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `(?, ?, ?), (?, ?, ?)` for `count` rows of `columns` values. */
export function valuesList(count: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(count).fill(row).join(', ');
}

/** A number from a driver value (PostgreSQL answers bigint and SUM as strings). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export type { DataSource, EntityManager, QueryRunner };
