/*
 * The adapter's own logic (pre-append repeat check, expected-revision mapping,
 * paging $all with an inclusive start, filtering, the native subscription's
 * batching and backpressure) against FakeKurrentClient, a model of the server.
 * The same contract suite runs against a real server in the int-spec.
 */
import { DeadlineExceededError, type EventData } from '@kurrent/kurrentdb-client';
import { newEvents, readEverything, waitFor } from '../contract/event-store.contract';
import { ConcurrencyError, DuplicateEventError, StoreUnavailableError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { FakeKurrentClient, type FakeSubscription } from './fake-kurrent-client';
import { kurrentDbContract } from './kurrentdb-contract';
import { KurrentDbEventStore, type KurrentClient } from './kurrentdb-event-store';

const asClient = (fake: FakeKurrentClient) => fake as unknown as KurrentClient;

kurrentDbContract('kurrentdb (adapter over a model of the server)', {
  densePositions: false,
  startsEmpty: false,
  async create() {
    // Re-delivers the start event and interleaves system events: the harder case for the adapter.
    const fake = new FakeKurrentClient({ inclusiveSubscriptionStart: true, systemEventEvery: 3 });
    const store = new KurrentDbEventStore(asClient(fake));
    return { store, dispose: () => store.close() };
  },
});

describe('KurrentDbEventStore over a model of the server', () => {
  let fake: FakeKurrentClient;
  let store: KurrentDbEventStore;

  beforeEach(() => {
    fake = new FakeKurrentClient({ systemEventEvery: 2 });
    store = new KurrentDbEventStore(asClient(fake));
  });
  afterEach(() => store.close());

  it('always sends the exact expected revision', async () => {
    const spy = jest.spyOn(fake, 'appendToStream');
    await store.append('workorder-1', newEvents(2), 0);
    await store.append('workorder-1', newEvents(1), 2);
    await store.append('workorder-1', newEvents(1), 'any');
    await store.append('workorder-1', newEvents(1), 'exists');
    expect(spy.mock.calls.map((c) => c[2]?.streamState)).toEqual(['no_stream', 1n, 'any', 'stream_exists']);
  });

  it('answers a repeat that is no longer at the tail from the stream, without appending', async () => {
    const first = newEvents(3);
    const original = await store.append('workorder-1', first, 0);
    await store.append('workorder-1', newEvents(2), 3);
    const appends = fake.calls.appendToStream;
    expect(await store.append('workorder-1', first, 'any')).toEqual({ ...original, duplicate: true });
    expect(await store.append('workorder-1', first, 0)).toEqual({ ...original, duplicate: true });
    expect(fake.calls.appendToStream).toBe(appends);
    expect(await store.readStream('workorder-1')).toHaveLength(5);
  });

  it('refuses a batch that reuses an id of the same stream in a later slot', async () => {
    const first = newEvents(2);
    await store.append('workorder-1', first, 0);
    await expect(store.append('workorder-1', [...newEvents(1), first[0]!], 2)).rejects.toBeInstanceOf(DuplicateEventError);
    // A repeat must be the same batch: the first id alone with different companions is refused too.
    await expect(store.append('workorder-1', [first[0]!, ...newEvents(1)], 'any')).rejects.toBeInstanceOf(DuplicateEventError);
  });

  it('reports a conflict with the actual version, from the server', async () => {
    await store.append('workorder-1', newEvents(3), 0);
    await expect(store.append('workorder-1', newEvents(1), 1)).rejects.toMatchObject({ actual: 3, expected: 1 });
    await expect(store.append('workorder-2', newEvents(1), 'exists')).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('answers an append whose acknowledgement was lost as a repeat when the events are stored', async () => {
    const original = fake.appendToStream.bind(fake);
    jest.spyOn(fake, 'appendToStream').mockImplementationOnce(async (stream, events, options) => {
      await original(stream, events as EventData[], options);
      throw new DeadlineExceededError();
    });
    const events = newEvents(2);
    const result = await store.append('workorder-1', events, 0);
    const stored = await store.readStream('workorder-1');
    expect(result).toEqual({ stream: 'workorder-1', version: 2, position: stored[1]!.position, duplicate: true });
  });

  it('turns an unreachable server into StoreUnavailableError', async () => {
    fake.unavailable = true;
    await expect(store.append('workorder-1', newEvents(1), 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readAll(0, 10)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('leaves system and foreign events out of readAll, headPosition and subscriptions', async () => {
    const start = await store.headPosition();
    const mine = await store.append('workorder-1', newEvents(2), 0);
    fake.writeRaw('other-1', 'Binary', false, null);
    fake.writeRaw('orders', 'OrderPlaced', true, { a: 1 });
    fake.writeRaw('$$workorder-1', '$metadata', true, { $maxAge: 10 });
    fake.writeRaw('$ce-workorder', '$>', true, '0@workorder-1');
    const all = await readEverything(store, start);
    expect(all.map((e) => e.stream)).toEqual(['workorder-1', 'workorder-1']);
    expect(await store.headPosition()).toBe(mine.position);
    const seen: RecordedEvent[] = [];
    const sub = store.subscribeAll(start, (batch) => void seen.push(...batch));
    await waitFor(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    expect(seen.map((e) => e.position)).toEqual(all.map((e) => e.position));
  });

  it('reads $all strictly after the given position, across pages', async () => {
    const start = await store.headPosition();
    for (let i = 0; i < 30; i++) await store.append(`workorder-${i}`, newEvents(40), 0);
    const page1 = await store.readAll(start, 1000);
    expect(page1).toHaveLength(1000);
    const page2 = await store.readAll(page1[999]!.position, 1000);
    expect(page2).toHaveLength(200);
    expect(page2[0]!.position).toBeGreaterThan(page1[999]!.position);
    const all = [...page1, ...page2].map((e) => e.position);
    expect(new Set(all).size).toBe(1200);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    expect(await store.readAll(all[1199]!, 10)).toEqual([]);
  });

  it('round-trips data and metadata as JSON and takes recordedAt from the server', async () => {
    const before = Date.now();
    await store.append(
      'workorder-1',
      [
        { id: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'A', data: { n: [1, { x: 'y' }] }, metadata: { actorId: 'u1', causationId: null } },
        { id: '1f8fad5b-d9cb-469f-a165-70867728950e', type: 'B', data: null },
      ],
      0,
    );
    const [a, b] = await store.readStream('workorder-1');
    expect(a).toMatchObject({ data: { n: [1, { x: 'y' }] }, metadata: { actorId: 'u1', causationId: null }, version: 1 });
    expect(b).toMatchObject({ data: null, metadata: {}, version: 2 });
    expect(Date.parse(a!.recordedAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it('pulls from the subscription only while the handler keeps up (backpressure)', async () => {
    const start = await store.headPosition();
    for (let i = 0; i < 10; i++) await store.append(`workorder-${i}`, newEvents(10), 0);
    let source: FakeSubscription | undefined;
    const subscribe = fake.subscribeToAll.bind(fake);
    jest.spyOn(fake, 'subscribeToAll').mockImplementation((...args) => (source = subscribe(...args)));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batches: number[] = [];
    const sub = store.subscribeAll(
      start,
      async (batch) => {
        batches.push(batch.length);
        await gate;
      },
      { batchSize: 5 },
    );
    await waitFor(() => batches.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    // One batch in the handler, at most one more buffered (highWaterMark = batchSize), plus system events skipped.
    expect(source!.cursor).toBeLessThan(20);
    expect(sub.position).toBe(start);
    release();
    await waitFor(() => batches.reduce((a, b) => a + b, 0) === 100);
    expect(Math.max(...batches)).toBeLessThanOrEqual(5);
    await sub.stop();
    expect(sub.position).toBe(await store.headPosition());
    expect(fake.openSubscriptions).toBe(0);
  });

  it.each([true, false])('resumes after the checkpoint without repeating or skipping (inclusive start: %s)', async (inclusive) => {
    fake = new FakeKurrentClient({ inclusiveSubscriptionStart: inclusive });
    store = new KurrentDbEventStore(asClient(fake));
    const start = await store.headPosition();
    await store.append('workorder-1', newEvents(3), 0);
    const all = await readEverything(store, start);
    const seen: number[] = [];
    const sub = store.subscribeAll(all[0]!.position, (batch) => void seen.push(...batch.map((e) => e.position)));
    await waitFor(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    expect(seen).toEqual(all.slice(1).map((e) => e.position));
  });

  it('fails the subscription when the server drops it, and reports it once', async () => {
    await store.append('workorder-1', newEvents(1), 0);
    const errors: unknown[] = [];
    const sub = store.subscribeAll(0, () => undefined, { onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 20));
    fake.dropSubscriptions();
    await expect(sub.done).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(errors).toHaveLength(1);
    expect(fake.openSubscriptions).toBe(0);
  });

  it('stops its subscriptions and refuses work once closed', async () => {
    const sub = store.subscribeAll(0, () => undefined);
    await store.close();
    await sub.done;
    expect(fake.openSubscriptions).toBe(0);
    await expect(store.append('workorder-1', newEvents(1), 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readAll(0, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('KurrentDbEventStore.open', () => {
  it('fails with one clear line when nothing listens at the URL, without leaking the password', async () => {
    const error: unknown = await KurrentDbEventStore.open({
      connectionString: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false',
      connectTimeoutMs: 15_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot reach KurrentDB at kurrentdb:\/\/admin:\*\*\*@127\.0\.0\.1:1\?tls=false: \S/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('s3cret');
  });

  it('fails with one clear line on a malformed URL', async () => {
    await expect(KurrentDbEventStore.open({ connectionString: 'kurrentdb://' })).rejects.toThrow(
      /^invalid KurrentDB connection string kurrentdb:\/\/: /,
    );
  });
});
