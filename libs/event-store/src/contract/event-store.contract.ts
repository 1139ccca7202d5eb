import { randomUUID } from 'node:crypto';
import { ConcurrencyError, DuplicateEventError } from '../errors';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port';

export interface ContractTarget {
  /** A store for one test; `dispose` closes it (and drops what it made, if it can). */
  create(): Promise<{ store: EventStore; dispose(): Promise<void> }>;
  /**
   * `true` when global positions are dense (1, 2, 3 … with no holes): then the
   * suite also checks contiguity. KurrentDB positions are byte offsets, not
   * dense, so it only gets the ordering checks.
   */
  readonly densePositions: boolean;
  /** Whether the store starts empty (positions from 1). */
  readonly startsEmpty: boolean;
  /**
   * `false` where the server has no index by event id (KurrentDB): an id reused
   * in a *different* stream cannot be detected there, so only reuse within the
   * same stream is checked. Default `true`.
   */
  readonly detectsIdReuseAcrossStreams?: boolean;
}

export function newEvents(n: number, type = 'TestHappened', extra: Record<string, unknown> = {}): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type,
    data: { i, ...extra },
    metadata: { actorId: null },
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const streamName = () => `test-${randomUUID()}`;

/**
 * The guarantees of the port, run against every adapter (see DESIGN.md,
 * "Event store port"). Uses jest's globals so each adapter's spec is just
 * `eventStoreContract('sqlite', target)`.
 */
export function eventStoreContract(name: string, target: ContractTarget): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await target.create());
    });
    afterEach(async () => {
      await dispose();
    });

    it('appends to a new stream and reads it back in version order', async () => {
      const stream = streamName();
      const events = newEvents(3);
      const result = await store.append(stream, events, 0);
      expect(result).toMatchObject({ stream, version: 3, duplicate: false });
      const read = await store.readStream(stream);
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(read[0]).toMatchObject({ stream, type: 'TestHappened', data: { i: 0 }, metadata: { actorId: null } });
      expect(read[2]!.position).toBe(result.position);
      expect(Number.isNaN(Date.parse(read[0]!.recordedAt))).toBe(false);
      expect(await store.readStream(stream, 3)).toHaveLength(1);
      expect(await store.readStream(streamName())).toEqual([]);
    });

    it('refuses a stale expected version with ConcurrencyError and appends nothing', async () => {
      const stream = streamName();
      await store.append(stream, newEvents(2), 0);
      const head = await store.headPosition();
      await expect(store.append(stream, newEvents(1), 1)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, newEvents(1), 0)).rejects.toMatchObject({ actual: 2 });
      await expect(store.append(streamName(), newEvents(1), 3)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(streamName(), newEvents(1), 'exists')).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.headPosition()).toBe(head);
      const ok = await store.append(stream, newEvents(1), 2);
      expect(ok.version).toBe(3);
      expect((await store.append(stream, newEvents(1), 'any')).version).toBe(4);
      expect((await store.append(stream, newEvents(1), 'exists')).version).toBe(5);
    });

    it('lets exactly one of many racing writers win the same expected version', async () => {
      const stream = streamName();
      await store.append(stream, newEvents(1), 0);
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(stream, newEvents(2), 1)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('is idempotent by event id: a repeat returns the first result and appends nothing', async () => {
      const stream = streamName();
      const events = newEvents(3);
      const first = await store.append(stream, events, 0);
      const head = await store.headPosition();
      // The repeat carries the stale expected version the client first sent.
      const again = await store.append(stream, events, 0);
      expect(again).toEqual({ ...first, duplicate: true });
      const racing = await Promise.all([store.append(stream, events, 0), store.append(stream, events, 'any')]);
      for (const r of racing) expect(r.position).toBe(first.position);
      expect(await store.readStream(stream)).toHaveLength(3);
      expect(await store.headPosition()).toBe(head);
    });

    it('deduplicates identical appends racing on a fresh stream', async () => {
      const stream = streamName();
      const events = newEvents(2);
      const results = await Promise.all(Array.from({ length: 5 }, () => store.append(stream, events, 0)));
      expect(new Set(results.map((r) => r.position)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('refuses event ids reused for a different append', async () => {
      const stream = streamName();
      const events = newEvents(2);
      await store.append(stream, events, 0);
      if (target.detectsIdReuseAcrossStreams !== false) {
        await expect(store.append(streamName(), [events[0]!], 0)).rejects.toBeInstanceOf(DuplicateEventError);
      }
      await expect(store.append(stream, [...newEvents(1), events[1]!], 2)).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('gives strictly increasing global positions that readAll follows', async () => {
      const start = await store.headPosition();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.append(streamName(), newEvents((i % 3) + 1), 0)),
      );
      const all = await readEverything(store, start);
      const positions = all.map((e) => e.position);
      expectStrictlyIncreasing(positions);
      expect(all).toHaveLength(results.reduce((n, _r, i) => n + (i % 3) + 1, 0));
      for (const r of results) expect(positions).toContain(r.position);
      if (target.densePositions) expectContiguous(positions, start);
      // Paging returns the same sequence.
      const paged: number[] = [];
      let after = start;
      for (;;) {
        const page = await store.readAll(after, 7);
        if (page.length === 0) break;
        paged.push(...page.map((e) => e.position));
        after = page[page.length - 1]!.position;
      }
      expect(paged).toEqual(positions);
      expect(await store.headPosition()).toBe(positions[positions.length - 1]);
    });

    it('subscribes: catch-up, then live, in order', async () => {
      const start = await store.headPosition();
      await store.append(streamName(), newEvents(5), 0);
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeAll(start, (batch) => {
        seen.push(...batch);
      });
      await waitFor(() => seen.length >= 5);
      await store.append(streamName(), newEvents(3), 0);
      await waitFor(() => seen.length >= 8);
      await sub.stop();
      expectStrictlyIncreasing(seen.map((e) => e.position));
      expect(sub.position).toBe(seen[seen.length - 1]!.position);
      expect(seen.map((e) => e.position)).toEqual((await readEverything(store, start)).map((e) => e.position));
    });

    it('stops a subscription whose handler fails, at the last acknowledged batch', async () => {
      const start = await store.headPosition();
      await store.append(streamName(), newEvents(3), 0);
      const errors: unknown[] = [];
      const sub = store.subscribeAll(
        start,
        () => {
          throw new Error('projection bug');
        },
        { onError: (e) => errors.push(e) },
      );
      await expect(sub.done).rejects.toThrow('projection bug');
      expect(errors).toHaveLength(1);
      expect(sub.position).toBe(start);
    });

    it('hands over from catch-up to live without loss or duplication across 100 restarts while writers run', async () => {
      const start = await store.headPosition();
      let writing = true;
      const writers = Array.from({ length: 4 }, async () => {
        while (writing) {
          const stream = streamName();
          await store.append(stream, newEvents(1 + Math.floor(Math.random() * 3)), 0);
          await sleep(Math.random() * 3);
        }
      });
      const delivered: number[] = [];
      let checkpoint = start;
      for (let restart = 0; restart < 100; restart++) {
        const sub = store.subscribeAll(
          checkpoint,
          (batch) => {
            for (const e of batch) delivered.push(e.position);
          },
          { batchSize: 1 + Math.floor(Math.random() * 20) },
        );
        await sleep(Math.random() * 15);
        await sub.stop();
        checkpoint = sub.position;
        // The checkpoint is exactly the last event handed to the handler.
        if (delivered.length > 0) expect(delivered[delivered.length - 1]).toBe(checkpoint);
      }
      writing = false;
      await Promise.all(writers);
      const finalSub = store.subscribeAll(checkpoint, (batch) => {
        for (const e of batch) delivered.push(e.position);
      });
      const expected = (await readEverything(store, start)).map((e) => e.position);
      await waitFor(() => delivered.length >= expected.length);
      await finalSub.stop();
      expect(delivered).toEqual(expected);
      expectStrictlyIncreasing(delivered);
      if (target.densePositions) expectContiguous(delivered, start);
      expect(expected.length).toBeGreaterThan(100);
    }, 60_000);
  });
}

export async function readEverything(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll(after, 1000);
    if (page.length === 0) return out;
    out.push(...page);
    after = page[page.length - 1]!.position;
  }
}

export function expectStrictlyIncreasing(positions: readonly number[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i]! > positions[i - 1]!)) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

export function expectContiguous(positions: readonly number[], after: number): void {
  positions.forEach((p, i) => {
    if (p !== after + i + 1) throw new Error(`position ${after + i + 1} expected at index ${i}, got ${p}`);
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
