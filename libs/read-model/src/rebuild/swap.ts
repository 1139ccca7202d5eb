import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { ELECTION_LOCK_KEY } from '../projection-runner';
import { exclusive } from '../write-transaction';
import { quoteIdent, type BesideDatabase } from './beside';

export interface SwapPlan {
  readonly projection: Pick<Projection, 'name' | 'tables'>;
  /**
   * Brings the beside database to the log's head and answers its position.
   * Called once the live tables are locked, so the rebuilt position is never
   * behind the live checkpoint (whose rows it replaces).
   */
  readonly catchUp: () => Promise<number>;
  /** Test hook: awaited inside the swap transaction, the live tables locked, before they are replaced. */
  readonly beforeReplace?: () => Promise<void>;
  /** How long the swap keeps retrying to lock the live tables (default 60 s). */
  readonly timeoutMs?: number;
  readonly log: (line: string) => void;
}

export interface SwapResult {
  /** The checkpoint the swap set: the rebuilt rows contain every event up to it. */
  readonly position: number;
  /** The live checkpoint the swap replaced. */
  readonly replaced: number;
  /** Rows copied into each live table. */
  readonly rows: Record<string, number>;
  /**
   * PostgreSQL: `taken` when no runner held the projection's election lock (none can
   * start during the swap); `busy` when a live runner holds it (it runs on, and
   * its next batch fails the checkpoint guard and resubscribes). SQLite: `none`.
   */
  readonly electionLock: 'taken' | 'busy' | 'none';
  readonly attempts: number;
}

const RETRY_PAUSE_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return String(e?.driverError?.code ?? e?.code ?? '');
}

/** Replaces the live rows in one transaction on the live database. */
export function swap(live: DataSource, beside: BesideDatabase, plan: SwapPlan): Promise<SwapResult> {
  return beside.dialect === 'sqlite' ? swapSqlite(live, beside, plan) : swapPostgres(live, beside, plan);
}

async function retrying<T>(plan: SwapPlan, retryable: (code: string) => boolean, attempt: (n: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + (plan.timeoutMs ?? 60_000);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const code = codeOf(error);
      if (!retryable(code) || Date.now() > deadline) throw error;
      plan.log(`swap attempt ${n} yielded to the live runner (${code}); retrying`);
      await sleep(RETRY_PAUSE_MS * Math.min(n, 10));
    }
  }
}

/*
 * SQLite: the rebuild file is ATTACHed to a connection of its own on the live
 * file; the transaction's first statement writes the live checkpoint row, so it
 * holds the database's single write lock from then on. A live runner (in this
 * process or another) cannot commit meanwhile; its next batch finds the
 * checkpoint moved, fails its guarded update and resubscribes from the new one.
 *
 * The transaction is DEFERRED on purpose: BEGIN IMMEDIATE would also take the
 * write lock of the attached rebuild file, which the final catch-up still writes.
 *
 * It also takes its turn with this process's other writers of the live data
 * source (`exclusive`): better-sqlite3 waits for a lock synchronously, so a
 * writer of this process meeting the swap's lock would block the very thread
 * the swap needs to finish. Writers in other processes just wait (busy_timeout).
 */
function swapSqlite(live: DataSource, beside: BesideDatabase, plan: SwapPlan): Promise<SwapResult> {
  return exclusive(live, () => swapSqliteAlone(live, beside, plan));
}

async function swapSqliteAlone(live: DataSource, beside: BesideDatabase, plan: SwapPlan): Promise<SwapResult> {
  const own = new DataSource({ ...(live.options as DataSourceOptions), migrations: [], migrationsRun: false } as DataSourceOptions);
  await own.initialize();
  const q = own.createQueryRunner();
  try {
    await q.query('ATTACH DATABASE ? AS rebuild', [beside.path]);
    try {
      return await retrying(
        plan,
        (code) => code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'),
        async (attempts) => {
          await q.query('BEGIN');
          try {
            const replaced = await lockCheckpoint(q, 'main.projection_checkpoints', plan.projection.name, '?');
            const position = await plan.catchUp();
            await plan.beforeReplace?.();
            const rows: Record<string, number> = {};
            for (const table of plan.projection.tables) {
              const columns = ((await q.query(`PRAGMA main.table_info(${quoteIdent(table)})`)) as Array<{ name: string }>)
                .map((c) => quoteIdent(c.name))
                .join(', ');
              await q.query(`DELETE FROM main.${quoteIdent(table)}`);
              const result = await q.query(
                `INSERT INTO main.${quoteIdent(table)} (${columns}) SELECT ${columns} FROM rebuild.${quoteIdent(table)}`,
                [],
                true,
              );
              rows[table] = Number(result.affected ?? 0);
            }
            await q.query('UPDATE main.projection_checkpoints SET position = ?, updated_at = ? WHERE name = ?', [
              position,
              new Date().toISOString(),
              plan.projection.name,
            ]);
            await q.query('COMMIT');
            return { position, replaced, rows, electionLock: 'none' as const, attempts };
          } catch (error) {
            await q.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        },
      );
    } finally {
      await q.query('DETACH DATABASE rebuild').catch(() => undefined);
    }
  } finally {
    await q.release().catch(() => undefined);
    await own.destroy().catch(() => undefined);
  }
}

/*
 * PostgreSQL: the projection's election lock when it is free (then no runner
 * can become active until the swap is done). A live runner holds it for as long
 * as it runs, so the swap cannot wait for it; it locks the live tables against
 * writers instead (EXCLUSIVE: plain reads go on, seeing the old rows until the
 * commit), then the checkpoint row, in the order a runner's batch takes them.
 * A batch in flight finishes first; the next one fails the checkpoint guard
 * and its runner resubscribes from the swapped checkpoint. Should the two ever
 * deadlock, PostgreSQL aborts one: a runner's batch is retried by its
 * resubscription, the swap by the retry loop below.
 */
async function swapPostgres(live: DataSource, beside: BesideDatabase, plan: SwapPlan): Promise<SwapResult> {
  const q = live.createQueryRunner();
  await q.connect();
  const name = plan.projection.name;
  let taken = false;
  try {
    // The runners' own key (schema-scoped), read with this connection's search_path: the live schema's.
    const [row] = (await q.query(`SELECT pg_try_advisory_lock(${ELECTION_LOCK_KEY}) AS locked`, [name])) as Array<{ locked: boolean }>;
    taken = row?.locked === true;
    plan.log(
      taken
        ? `took the election lock of ${plan.projection.name}: no runner is active`
        : `a live runner holds the election lock of ${plan.projection.name}: swapping under table locks and the checkpoint guard`,
    );
    const liveSchema = (live.options as { schema?: string }).schema;
    const prefix = liveSchema ? `${quoteIdent(liveSchema)}.` : '';
    const tables = plan.projection.tables.map((t) => `${prefix}${quoteIdent(t)}`);
    return await retrying(
      plan,
      (code) => code === '55P03' || code === '40P01' || code === '40001',
      async (attempts) => {
        await q.query('BEGIN');
        try {
          await q.query(`SET LOCAL lock_timeout = '5s'`);
          await q.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
          const replaced = await lockCheckpoint(q, `${prefix}projection_checkpoints`, plan.projection.name, '$');
          const position = await plan.catchUp();
          await plan.beforeReplace?.();
          const rows: Record<string, number> = {};
          for (const [i, table] of plan.projection.tables.entries()) {
            const found = (await q.query(
              `SELECT column_name FROM information_schema.columns
                WHERE table_schema = COALESCE($1, current_schema()) AND table_name = $2 ORDER BY ordinal_position`,
              [liveSchema ?? null, table],
            )) as Array<{ column_name: string }>;
            const columns = found.map((c) => quoteIdent(c.column_name)).join(', ');
            await q.query(`DELETE FROM ${tables[i]}`);
            const result = await q.query(
              `INSERT INTO ${tables[i]} (${columns}) SELECT ${columns} FROM ${quoteIdent(beside.schema!)}.${quoteIdent(table)}`,
              [],
              true,
            );
            rows[table] = Number(result.affected ?? 0);
          }
          await q.query(`UPDATE ${prefix}projection_checkpoints SET position = $1, updated_at = $2 WHERE name = $3`, [
            position,
            new Date().toISOString(),
            plan.projection.name,
          ]);
          await q.query('COMMIT');
          return { position, replaced, rows, electionLock: taken ? ('taken' as const) : ('busy' as const), attempts };
        } catch (error) {
          await q.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
    );
  } finally {
    if (taken) await q.query(`SELECT pg_advisory_unlock(${ELECTION_LOCK_KEY})`, [name]).catch(() => undefined);
    await q.release().catch(() => undefined);
  }
}

/** Creates the live checkpoint row if missing and locks it; answers the position it held. */
async function lockCheckpoint(q: QueryRunner, table: string, name: string, style: '?' | '$'): Promise<number> {
  const p = (i: number) => (style === '?' ? '?' : `$${i}`);
  await q.query(`INSERT INTO ${table} (name, position, updated_at) VALUES (${p(1)}, 0, ${p(2)}) ON CONFLICT (name) DO NOTHING`, [
    name,
    new Date().toISOString(),
  ]);
  const forUpdate = style === '$' ? ' FOR UPDATE' : '';
  const [row] = (await q.query(`SELECT position FROM ${table} WHERE name = ${p(1)}${forUpdate}`, [name])) as Array<{
    position: string | number;
  }>;
  return Number(row?.position ?? 0);
}
