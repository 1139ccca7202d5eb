import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { newEvents, waitFor } from '@pls/event-store/contract/event-store.contract';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import type { DataSource, EntityManager } from 'typeorm';
import { openReadModel } from './data-source';
import { ProjectionRunner } from './projection-runner';
import type { Projection } from './projection';

/** Counts `Counted` events per stream; fails on demand to simulate a crash mid-batch. */
function countingProjection(name: string, options: { failOnPosition?: () => number | undefined } = {}): Projection {
  return {
    name,
    tables: [`${name}_counts`],
    eventTypes: new Set(['Counted']),
    async apply(events: readonly RecordedEvent[], tx: EntityManager) {
      for (const e of events) {
        if (options.failOnPosition?.() === e.position) throw new Error(`crash at ${e.position}`);
        await tx.query(
          `INSERT INTO ${name}_counts (stream, n) VALUES (${param(tx, 1)}, 1) ON CONFLICT (stream) DO UPDATE SET n = ${name}_counts.n + 1`,
          [e.stream],
        );
      }
    },
  };
}

const param = (tx: EntityManager, i: number) => (tx.connection.options.type === 'postgres' ? `$${i}` : '?');

async function total(db: DataSource, name: string): Promise<number> {
  const [row] = await db.query(`SELECT COALESCE(SUM(n), 0) AS n FROM ${name}_counts`);
  return Number(row.n);
}

async function checkpoint(db: DataSource, name: string): Promise<number> {
  const rows = await db.query(`SELECT position FROM projection_checkpoints WHERE name = '${name}'`);
  return Number(rows[0]?.position ?? 0);
}

async function append(store: EventStore, n: number, type = 'Counted') {
  for (let i = 0; i < n; i++) await store.append(`test-${randomUUID()}`, newEvents(1, type), 0);
}

type Target = { kind: 'sqlite' | 'postgres'; open(): Promise<{ db: DataSource; dispose(): Promise<void> }> };

const targets: Array<[string, jest.Describe, Target]> = [
  [
    'sqlite',
    describe,
    {
      kind: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'pls-rm-'));
        const db = await openReadModel({ url: `sqlite:${dir}/rm.db`, kind: 'sqlite' });
        return { db, dispose: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
      },
    },
  ],
  [
    'postgres',
    describeWithPostgres,
    {
      kind: 'postgres',
      async open() {
        const schema = `rm_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        const db = await openReadModel({ url: `${postgresUrl}?schema=${schema}`, kind: 'postgres' });
        return { db, dispose: async () => (await db.query(`DROP SCHEMA "${schema}" CASCADE`), await db.destroy()) };
      },
    },
  ],
];

describe.each(targets)('ProjectionRunner on %s', (_name, describeIt, target) => {
  describeIt('', () => {
    let db: DataSource;
    let dispose: () => Promise<void>;
    const name = 'counting';

    beforeEach(async () => {
      ({ db, dispose } = await target.open());
      await db.query(`CREATE TABLE ${name}_counts (stream varchar(100) PRIMARY KEY, n integer NOT NULL)`);
    });
    afterEach(() => dispose());

    it('applies a batch and its checkpoint together: a failure mid-batch leaves both untouched', async () => {
      const store = new InMemoryEventStore();
      await append(store, 10);
      let failAt: number | undefined = 7;
      const runner = new ProjectionRunner(store, db, countingProjection(name, { failOnPosition: () => failAt }), { batchSize: 100 });
      await expect(runner.catchUp()).rejects.toThrow('crash at 7');
      expect(await total(db, name)).toBe(0);
      expect(await checkpoint(db, name)).toBe(0);
      // "Restart": a new runner from the stored checkpoint counts each event exactly once.
      failAt = undefined;
      const restarted = new ProjectionRunner(store, db, countingProjection(name), { batchSize: 3 });
      await restarted.catchUp();
      expect(await total(db, name)).toBe(10);
      expect(await checkpoint(db, name)).toBe(10);
    });

    it('follows live appends and lets callers wait for a position', async () => {
      const store = new InMemoryEventStore();
      const runner = new ProjectionRunner(store, db, countingProjection(name));
      await runner.start();
      await append(store, 5);
      expect(await runner.watch.waitFor(5, 5000)).toBe(true);
      expect(await total(db, name)).toBe(5);
      expect(await runner.watch.waitFor(99, 50)).toBe(false);
      await runner.stop();
    });

    it('skips the transaction for batches without its event types, and never loses a later one', async () => {
      const store = new InMemoryEventStore();
      await append(store, 4, 'Ignored');
      await append(store, 2);
      const runner = new ProjectionRunner(store, db, countingProjection(name), { batchSize: 2 });
      await runner.catchUp();
      expect(await total(db, name)).toBe(2);
      expect(runner.position).toBe(6);
      expect(await checkpoint(db, name)).toBe(6);
    });

    it('refuses to apply a batch twice when another runner moved the checkpoint first', async () => {
      const store = new InMemoryEventStore();
      await append(store, 3);
      const a = new ProjectionRunner(store, db, countingProjection(name));
      const b = new ProjectionRunner(store, db, countingProjection(name));
      // Both read the checkpoint (0) before either applies anything, as two overlapping runners would.
      await a.loadFrom();
      await b.loadFrom();
      await a.catchUp();
      await expect(b.catchUp()).rejects.toThrow(/checkpoint of counting is no longer at 0/);
      expect(await total(db, name)).toBe(3);
    });

    it('resubscribes a subscription that went silent while the log moved on', async () => {
      const store = new InMemoryEventStore();
      const runner = new ProjectionRunner(store, db, countingProjection(name), { livenessMs: 50 });
      // A store whose subscriptions never deliver: only the liveness check's resubscription can help.
      let silent = true;
      const subscribe = store.subscribeAll.bind(store);
      store.subscribeAll = (after, handler, options) =>
        silent ? subscribe(after, async () => new Promise(() => undefined), options) : subscribe(after, handler, options);
      await runner.start();
      await append(store, 3);
      await new Promise((r) => setTimeout(r, 20));
      silent = false;
      expect(await runner.watch.waitFor(3, 5000)).toBe(true);
      await runner.stop();
    });
  });
});

describeWithPostgres('ProjectionRunner election on PostgreSQL', () => {
  it('keeps one active runner per projection; a standby takes over when it stops', async () => {
    const schema = `rm_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const url = `${postgresUrl}?schema=${schema}`;
    const db1 = await openReadModel({ url, kind: 'postgres' });
    const db2 = await openReadModel({ url, kind: 'postgres' });
    await db1.query('CREATE TABLE counting_counts (stream varchar(100) PRIMARY KEY, n integer NOT NULL)');
    const store = new InMemoryEventStore();
    const first = new ProjectionRunner(store, db1, countingProjection('counting'), { electionRetryMs: 50 });
    const second = new ProjectionRunner(store, db2, countingProjection('counting'), { electionRetryMs: 50 });
    await first.start();
    await second.start();
    expect([first.status, second.status]).toEqual(['active', 'standby']);
    await append(store, 4);
    expect(await first.watch.waitFor(4, 5000)).toBe(true);
    await first.stop();
    await waitFor(() => second.status === 'active', 5000);
    await append(store, 3);
    expect(await second.watch.waitFor(7, 5000)).toBe(true);
    expect(await total(db2, 'counting')).toBe(7);
    await second.stop();
    await db1.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db1.destroy();
    await db2.destroy();
  });
});
