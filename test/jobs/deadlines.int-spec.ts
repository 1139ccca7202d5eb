/* The deadlines read model and the firing handler over real stores, on SQLite
 * and PostgreSQL: records are written through the API's command routes, the
 * projection derives the deadlines, and the in-process scheduler fires them
 * on a manual clock. */
import { InProcessDeadlineScheduler } from '@pls/jobs';
import { describeWithPostgres } from '@test/support/services';
import { startJobsHarness, type JobsHarness, type StoreKind } from './support/jobs-harness';

const describeOn = (kind: StoreKind) => (kind === 'postgres' ? describeWithPostgres : describe);
const just = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

describe.each<StoreKind>(['sqlite', 'postgres'])('deadlines on %s', (kind) => {
  describeOn(kind)('', () => {
    let h: JobsHarness;
    let unit: string;
    let scheduler: InProcessDeadlineScheduler;
    beforeEach(async () => {
      h = await startJobsHarness(kind);
      unit = await h.orgUnit();
      scheduler = new InProcessDeadlineScheduler(h.db, h.firing, { clock: h.clock, log: () => undefined });
    });
    afterEach(async () => {
      await scheduler.stop();
      await h.close();
    });

    /** Fires what is due by the clock and projects the consequences. */
    async function tick(at: string) {
      h.clock.set(at);
      const outcomes = await scheduler.runDue();
      await h.project();
      return outcomes;
    }

    it('fires every deadline on the right working day across the Spring Festival and a make-up weekend day', async () => {
      // Fri 2021-02-05 10:00: a work order assigned at once; its reply is due by the end of Thu 02-18
      // (make-up Sunday 02-07 counts, the holiday 02-11…17 does not).
      const workOrder = await h.workOrder(unit, '2021-02-05T10:00:00+08:00');
      // Sun 2021-02-07 20:00, a make-up working day: a missed call is due back by the end of that day.
      const missed = await h.missedCall(unit, '2021-02-07T20:00:00+08:00');
      // Sat 2021-02-13, in the holiday: a voicemail is due back by the end of Thu 02-18.
      const voicemail = await h.missedCall(unit, '2021-02-13T03:00:00+08:00', 'voicemail');
      // A mediation due on Sat 2021-02-20 (calendar days): due by 24:00 that day.
      const mediation = await h.mediation(unit, '2021-01-21', '2021-02-20');
      await h.project();

      const replyDue = (await h.deadlines(workOrder)).find((d) => d.kind === 'work-order-reply')!;
      const missedDue = (await h.deadlines(missed))[0]!;
      const voicemailDue = (await h.deadlines(voicemail))[0]!;
      const mediationDue = (await h.deadlines(mediation))[0]!;
      expect([replyDue.dueAt, missedDue.dueAt, voicemailDue.dueAt, mediationDue.dueAt]).toEqual([
        '2021-02-18T16:00:00.000Z',
        '2021-02-07T16:00:00.000Z',
        '2021-02-18T16:00:00.000Z',
        '2021-02-20T16:00:00.000Z',
      ]);
      expect((await h.deadlines(workOrder))[0]).toMatchObject({ kind: 'work-order-assign', status: 'met' });

      // One millisecond before the end of Sunday 02-07: nothing is due.
      expect(await tick(just(missedDue.dueAt, -1))).toEqual([]);
      // At the end of it, the missed call's deadline alone fires.
      expect(await tick(missedDue.dueAt)).toEqual([expect.objectContaining({ outcome: 'fired', deadlineId: missedDue.deadlineId })]);
      expect(await h.count(`hotlinecall-${missed}`, 'HotlineCallbackOverdue')).toBe(1);
      // The holiday passes without anything due; the end of Thu 02-18 fires the reply and the voicemail.
      expect(await tick('2021-02-17T23:59:59+08:00')).toEqual([]);
      const fired = await tick(replyDue.dueAt);
      expect(fired.map((o) => o.deadlineId).sort()).toEqual([replyDue.deadlineId, voicemailDue.deadlineId].sort());
      expect(await tick(just(mediationDue.dueAt, -1))).toEqual([]);
      expect(await tick(mediationDue.dueAt)).toEqual([expect.objectContaining({ outcome: 'fired', deadlineId: mediationDue.deadlineId })]);

      // The consequences, through the same routes as HTTP, each once.
      const supervised = (await h.events(`workorder-${workOrder}`)).filter((e) => e.type === 'WorkOrderSupervised');
      expect(supervised.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'reply-overdue', status: 'assigned', supervisedOn: '2021-02-19' })]);
      expect(supervised[0]!.metadata).toMatchObject({ actorId: 'system:deadlines' });
      const overdue = (await h.events(`mediation-${mediation}`)).filter((e) => e.type === 'MediationOverdue');
      expect(overdue.map((e) => e.data)).toEqual([expect.objectContaining({ dueOn: '2021-02-20', markedOn: '2021-02-21' })]);
      expect(await h.count(`hotlinecall-${voicemail}`, 'HotlineCallbackOverdue')).toBe(1);
      // And the projection has them fired; a later pass finds nothing.
      for (const d of [replyDue, missedDue, voicemailDue, mediationDue]) expect((await h.deadline(d.deadlineId)).status).toBe('fired');
      expect(await tick('2021-03-31T12:00:00+08:00')).toEqual([]);
    });

    it('fires nothing for a deadline met in time', async () => {
      const call = await h.missedCall(unit, '2021-02-07T09:00:00+08:00');
      await h.post('hotline-calls', 'callback', call, { at: '2021-02-07T11:00:00+08:00', reached: true }, '2021-02-07T11:00:00+08:00');
      const mediation = await h.mediation(unit, '2021-03-02', '2021-04-01');
      await h.post('mediations', 'agreement', mediation, { form: 'written', effectiveOn: '2021-03-20', agreedAmountFen: 100 }, '2021-03-20T10:00:00+08:00');
      await h.project();
      expect((await h.deadlines(call)).map((d) => d.status)).toEqual(['met']);
      expect((await h.deadlines(mediation)).map((d) => d.status)).toEqual(['met']);

      expect(await tick('2021-06-01T00:00:00+08:00')).toEqual([]);
      // Even a job that still runs for it (a queue that missed the removal) finds nothing to do.
      const [d] = await h.deadlines(mediation);
      expect(await h.firing.fire(d!.deadlineId)).toEqual({ outcome: 'settled', deadlineId: d!.deadlineId, status: 'met' });
      expect(await h.count(`mediation-${mediation}`, 'MediationOverdue')).toBe(0);
      expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
    });

    it('appends nothing when the deadline fires after the record was closed behind the projection’s back', async () => {
      const mediation = await h.mediation(unit, '2021-03-02', '2021-03-10');
      await h.project();
      const [due] = await h.deadlines(mediation);
      // Concluded and closed late; the projection has not seen it yet, so the table still says pending.
      await h.post('mediations', 'terminate', mediation, { reason: 'no-agreement', terminatedOn: '2021-03-15' }, '2021-03-15T10:00:00+08:00');
      await h.post('mediations', 'close', mediation, { closedOn: '2021-03-16' }, '2021-03-16T10:00:00+08:00');
      expect((await h.deadline(due!.deadlineId)).status).toBe('pending');

      h.clock.set('2021-03-17T09:00:00+08:00');
      expect(await scheduler.runDue()).toEqual([{ outcome: 'settled', deadlineId: due!.deadlineId, status: 'met' }]);
      expect(await h.count(`mediation-${mediation}`, 'MediationOverdue')).toBe(0);
      await h.project();
      expect((await h.deadline(due!.deadlineId)).status).toBe('met');
    });

    it('supervises each overrun work-order limit: assignment after a return, reply as extended, follow-up after an unsatisfied visit', async () => {
      const order = await h.workOrder(unit, '2021-09-13T09:00:00+08:00');
      const wo = (action: string, body: Record<string, unknown>, at: string) => h.post('work-orders', action, order, { ...body, at }, at);
      await wo('extend', { workingDays: 10 }, '2021-09-14T09:00:00+08:00');
      await wo('return', { reason: 'other' }, '2021-09-16T09:00:00+08:00');
      await h.project();
      // Returned Thu 09-16: to be assigned by the end of Fri 09-17.
      const assign = (await h.deadlines(order)).at(-1)!;
      expect(assign).toMatchObject({ kind: 'work-order-assign', dueAt: '2021-09-17T16:00:00.000Z', status: 'pending' });
      await tick('2021-09-18T08:00:00+08:00');
      expect((await h.deadline(assign.deadlineId)).status).toBe('fired');

      await wo('assign', { orgUnitId: unit }, '2021-09-18T09:00:00+08:00');
      await h.project();
      // Assigned on make-up Saturday 09-18; the extension's 10 working days hold: 09-22, 23, 24, 26 (make-up Sunday),
      // 27 … 30, then National Day to 10-07, 10-08 and make-up Saturday 10-09.
      const reply = (await h.deadlines(order)).at(-1)!;
      expect(reply).toMatchObject({ kind: 'work-order-reply', workingDays: 10, dueAt: '2021-10-09T16:00:00.000Z' });
      await wo('acknowledge', {}, '2021-09-22T09:00:00+08:00');
      await wo('reply', { resultCode: 'explained' }, '2021-10-09T17:00:00+08:00');
      await wo('visit', { satisfaction: 'unsatisfied' }, '2021-10-11T09:00:00+08:00');
      await h.project();
      const followUp = (await h.deadlines(order)).at(-1)!;
      expect(followUp).toMatchObject({ kind: 'work-order-follow-up', dueAt: '2021-10-12T16:00:00.000Z', status: 'pending' });
      expect((await h.deadline(reply.deadlineId)).status).toBe('met');
      await tick('2021-10-13T09:00:00+08:00');

      const reasons = (await h.events(`workorder-${order}`)).filter((e) => e.type === 'WorkOrderSupervised').map((e) => (e.data as { reason: string }).reason);
      expect(reasons).toEqual(['assign-overdue', 'follow-up-overdue']);
    });

    it('survives a restart: a new scheduler finds the pending deadlines in the table, and fires each once', async () => {
      const calls = [];
      for (let i = 0; i < 3; i++) calls.push(await h.missedCall(unit, `2021-03-0${i + 1}T10:00:00+08:00`));
      await h.project();

      h.clock.set('2021-03-02T09:00:00+08:00');
      expect((await scheduler.runDue()).map((o) => o.outcome)).toEqual(['fired']);
      await scheduler.stop();
      // The process goes away before the projection saw the consequence; the next one starts from the table alone.
      const restarted = new InProcessDeadlineScheduler(h.db, h.firing, { clock: h.clock, log: () => undefined });
      h.clock.set('2021-03-04T09:00:00+08:00');
      const outcomes = await restarted.runDue();
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['fired', 'fired', 'settled']);
      await h.project();
      for (const call of calls) expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
      await restarted.stop();
    });
  });
});
