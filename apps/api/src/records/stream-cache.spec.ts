import { ConcurrencyError, type NewEvent } from '@pls/event-store';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { randomUUID } from 'node:crypto';
import { StreamCache } from './stream-cache';

const event = (type = 'T', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data, metadata: { commandId: randomUUID() } });

describe('StreamCache (the command path’s view of the store)', () => {
  it('answers a stream it wrote without reading it, exactly as the store would', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamCache(store);
    cache.assumeNew('s-1');
    await cache.append('s-1', [event('A')], 0);
    await cache.append('s-1', [event('B'), event('C')], 1);
    const reads = jest.spyOn(store, 'readStream');
    const remembered = await cache.readStream('s-1');
    expect(reads).not.toHaveBeenCalled();
    const stored = await store.readStream('s-1');
    const comparable = (es: typeof stored) => es.map(({ recordedAt: _, ...e }) => e);
    expect(comparable(remembered)).toEqual(comparable(stored));
  });

  it('keeps data as it comes back from the store: through JSON', async () => {
    const cache = new StreamCache(new InMemoryEventStore());
    await cache.append('s-0', [event('A', { at: new Date('2021-03-01T00:00:00Z'), gone: undefined })], 0);
    expect((await cache.readStream('s-0'))[0]!.data).toEqual({ at: '2021-03-01T00:00:00.000Z' });
  });

  it('forgets a stream another writer moved: the append fails on the expected version and the next read is fresh', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamCache(store);
    await cache.append('s-2', [event()], 0);
    expect(cache.wasRemembered('s-2')).toBe(true);
    await store.append('s-2', [event()], 1); // another process
    const stale = await cache.readStream('s-2');
    expect(stale).toHaveLength(1);
    await expect(cache.append('s-2', [event()], stale.length)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(cache.wasRemembered('s-2')).toBe(false);
    expect(await cache.readStream('s-2')).toHaveLength(2);
  });

  it('forgets a stream after a duplicate append, and keeps what an older read returns from replacing a newer append', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamCache(store);
    const first = event();
    await cache.append('s-3', [first], 0);
    expect((await cache.append('s-3', [first], 0)).duplicate).toBe(true);
    expect(cache.wasRemembered('s-3')).toBe(false);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = jest.spyOn(store, 'readStream');
    read.mockImplementationOnce(async (stream) => {
      const events = await InMemoryEventStore.prototype.readStream.call(store, stream);
      await gate;
      return events;
    });
    const slowRead = cache.readStream('s-3'); // sees version 1
    read.mockRestore();
    await new Promise((r) => setImmediate(r));
    cache.assumeNew('s-4');
    await store.append('s-3', [event()], 1);
    await cache.readStream('s-3'); // version 2, remembered
    release();
    expect(await slowRead).toHaveLength(1);
    expect(await cache.readStream('s-3')).toHaveLength(2);
  });
});
