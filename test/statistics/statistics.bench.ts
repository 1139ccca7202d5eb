/*
 * Rebuild speed of the statistics projection, beside a set-based baseline.
 *
 *   node -r @swc-node/register test/statistics/statistics.bench.ts
 *   BENCH_RECORDS=6000 BENCH_MODES=sqlite,postgres BENCH_BATCH=500 node -r @swc-node/register test/statistics/statistics.bench.ts
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pls_bench  (default; the database is created if missing)
 *
 * Workload: a random history of every record type (the property test's
 * generator, without moves) over one small tree, appended once; then, on a
 * fresh read model each time, in ABBA order:
 *   statistics — ProjectionRunner.catchUp() with the statistics projection
 *     (facts, daily buckets, org history; checkpoint in each batch's transaction);
 *   baseline   — the least a projection writing one row per event can do:
 *     the same runner, batches and checkpoint, and a projection whose apply is
 *     ONE multi-row INSERT of (event id, type, position) into a plain table.
 * Events/s = events ÷ wall time of catchUp.
 */
import { Checkpoints, openReadModel, ProjectionRunner, type Projection } from '@pls/read-model';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import { SqliteEventStore } from '@pls/event-store/sqlite/sqlite-event-store';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
import { statisticsProjection, STATISTICS_MIGRATIONS } from '@pls/statistics';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { buildHistory, historyArb, type Planned } from './support/history';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 6000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const MODES = (process.env.BENCH_MODES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';

const baselineProjection: Projection = {
  name: 'bench-baseline',
  tables: ['bench_rows'],
  async apply(events: readonly RecordedEvent[], tx) {
    const pg = tx.connection.options.type === 'postgres';
    const values = events.map((_, i) => (pg ? `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})` : '(?, ?, ?)')).join(', ');
    await tx.query(
      `INSERT INTO bench_rows (id, type, position) VALUES ${values}`,
      events.flatMap((e) => [e.id, e.type, e.position]),
    );
  },
};

function history(): Planned[] {
  const plans = fc.sample(historyArb, { numRuns: Math.ceil(RECORDS / 14), seed: 42 });
  const first = buildHistory({ ...plans[0]!, moves: { village: null, back: null, township: null } });
  const registrations = first.filter((p) => p.event.type === 'OrgUnitRegistered');
  const records = plans.flatMap((plan) =>
    buildHistory({ ...plan, moves: { village: null, back: null, township: null } }).filter((p) => p.event.type !== 'OrgUnitRegistered'),
  );
  return [...registrations, ...records];
}

async function append(store: EventStore, planned: readonly Planned[]): Promise<number> {
  // One append per stream run: the bench measures the projection, not the store.
  let i = 0;
  while (i < planned.length) {
    let j = i + 1;
    while (j < planned.length && planned[j]!.stream === planned[i]!.stream) j++;
    await store.append(
      planned[i]!.stream,
      planned.slice(i, j).map((p) => ({ id: randomUUID(), type: p.event.type, data: p.event.data })),
      'any',
    );
    i = j;
  }
  return store.headPosition();
}

async function run(store: EventStore, openDb: () => Promise<DataSource>, projection: Projection): Promise<number> {
  const db = await openDb();
  try {
    if (projection === baselineProjection)
      await db.query('CREATE TABLE bench_rows (id varchar(64) PRIMARY KEY, type varchar(64), position bigint)');
    await new Checkpoints(db).read(projection.name);
    const runner = new ProjectionRunner(store, db, projection, { batchSize: BATCH });
    const start = performance.now();
    await runner.catchUp();
    return performance.now() - start;
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const planned = history();
  for (const mode of MODES) {
    const dir = mkdtempSync(join(tmpdir(), 'pls-stats-bench-'));
    let store: EventStore;
    let openDb: () => Promise<DataSource>;
    let n = 0;
    const cleanups: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
    if (mode === 'sqlite') {
      store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'normal' });
      openDb = () => openReadModel({ url: `sqlite:${join(dir, `read-${n++}.db`)}`, kind: 'sqlite', migrations: STATISTICS_MIGRATIONS });
    } else {
      const url = new URL(PG_URL);
      const admin = new Client({ connectionString: PG_URL.replace(url.pathname, '/postgres') });
      await admin.connect();
      const db = url.pathname.slice(1);
      if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 0)
        await admin.query(`CREATE DATABASE "${db}"`);
      await admin.end();
      const base = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      store = await PostgresEventStore.open({ connectionString: PG_URL, schema: `${base}_es` });
      const schemas = [`${base}_es`];
      openDb = async () => {
        const schema = `${base}_rm${n++}`;
        schemas.push(schema);
        return openReadModel({ url: PG_URL, kind: 'postgres', schema, migrations: STATISTICS_MIGRATIONS });
      };
      cleanups.push(async () => {
        const c = new Client({ connectionString: PG_URL });
        await c.connect();
        for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
        await c.end();
      });
    }
    try {
      const events = await append(store, planned);
      const times = { statistics: [] as number[], baseline: [] as number[] };
      for (const which of ['statistics', 'baseline', 'baseline', 'statistics'] as const) {
        times[which].push(await run(store, openDb, which === 'statistics' ? statisticsProjection : baselineProjection));
      }
      const rate = (ms: number[]) => Math.round(events / (ms.reduce((a, b) => a + b, 0) / ms.length / 1000));
      const s = rate(times.statistics);
      const b = rate(times.baseline);
      process.stdout.write(
        `${mode}: ${events} events, batch ${BATCH}: statistics ${s} events/s, baseline ${b} events/s, ratio ${(s / b).toFixed(2)}\n`,
      );
    } finally {
      await store.close();
      for (const c of cleanups) await c();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
