/*
 * Crash safety of the projections (issue: "kill the worker process (SIGKILL)
 * at random moments while writers run, restart it, compare the read model with
 * the fold — 0 lost, 0 double-counted").
 *
 * On PostgreSQL (log and read model in a fresh schema), the real worker
 * process runs every projection while writers in this process append records
 * through the store; the worker is SIGKILLed 50–800 ms after it reports
 * started, and restarted, FAULT_TRIALS times (default 20; `npm run test:faults`
 * runs 200). Then the writers stop, a last worker catches up to the head, and
 * the statistics' daily buckets and facts, the case list and the org tree must
 * equal a fold of the events read back from the store, exactly.
 */
import type { EventStore } from '@pls/event-store';
import { openEventStore } from '@pls/event-store/open-event-store';
import { openReadModel } from '@pls/read-model';
import { READ_MODEL_MIGRATIONS } from '@pls/runtime';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { discrepancies, fold, readAllEvents, readModelOf } from './support/fold';
import { startWorker, type WorkerProcess } from './support/worker-process';
import { registerTree, startWriters } from './support/writers';

const TRIALS = Math.max(1, Number(process.env.FAULT_TRIALS ?? 20));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describeWithPostgres('projections survive SIGKILLed workers', () => {
  const schema = `fault_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = `${postgresUrl}?schema=${schema}`;
  const env = { EVENT_STORE_URL: url, DATABASE_URL: url, PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64') };
  let store: EventStore;
  let db: DataSource;
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    store = await openEventStore(url);
    // Migrated here once, so the workers spend their short lives on the projections.
    db = await openReadModel({ url, kind: 'postgres', migrations: READ_MODEL_MIGRATIONS, poolSize: 3 });
    await registerTree(store);
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db?.destroy();
    await store?.close();
  });

  const checkpoint = async (name: string): Promise<number> => {
    const [row] = (await db.query(`SELECT position FROM projection_checkpoints WHERE name = $1`, [name])) as Array<{ position: string }>;
    return Number(row?.position ?? 0);
  };

  it(
    `loses nothing and counts nothing twice over ${TRIALS} SIGKILLs of the worker while writers append`,
    async () => {
      // Two writers, a few hundred events a second: enough for every worker to find a backlog and
      // live appends, little enough CPU left over for the worker's start-up (which dominates a trial).
      const writers = startWriters(store, 2, 6);
      const trials: Array<{ delayMs: number; applied: number }> = [];
      try {
        for (let t = 0; t < TRIALS; t++) {
          const before = await checkpoint('statistics');
          worker = startWorker(env);
          await worker.started;
          const delayMs = Math.round(50 + Math.random() * 750);
          await sleep(delayMs);
          const { signal } = await worker.kill('SIGKILL');
          expect(signal).toBe('SIGKILL');
          trials.push({ delayMs, applied: (await checkpoint('statistics')) - before });
        }
      } finally {
        await writers.stop();
      }
      const head = await store.headPosition();

      // A last worker catches up to the head.
      worker = startWorker(env);
      await worker.started;
      const deadline = Date.now() + 60_000;
      while ((await checkpoint('statistics')) < head || (await checkpoint('case-list')) < head) {
        if (Date.now() > deadline) throw new Error(`the last worker did not reach ${head}:\n${worker.output()}`);
        await sleep(50);
      }
      await worker.kill('SIGTERM');
      worker = null;

      const events = await readAllEvents(store);
      expect(events.length).toBe(head);
      const expected = fold(events);
      const actual = await readModelOf(db);
      const daily = discrepancies(expected.buckets, actual.daily);
      const facts = discrepancies(expected.buckets, actual.facts);
      const factCount = [...expected.buckets.values()].reduce((n, s) => n + s.facts, 0);
      process.stdout.write(
        `\n[faults] ${TRIALS} SIGKILLs (delays ${Math.min(...trials.map((t) => t.delayMs))}–${Math.max(...trials.map((t) => t.delayMs))} ms, ` +
          `${trials.filter((t) => t.applied > 0).length} with batches committed before the kill), ${head.toLocaleString('en-US')} events, ` +
          `${factCount.toLocaleString('en-US')} facts: stat_daily lost ${daily.lost}, doubled ${daily.doubled}; ` +
          `stat_facts lost ${facts.lost}, doubled ${facts.doubled}; ${expected.cases.size} case-list groups; ${actual.orgUnits} org units\n`,
      );
      expect({ lost: daily.lost, doubled: daily.doubled, differing: daily.differing.slice(0, 5) }).toEqual({
        lost: 0,
        doubled: 0,
        differing: [],
      });
      expect({ lost: facts.lost, doubled: facts.doubled, differing: facts.differing.slice(0, 5) }).toEqual({
        lost: 0,
        doubled: 0,
        differing: [],
      });
      expect(Object.fromEntries(actual.cases)).toEqual(Object.fromEntries(expected.cases));
      expect(actual.orgUnits).toBe(expected.orgUnits);
      // The kills landed while workers were working, not only before they did anything.
      expect(trials.filter((t) => t.applied > 0).length).toBeGreaterThan(TRIALS / 2);
    },
    // A watchdog, not a measure: a worker starts in ~4 s on a quiet machine, several times that beside the rest of the suite.
    TRIALS * 20_000 + 180_000,
  );
});
