/* Satisfaction visits (回访) over real stores, on SQLite and PostgreSQL: the
 * `deadlines` projection owes a visit for the drawn share of replied work
 * orders (by a hash of the order id, `visitSampleRate`) and for every reply
 * after an unsatisfied rating; the in-process scheduler, on a manual clock,
 * fires an unmet one at the end of its last working day as 督办
 * `visit-overdue`, and nothing when the visit happened. */
import { drawnForVisit, InProcessDeadlineScheduler } from '@pls/jobs';
import { describeWithPostgres } from '@test/support/services';
import { startJobsHarness, type JobsHarness, type StoreKind } from './support/jobs-harness';

const describeOn = (kind: StoreKind) => (kind === 'postgres' ? describeWithPostgres : describe);
const just = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

describe.each<StoreKind>(['sqlite', 'postgres'])('satisfaction visits on %s', (kind) => {
  describeOn(kind)('', () => {
    let h: JobsHarness;
    let unit: string;
    let scheduler: InProcessDeadlineScheduler;
    const start = async (visitSampleRate: number) => {
      h = await startJobsHarness(kind, { settings: { visitSampleRate } });
      unit = await h.orgUnit();
      scheduler = new InProcessDeadlineScheduler(h.db, h.firing, { clock: h.clock, log: () => undefined });
    };
    afterEach(async () => {
      await scheduler?.stop();
      await h?.close();
    });

    async function tick(at: string) {
      h.clock.set(at);
      const outcomes = await scheduler.runDue();
      await h.project();
      return outcomes;
    }
    /** A work order handed over on Fri 2021-02-05 and replied at `repliedAt`. */
    async function replied(repliedAt: string): Promise<string> {
      const id = await h.workOrder(unit, '2021-02-05T10:00:00+08:00');
      await h.post('work-orders', 'acknowledge', id, {}, '2021-02-05T11:00:00+08:00');
      await h.post('work-orders', 'reply', id, { resultCode: 'resolved' }, repliedAt);
      await h.project();
      return id;
    }
    const visitsOf = async (id: string) => (await h.deadlines(id)).filter((d) => d.kind === 'work-order-visit');
    const supervisions = async (id: string) => (await h.events(`workorder-${id}`)).filter((e) => e.type === 'WorkOrderSupervised').map((e) => (e.data as { reason: string }).reason);

    it('fires an unvisited reply at the end of its 3rd working day — across the Spring Festival, the make-up Saturday counting — once', async () => {
      await start(1);
      // Wed 2021-02-10: the holiday runs 02-11 … 02-17; Thu 02-18, Fri 02-19 and Sat 02-20 (make-up) are the 3 working days.
      const id = await replied('2021-02-10T09:00:00+08:00');
      const [visit] = await visitsOf(id);
      expect(visit).toMatchObject({ status: 'pending', orgUnitId: unit, dueAt: '2021-02-20T16:00:00.000Z', workingDays: 3 });
      expect(await tick(just(visit!.dueAt, -1))).toEqual([]);
      expect(await tick(visit!.dueAt)).toEqual([expect.objectContaining({ outcome: 'fired', deadlineId: visit!.deadlineId })]);
      expect(await supervisions(id)).toEqual(['visit-overdue']);
      expect((await h.deadline(visit!.deadlineId)).status).toBe('fired');
      // Fired once: a later pass, and the job run again, append nothing.
      expect(await tick('2021-03-31T12:00:00+08:00')).toEqual([]);
      expect(await h.firing.fire(visit!.deadlineId)).toMatchObject({ outcome: 'settled', status: 'fired' });
      expect(await supervisions(id)).toEqual(['visit-overdue']);
      // The order still takes its visit afterwards.
      await h.post('work-orders', 'visit', id, { satisfaction: 'satisfied' }, '2021-02-22T09:00:00+08:00');
    });

    it('appends nothing when the visit happened in time', async () => {
      await start(1);
      const id = await replied('2021-02-10T09:00:00+08:00');
      await h.post('work-orders', 'visit', id, { satisfaction: 'basic' }, '2021-02-19T15:00:00+08:00');
      await h.project();
      expect((await visitsOf(id)).map((d) => d.status)).toEqual(['met']);
      expect(await tick('2021-03-31T12:00:00+08:00')).toEqual([]);
      expect(await supervisions(id)).toEqual([]);
    });

    it('owes a visit for every reply after an unsatisfied rating, none drawn', async () => {
      await start(0);
      const id = await replied('2021-03-01T09:00:00+08:00');
      expect(await visitsOf(id)).toEqual([]);
      await h.post('work-orders', 'visit', id, { satisfaction: 'unsatisfied' }, '2021-03-02T09:00:00+08:00');
      await h.post('work-orders', 'reopen', id, {}, '2021-03-02T10:00:00+08:00');
      await h.post('work-orders', 'assign', id, { orgUnitId: unit }, '2021-03-02T11:00:00+08:00');
      await h.post('work-orders', 'acknowledge', id, {}, '2021-03-02T12:00:00+08:00');
      // Fri 2021-03-05: due by the end of Wed 03-10.
      await h.post('work-orders', 'reply', id, { resultCode: 'explained' }, '2021-03-05T09:00:00+08:00');
      await h.project();
      const [visit] = await visitsOf(id);
      expect(visit).toMatchObject({ status: 'pending', basis: 'WorkOrderReplied', dueAt: '2021-03-10T16:00:00.000Z' });
      expect(await tick(visit!.dueAt)).toEqual([expect.objectContaining({ outcome: 'fired', deadlineId: visit!.deadlineId })]);
      expect(await supervisions(id)).toEqual(['visit-overdue']);
    });

    it('owes visits for exactly the drawn share of replied orders', async () => {
      await start(0.5);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(await replied('2021-03-01T09:00:00+08:00'));
      const owed = [];
      for (const id of ids) if ((await visitsOf(id)).length > 0) owed.push(id);
      expect(owed).toEqual(ids.filter((id) => drawnForVisit(id, 0.5)));
    });
  });
});
