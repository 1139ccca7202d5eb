import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvents } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', {
  densePositions: true,
  startsEmpty: true,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'pls-es-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    return {
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

describe('SqliteEventStore specifics', () => {
  it('keeps every acknowledged append across a reopen, and migrating twice is harmless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-es-'));
    const path = join(dir, 'events.db');
    const first = new SqliteEventStore({ path });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => first.append(`test-${i}`, newEvents(2), 0)));
    await first.close();
    const second = new SqliteEventStore({ path });
    expect(await second.headPosition()).toBe(40);
    expect((await second.readStream('test-7')).map((e) => e.version)).toEqual([1, 2]);
    expect(Math.max(...results.map((r) => r.position))).toBe(40);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees appends made by another connection to the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-es-'));
    const path = join(dir, 'events.db');
    const writer = new SqliteEventStore({ path });
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const seen: number[] = [];
    const sub = reader.subscribeAll(0, (batch) => {
      seen.push(...batch.map((e) => e.position));
    });
    await writer.append('test-a', newEvents(3), 0);
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    expect(seen).toEqual([1, 2, 3]);
    await writer.close();
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
