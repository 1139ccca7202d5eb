import { ConcurrencyError } from '@pls/event-store';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { handleCommand } from './command-handling';
import type { Decider } from './decider';
import { InvalidTransitionError } from './errors';
import type { Command, Event } from './event';

type Add = Command<'Add', { n: number }>;
type Added = Event<'Added', { n: number }>;

/** A counter that refuses to pass 10: enough to exercise load → decide → append → retry. */
const counter: Decider<Add, Added, number> = {
  initialState: 0,
  decide: (command, total) => {
    if (total + command.data.n > 10) throw new InvalidTransitionError('COUNTER.FULL', 'the counter is full');
    return command.data.n === 0 ? [] : [{ type: 'Added', data: { n: command.data.n } }];
  },
  evolve: (total, event) => total + event.data.n,
};

const add = (n: number, commandId: string): Add => ({
  type: 'Add',
  data: { n },
  metadata: { commandId, actorId: 'u-1', now: '2021-03-01T08:00:00+08:00' },
});

describe('handleCommand', () => {
  it('loads, decides and appends with the stream version, stamping the metadata', async () => {
    const store = new InMemoryEventStore();
    const first = await handleCommand(store, 'counter-1', counter, add(3, 'c1'), { metadata: { orgUnitId: 'u' } });
    expect(first).toMatchObject({ version: 1, position: 1, state: 3, repeated: false });
    const [event] = await store.readStream('counter-1');
    expect(event!.metadata).toMatchObject({ actorId: 'u-1', commandId: 'c1', orgUnitId: 'u', schemaVersion: 1, issuedAt: '2021-03-01T08:00:00+08:00' });
  });

  it('answers a repeated command with its first result and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const first = await handleCommand(store, 'counter-1', counter, add(3, 'c1'));
    await handleCommand(store, 'counter-1', counter, add(2, 'c2'));
    const again = await handleCommand(store, 'counter-1', counter, add(3, 'c1'));
    expect(again).toMatchObject({ version: first.version, position: first.position, repeated: true });
    expect(await store.headPosition()).toBe(2);
  });

  it('retries on a version conflict with a fresh decision, and gives up after the bound', async () => {
    const store = new InMemoryEventStore();
    const append = store.append.bind(store);
    let conflicts = 2;
    store.append = async (stream, events, expected) => {
      if (conflicts-- > 0) {
        await append(stream, [{ id: crypto.randomUUID(), type: 'Added', data: { n: 1 } }], 'any');
        throw new ConcurrencyError(stream, expected, -1);
      }
      return append(stream, events, expected);
    };
    const result = await handleCommand(store, 'counter-1', counter, add(3, 'c1'));
    // Two other writers got in first; the decision was taken again on their events.
    expect(result).toMatchObject({ version: 3, state: 5 });
    conflicts = 10;
    await expect(handleCommand(store, 'counter-1', counter, add(1, 'c2'), { maxRetries: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('does not retry when the client named the version (If-Match)', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, 'counter-1', counter, add(3, 'c1'));
    await expect(handleCommand(store, 'counter-1', counter, add(1, 'c2'), { expectedVersion: 0 })).rejects.toMatchObject({ actual: 1 });
    expect(await store.headPosition()).toBe(1);
    await expect(handleCommand(store, 'counter-1', counter, add(1, 'c3'), { expectedVersion: 1 })).resolves.toMatchObject({ version: 2 });
  });

  it('decides on the history the caller read without reading it again; a stream that moved meanwhile fails at its version', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, 'counter-1', counter, add(3, 'c1'));
    const history = await store.readStream('counter-1');
    let reads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = (stream, from) => (reads++, readStream(stream, from));

    expect(await handleCommand(store, 'counter-1', counter, add(2, 'c2'), { history, expectedVersion: history.length })).toMatchObject({ version: 2, state: 5 });
    expect(reads).toBe(0);
    // The same (now stale) history again: the append is refused at version 1, nothing is appended.
    await expect(handleCommand(store, 'counter-1', counter, add(1, 'c3'), { history, expectedVersion: history.length })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await readStream('counter-1')).toHaveLength(2);
    // Without a version the stale history costs one retry on a fresh read; another stream's events are never taken for it.
    expect(await handleCommand(store, 'counter-1', counter, add(1, 'c4'), { history })).toMatchObject({ version: 3, state: 6 });
    expect(await handleCommand(store, 'counter-2', counter, add(1, 'c5'), { history, expectedVersion: 0 })).toMatchObject({ version: 1, state: 1 });
  });

  it('lets a refusal through and appends nothing; an empty decision appends nothing either', async () => {
    const store = new InMemoryEventStore();
    await expect(handleCommand(store, 'counter-1', counter, add(11, 'c1'))).rejects.toMatchObject({ code: 'COUNTER.FULL' });
    expect(await handleCommand(store, 'counter-1', counter, add(0, 'c2'))).toMatchObject({ version: 0, position: 0, repeated: false });
    expect(await store.headPosition()).toBe(0);
  });

  it('derives event ids from the command id, so two racing copies of one command store it once', async () => {
    const store = new InMemoryEventStore();
    const [a, b] = await Promise.all([handleCommand(store, 'counter-1', counter, add(3, 'c1')), handleCommand(store, 'counter-1', counter, add(3, 'c1'))]);
    expect(a.position).toBe(b.position);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });
});
