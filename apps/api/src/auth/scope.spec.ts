import type { EventStore } from '@pls/event-store';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { randomUUID } from 'node:crypto';
import { OrgScopes } from './scope';

/** A store holding city C → township A (village A1), township B; city X; counting stream reads. */
async function network() {
  const store = new InMemoryEventStore();
  const ids = { C: randomUUID(), A: randomUUID(), A1: randomUUID(), B: randomUUID(), X: randomUUID() };
  const register = (id: string, level: string, parentId: string | null) =>
    store.append(
      `orgunit-${id}`,
      [{ id: randomUUID(), type: 'OrgUnitRegistered', data: { orgUnitId: id, name: id, level, parentId, code: null } }],
      0,
    );
  await register(ids.C, 'city', null);
  await register(ids.A, 'township', ids.C);
  await register(ids.A1, 'village', ids.A);
  await register(ids.B, 'township', ids.C);
  await register(ids.X, 'city', null);
  let reads = 0;
  const counting: Pick<EventStore, 'readStream'> = {
    readStream: (stream, from) => {
      reads++;
      return store.readStream(stream, from);
    },
  };
  const move = (id: string, from: string, to: string, version: number) =>
    store.append(
      `orgunit-${id}`,
      [{ id: randomUUID(), type: 'OrgUnitMoved', data: { orgUnitId: id, fromParentId: from, toParentId: to, effectiveOn: '2021-07-01' } }],
      version,
    );
  return { ids, counting, reads: () => reads, move };
}

describe('OrgScopes', () => {
  it('answers whether a unit lies in the caller’s subtree from the chain of its ancestors', async () => {
    const { ids, counting } = await network();
    const scopes = new OrgScopes(counting);
    expect(await scopes.chainOf(ids.A1)).toEqual([ids.A1, ids.A, ids.C]);
    expect(await scopes.verdict({ orgUnitId: ids.A }, ids.A1)).toBe('in');
    expect(await scopes.verdict({ orgUnitId: ids.A1 }, ids.A1)).toBe('in');
    expect(await scopes.verdict({ orgUnitId: ids.A1 }, ids.A)).toBe('out');
    expect(await scopes.verdict({ orgUnitId: ids.B }, ids.A1)).toBe('out');
    expect(await scopes.verdict({ orgUnitId: ids.C }, ids.A1)).toBe('in');
    expect(await scopes.verdict({ orgUnitId: ids.A }, randomUUID())).toBe('unknown');
    expect(await scopes.verdict({ orgUnitId: null }, randomUUID())).toBe('in');
  });

  it('tells the caller’s network (the tree under the same city) from another', async () => {
    const { ids, counting } = await network();
    const scopes = new OrgScopes(counting);
    expect(await scopes.networkVerdict({ orgUnitId: ids.A1 }, ids.B)).toBe('in');
    expect(await scopes.networkVerdict({ orgUnitId: ids.A1 }, ids.X)).toBe('out');
    expect(await scopes.networkVerdict({ orgUnitId: ids.A1 }, randomUUID())).toBe('unknown');
    expect(await scopes.networkVerdict({ orgUnitId: randomUUID() }, ids.B)).toBe('out');
  });

  it('reads each unit once while warm: a check is a lookup', async () => {
    const { ids, counting, reads } = await network();
    const scopes = new OrgScopes(counting);
    await scopes.verdict({ orgUnitId: ids.A }, ids.A1);
    expect(reads()).toBe(3);
    for (let i = 0; i < 1000; i++) await scopes.verdict({ orgUnitId: ids.B }, ids.A1);
    // The township on the way up learnt its own chain too.
    await scopes.verdict({ orgUnitId: ids.C }, ids.A);
    expect(reads()).toBe(3);
    // Unknown units are never remembered: one registered a moment later is found.
    await scopes.chainOf(randomUUID());
    await scopes.chainOf(randomUUID());
    expect(reads()).toBe(5);
  });

  it('forgets on invalidate (an org-unit command ran here) and after the TTL (a move made elsewhere)', async () => {
    const { ids, counting, reads, move } = await network();
    let now = 1_000;
    const scopes = new OrgScopes(counting, 5_000, () => now);
    expect(await scopes.verdict({ orgUnitId: ids.A }, ids.A1)).toBe('in');
    await move(ids.A1, ids.A, ids.B, 1);
    // Still the cached chain: nothing said the tree changed, and the TTL has not run out.
    expect(await scopes.verdict({ orgUnitId: ids.A }, ids.A1)).toBe('in');
    now += 5_001;
    expect(await scopes.verdict({ orgUnitId: ids.A }, ids.A1)).toBe('out');
    expect(await scopes.verdict({ orgUnitId: ids.B }, ids.A1)).toBe('in');
    await move(ids.A1, ids.B, ids.A, 2);
    const before = reads();
    scopes.invalidate();
    expect(await scopes.verdict({ orgUnitId: ids.A }, ids.A1)).toBe('in');
    expect(reads()).toBeGreaterThan(before);
  });

  it('does not cache a walk that an invalidation overtook', async () => {
    const { ids, counting, move } = await network();
    let moved = false;
    const scopes = new OrgScopes({
      readStream: async (stream, from) => {
        const events = await counting.readStream(stream, from);
        // The move lands (and is announced) while this walk is half-way up.
        if (!moved && stream === `orgunit-${ids.A1}`) {
          moved = true;
          await move(ids.A1, ids.A, ids.B, 1);
          scopes.invalidate();
        }
        return events;
      },
    });
    expect(await scopes.chainOf(ids.A1)).toEqual([ids.A1, ids.A, ids.C]);
    expect(await scopes.chainOf(ids.A1)).toEqual([ids.A1, ids.B, ids.C]);
  });
});
