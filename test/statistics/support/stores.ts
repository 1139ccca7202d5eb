/* A fresh event store and statistics read model per run: SQLite files in a
 * temporary directory, or a PostgreSQL schema of its own. */
import type { EventStore } from '@pls/event-store';
import { SqliteEventStore } from '@pls/event-store/sqlite/sqlite-event-store';
import { Checkpoints, openReadModel, ProjectionRunner } from '@pls/read-model';
import {
  openStatisticsReader,
  StatisticsQueries,
  statisticsProjection,
  STATISTICS_MIGRATIONS,
  STATISTICS_PROJECTION,
  type StatisticsReader,
} from '@pls/statistics';
import type { StoreKind } from '@test/support/api-harness';
import { postgresUrl } from '@test/support/services';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

export interface StatsEnv {
  readonly kind: StoreKind;
  readonly store: EventStore;
  readonly db: DataSource;
  readonly reader: StatisticsReader;
  readonly queries: StatisticsQueries;
  /** Applies everything appended so far, `batchSize` events per read-model transaction. */
  catchUp(batchSize?: number): Promise<number>;
  close(): Promise<void>;
}

export async function openStatsEnv(kind: StoreKind): Promise<StatsEnv> {
  let store: EventStore;
  let db: DataSource;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pls-stats-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'normal' });
    db = await openReadModel({ url: `sqlite:${join(dir, 'read.db')}`, kind: 'sqlite', migrations: STATISTICS_MIGRATIONS });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!postgresUrl) throw new Error('PostgreSQL is not available');
    const schema = `s_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const { PostgresEventStore } = await import('@pls/event-store/postgres/postgres-event-store');
    store = await PostgresEventStore.open({ connectionString: postgresUrl, schema, poolSize: 3 });
    db = await openReadModel({ url: postgresUrl, kind: 'postgres', schema, migrations: STATISTICS_MIGRATIONS, poolSize: 3 });
    cleanup = async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  const reader = await openStatisticsReader(db);
  let runner: ProjectionRunner | null = null;
  return {
    kind,
    store,
    db,
    reader,
    queries: new StatisticsQueries(reader),
    async catchUp(batchSize = 500) {
      if (!runner) {
        // The checkpoint row a started runner would have created.
        await new Checkpoints(db).read(STATISTICS_PROJECTION);
        runner = new ProjectionRunner(store, db, statisticsProjection, { batchSize });
      }
      return runner.catchUp();
    },
    async close() {
      await reader.close();
      await db.destroy();
      await store.close();
      await cleanup();
    },
  };
}
