import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` alone on the read-model connection when it is SQLite.
 *
 * TypeORM's better-sqlite3 driver has one connection per data source, and
 * its transactions span awaits: without this, a second transaction would
 * begin inside the first, and a plain write issued meanwhile (a vault row, an
 * idempotency answer) would silently join the open transaction and vanish
 * with its rollback. A second connection is no way out either: better-sqlite3
 * waits for a lock synchronously, blocking the very thread the lock holder
 * needs to finish. So every read-model write and transaction of the process
 * takes its turn here. PostgreSQL has a pool and real isolation: no queue.
 */
export function exclusive<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  if (db.options.type !== 'better-sqlite3') return work();
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** A read-model write transaction, taking its turn on SQLite (see {@link exclusive}). */
export function writeTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return exclusive(db, () => db.transaction(work));
}
