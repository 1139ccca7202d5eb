/*
 * The port contract against a real KurrentDB. Runs when KURRENTDB_URL is set,
 * e.g. `docker run -d -p 2113:2113 -e KURRENTDB_INSECURE=true
 * -e KURRENTDB_RUN_PROJECTIONS=None docker.kurrent.io/kurrent-latest/kurrentdb`
 * and `KURRENTDB_URL=kurrentdb://127.0.0.1:2113?tls=false npx jest kurrentdb`;
 * otherwise it is skipped and the global setup prints why.
 */
import { randomUUID } from 'node:crypto';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { describeWithKurrent, kurrentUrl } from '@test/support/services';
import { newEvents, readEverything, waitFor } from '../contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { kurrentDbContract } from './kurrentdb-contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

describeWithKurrent('KurrentDbEventStore against KURRENTDB_URL', () => {
  kurrentDbContract('kurrentdb', {
    densePositions: false,
    startsEmpty: false,
    async create() {
      const store = await KurrentDbEventStore.open({ connectionString: kurrentUrl! });
      return { store, dispose: () => store.close() };
    },
  });

  describe('server specifics', () => {
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      store = await KurrentDbEventStore.open({ connectionString: kurrentUrl! });
    });
    afterEach(() => store.close());

    it('gives each event of one append its own position, equal to what $all and the stream report', async () => {
      const stream = `test-${randomUUID()}`;
      const start = await store.headPosition();
      const result = await store.append(stream, newEvents(5), 0);
      const read = await store.readStream(stream);
      const positions = read.map((e) => e.position);
      expect(new Set(positions).size).toBe(5);
      expect(positions[4]).toBe(result.position);
      const fromAll = (await readEverything(store, start)).filter((e) => e.stream === stream);
      expect(fromAll.map((e) => e.position)).toEqual(positions);
    });

    it('leaves events of other writers out when they are not ours', async () => {
      const client = KurrentDBClient.connectionString(kurrentUrl!);
      try {
        const start = await store.headPosition();
        const mine = await store.append(`test-${randomUUID()}`, newEvents(1), 0);
        await client.appendToStream(`other${randomUUID().replace(/-/g, '')}`, jsonEvent({ type: 'Foreign', data: {} }));
        await client.appendToStream(`test-${randomUUID()}`, jsonEvent({ type: '$sneaky', data: {} }));
        const seen: RecordedEvent[] = [];
        const sub = store.subscribeAll(start, (batch) => void seen.push(...batch));
        await waitFor(() => seen.some((e) => e.position === mine.position));
        await sub.stop();
        const all = await readEverything(store, start);
        expect(all.every((e) => !e.type.startsWith('$') && e.type !== 'Foreign')).toBe(true);
        expect(await store.headPosition()).toBe(mine.position);
      } finally {
        await client.dispose();
      }
    });
  });
});
