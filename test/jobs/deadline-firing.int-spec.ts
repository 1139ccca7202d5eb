/* The firing handler's reads, on SQLite and PostgreSQL: one read of the
 * record's stream per deadline fired (the check and the decision use the
 * same events), and a record that moves between that read and the append is
 * read again rather than written over — counted, never timed. */
import { deadlineConsequences } from '../../apps/api/src/jobs/deadline-consequences';
import type { EventStore } from '@pls/event-store';
import { DeadlineFiring, type ConsequencePort } from '@pls/jobs';
import { describeWithPostgres } from '@test/support/services';
import { startJobsHarness, type JobsHarness, type StoreKind } from './support/jobs-harness';

const describeOn = (kind: StoreKind) => (kind === 'postgres' ? describeWithPostgres : describe);

describe.each<StoreKind>(['sqlite', 'postgres'])('deadline firing on %s', (kind) => {
  describeOn(kind)('', () => {
    let h: JobsHarness;
    let unit: string;
    /** Reads of each stream since the last reset. */
    let reads: Map<string, number>;

    beforeEach(async () => {
      h = await startJobsHarness(kind);
      unit = await h.orgUnit();
      reads = new Map();
      const readStream = h.store.readStream.bind(h.store);
      h.store.readStream = (stream, from) => {
        reads.set(stream, (reads.get(stream) ?? 0) + 1);
        return readStream(stream, from);
      };
    });
    afterEach(async () => {
      await h.close();
    });

    it('reads the record once to check the deadline and decide the consequence', async () => {
      const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
      await h.project();
      const [deadline] = await h.deadlines(call);
      h.clock.set('2021-03-02T09:00:00+08:00');
      reads.clear();

      expect(await h.firing.fire(deadline!.deadlineId)).toMatchObject({ outcome: 'fired' });
      expect(reads.get(`hotlinecall-${call}`)).toBe(1);
      expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);

      // A redelivered job reads once more and finds it fired: nothing is appended twice.
      reads.clear();
      expect(await h.firing.fire(deadline!.deadlineId)).toMatchObject({ outcome: 'settled', status: 'fired' });
      expect(reads.get(`hotlinecall-${call}`)).toBe(1);
      expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
    });

    it('reads again when the record moves between the read and the append, and appends nothing once the deadline is met', async () => {
      const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
      await h.project();
      const [deadline] = await h.deadlines(call);
      h.clock.set('2021-03-02T09:00:00+08:00');
      // The call is returned just after the firing found the deadline due: its append must not land.
      const inner = deadlineConsequences(h.executor);
      let calls = 0;
      const racing: ConsequencePort = {
        async execute(request) {
          if (calls++ === 0) await h.post('hotline-calls', 'callback', call, { at: '2021-03-01T18:00:00+08:00', reached: true });
          return inner.execute(request);
        },
      };
      // The firing's own reads (the executor may answer the callback from what it remembers of the stream).
      let looks = 0;
      const store = { readStream: (stream: string) => (looks++, h.store.readStream(stream)) } as Pick<EventStore, 'readStream'> as EventStore;
      const firing = new DeadlineFiring(store, h.rules, racing, h.clock);

      expect(await firing.fire(deadline!.deadlineId)).toEqual({ outcome: 'settled', deadlineId: deadline!.deadlineId, status: 'met' });
      expect(calls).toBe(1);
      // One look, the append refused at the version it was decided on, one more look: met.
      expect(looks).toBe(2);
      expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
      expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackAttempted')).toBe(1);
    });
  });
});
