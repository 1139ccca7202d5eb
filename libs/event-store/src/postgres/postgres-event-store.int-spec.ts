import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import { eventStoreContract, expectContiguous, newEvents, readEverything, waitFor } from '../contract/event-store.contract';
import { ConcurrencyError, InvalidAppendError, StoreUnavailableError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore, statements, type PostgresEventStoreOptions } from './postgres-event-store';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const freshSchema = () => `es_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const dropSchema = (schema: string) => admin((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

describeWithPostgres('PostgresEventStore', () => {
  eventStoreContract('postgres', {
    densePositions: true,
    startsEmpty: true,
    async create() {
      const schema = freshSchema();
      const store = await PostgresEventStore.open({ connectionString: postgresUrl!, schema, pollIntervalMs: 200 });
      return {
        store,
        async dispose() {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  });

  describe('PostgreSQL specifics', () => {
    const schemas: string[] = [];
    const stores: PostgresEventStore[] = [];
    let schema: string;

    const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
      const store = await PostgresEventStore.open({ connectionString: postgresUrl!, schema, poolSize: 2, ...options });
      stores.push(store);
      return store;
    };

    beforeEach(() => {
      schema = freshSchema();
      schemas.push(schema);
    });
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      for (const s of schemas.splice(0)) await dropSchema(s);
    });

    it('never lets a reader skip or repeat an event while 16 separate writers commit out of order and one commit is held open for 3 s', async () => {
      await open(); // migrate once so the writers start together
      const writers = await Promise.all(
        Array.from({ length: 16 }, () => open({ poolSize: 1, beforeCommit: () => sleep(Math.random() * 4) })),
      );
      let heldUntil = 0;
      let holdStarted = 0;
      const held = await open({
        poolSize: 1,
        beforeCommit: async () => {
          holdStarted = Date.now();
          await sleep(3_000);
          heldUntil = Date.now();
        },
      });
      const reader = await open({ pollIntervalMs: 50 });

      const seen: Array<{ event: RecordedEvent; at: number }> = [];
      const sub = reader.subscribeAll(0, (batch) => {
        const at = Date.now();
        for (const event of batch) seen.push({ event, at });
      }, { batchSize: 37 });

      let running = true;
      const appended: number[] = [];
      const loops = writers.map(async (w, i) => {
        let n = 0;
        while (running) {
          const stream = `gap-w${i}_${n++}`;
          const r = await w.append(stream, newEvents(1 + Math.floor(Math.random() * 3)), 0);
          appended.push(r.position);
          await sleep(Math.random() * 3);
        }
      });
      await sleep(1_000);
      const heldAppend = held.append('gap-held', newEvents(2), 0);
      await sleep(4_500); // the hold (3 s) plus time for the writers to run after it
      running = false;
      await Promise.all(loops);
      const heldResult = await heldAppend;

      const final = await readEverything(reader, 0);
      const last = final[final.length - 1]!.position;
      await waitFor(() => (seen[seen.length - 1]?.event.position ?? 0) >= last, 10_000);
      await sub.stop();

      const positions = seen.map((s) => s.event.position);
      expect(positions).toEqual(final.map((e) => e.position)); // exactly once, in order
      expectContiguous(positions, 0);
      expect(new Set(seen.map((s) => s.event.id)).size).toBe(seen.length);
      expect(final.length).toBeGreaterThan(200);
      for (const p of appended) expect(p).toBeLessThanOrEqual(final.length);

      // The held transaction took its positions, sat on them for 3 s, and the reader
      // saw neither them nor anything after them until it committed.
      expect(heldUntil - holdStarted).toBeGreaterThanOrEqual(2_900);
      const heldSeen = seen.filter((s) => s.event.stream === 'gap-held');
      expect(heldSeen.map((s) => s.event.position)).toEqual([heldResult.position - 1, heldResult.position]);
      for (const s of heldSeen) expect(s.at).toBeGreaterThanOrEqual(heldUntil);
      for (const s of seen) if (s.event.position > heldResult.position) expect(s.at).toBeGreaterThanOrEqual(heldUntil);
      // Writers did run before and after the hold.
      expect(positions.filter((p) => p < heldResult.position - 1).length).toBeGreaterThan(50);
      expect(positions.filter((p) => p > heldResult.position).length).toBeGreaterThan(50);
    }, 60_000);

    it('lets exactly one of two processes create the same new stream; the other gets ConcurrencyError', async () => {
      // The delay before COMMIT makes both pass their checks before either commits.
      const a = await open({ beforeCommit: () => sleep(30) });
      const b = await open({ beforeCommit: () => sleep(30) });
      for (let round = 0; round < 10; round++) {
        const stream = `race-${randomUUID()}`;
        const outcomes = await Promise.allSettled([a.append(stream, newEvents(2), 0), b.append(stream, newEvents(3), 0)]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(ConcurrencyError);
        const winner = (won[0] as PromiseFulfilledResult<{ version: number }>).value;
        expect(lost.reason).toMatchObject({ actual: winner.version });
        expect((await a.readStream(stream)).map((e) => e.version)).toEqual(winner.version === 2 ? [1, 2] : [1, 2, 3]);
      }
      // With 'any' both succeed, one after the other.
      const stream = `race-${randomUUID()}`;
      const both = await Promise.all([a.append(stream, newEvents(2), 'any'), b.append(stream, newEvents(2), 'any')]);
      expect(both.map((r) => r.version).sort()).toEqual([2, 4]);
      expect(await a.readStream(stream)).toHaveLength(4);
      expect(await a.headPosition()).toBe(Math.max(...both.map((r) => r.position)));
    });

    it('deduplicates the same append sent through two processes at once', async () => {
      const a = await open({ beforeCommit: () => sleep(20) });
      const b = await open({ beforeCommit: () => sleep(20) });
      for (let round = 0; round < 5; round++) {
        const existing = `dup-${randomUUID()}`;
        await a.append(existing, newEvents(1), 0);
        // A new stream (the loser's stream insert finds the winner's row), an existing stream with an
        // exact version (the loser is refused, then finds the ids) and with 'any' (the loser's insert
        // hits the unique id and redoes the batch).
        const cases = [[`dup-${randomUUID()}`, 0], [existing, 1], [existing, 'any']] as const;
        for (const [stream, expected] of cases) {
          const events = newEvents(2);
          const results = await Promise.all([a.append(stream, events, expected), b.append(stream, events, expected)]);
          expect(results.filter((r) => r.duplicate)).toHaveLength(1);
          expect(results[0]!.position).toBe(results[1]!.position);
          expect((await b.readStream(stream)).map((e) => e.id).slice(-2)).toEqual(events.map((e) => e.id));
        }
      }
      expect(await a.headPosition()).toBe(5 * 7);
    });

    it('refuses what PostgreSQL cannot store without failing the other appends of the batch', async () => {
      const store = await open();
      const stream = `nul-${randomUUID()}`;
      const [bad, good] = await Promise.allSettled([
        store.append(`nul-${randomUUID()}`, [{ id: randomUUID(), type: 'T', data: { text: 'a\u0000b' } }], 0),
        store.append(stream, [{ id: randomUUID(), type: 'T', data: { text: 'a\\u0000b' } }], 0),
      ]);
      expect(bad).toMatchObject({ status: 'rejected', reason: expect.any(InvalidAppendError) });
      expect(good.status).toBe('fulfilled');
      expect((await store.readStream(stream))[0]!.data).toEqual({ text: 'a\\u0000b' });
    });

    it('has generic plans that use the indexes even when prepared on (nearly) empty, never-analysed tables', async () => {
      const store = await open();
      await store.append('a-1', newEvents(1), 0);
      const sql = statements(`"${schema}"`);
      const uuid = `'{${randomUUID()}}'`;
      const args: Record<string, string> = {
        lockAndFind: `'{a-1,b-2}', ${uuid}`,
        findIds: uuid,
        createStreams: `'{a-1}', '{1}'`,
        writeAtOnce: `'{a-1,b-2}', '{1,0}', '{2,1}', ${uuid}, 1, '{a-1}', '{2}', '{T}', ARRAY['{}'::jsonb], ARRAY['{}'::jsonb], 'x:'`,
        write: `1, ${uuid}, '{a-1}', '{1}', '{T}', ARRAY['{}'::jsonb], ARRAY['{}'::jsonb], '{b-2}', '{3}', 'x:'`,
        readStream: `'a-1', 1`,
        readAll: `0, 500`,
      };
      await admin(async (client) => {
        await client.query('SET plan_cache_mode = force_generic_plan');
        for (const [key, values] of Object.entries(args)) {
          const { text } = sql[key as keyof typeof sql] as { text: string };
          await client.query(`PREPARE plan_${key} AS ${text}`);
          const plan = (await client.query(`EXPLAIN EXECUTE plan_${key}(${values})`)).rows.map((r) => r['QUERY PLAN']).join('\n');
          expect({ key, plan }).toEqual({ key, plan: expect.not.stringMatching(/Seq Scan on es_(events|streams)/) });
        }
      });
    });

    it('migrates idempotently: opening twice at once and again later is harmless', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      await a.append('mig-one', newEvents(3), 0);
      const c = await open();
      expect(await c.headPosition()).toBe(3);
      expect(await b.readStream('mig-one')).toHaveLength(3);
      const version = await admin((client) => client.query(`SELECT version FROM "${schema}".es_schema`));
      expect(version.rows).toEqual([{ version: 1 }]);
    });

    it('rejects quickly with StoreUnavailableError when the server cannot be reached', async () => {
      const started = Date.now();
      const url = new URL(postgresUrl!);
      url.port = '1';
      const attempt = PostgresEventStore.open({ connectionString: url.toString(), schema });
      await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(attempt).rejects.toThrow(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/\w+: .*ECONNREFUSED/);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('turns a closed store and a dropped connection into StoreUnavailableError, and recovers on the next call', async () => {
      const store = await open();
      await store.append('conn-a', newEvents(1), 0);
      await admin((c) =>
        c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          `pls-event-store:${schema}`,
        ]),
      );
      // The pool notices the dead connection (at once or on first use) and connects anew.
      const retried = await (async () => {
        for (let i = 0; i < 5; i++) {
          try {
            return await store.append('conn-a', newEvents(1), 1);
          } catch (error) {
            expect(error).toBeInstanceOf(StoreUnavailableError);
          }
        }
        throw new Error('no recovery');
      })();
      expect(retried.version).toBe(2);
      await store.close();
      await expect(store.readAll(0, 10)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.append('conn-a', newEvents(1), 2)).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('reconnects the LISTEN connection after it drops, and live reads go on', async () => {
      // A long poll interval: a live event arriving quickly proves the notification path works.
      const reader = await open({ pollIntervalMs: 60_000 });
      const writer = await open();
      const seen: number[] = [];
      const sub = reader.subscribeAll(0, (batch) => {
        seen.push(...batch.map((e) => e.position));
      });
      await waitFor(() => reader.listening);
      await writer.append('listen-a', newEvents(1), 0);
      await waitFor(() => seen.length === 1, 3_000);
      await admin((c) =>
        c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          `pls-event-store-listener:${schema}`,
        ]),
      );
      await waitFor(() => !reader.listening, 3_000);
      await waitFor(() => reader.listening, 5_000);
      await writer.append('listen-b', newEvents(1), 0);
      await waitFor(() => seen.length === 2, 3_000);
      await sub.stop();
      expect(seen).toEqual([1, 2]);
    });
  });
});
