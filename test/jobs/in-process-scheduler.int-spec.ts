/* The embedded scheduler's handling of failures, on the manual clock. */
import { ConsequenceRefusedError, DeadlineFiring, InProcessDeadlineScheduler, type ConsequencePort } from '@pls/jobs';
import { startJobsHarness, type JobsHarness } from './support/jobs-harness';

describe('in-process deadline scheduler', () => {
  let h: JobsHarness;
  let call: string;
  const logs: string[] = [];
  beforeEach(async () => {
    h = await startJobsHarness('sqlite');
    call = await h.missedCall(await h.orgUnit(), '2021-03-01T09:00:00+08:00');
    await h.project();
    h.clock.set('2021-03-02T09:00:00+08:00');
  });
  afterEach(() => h.close());

  const executor: ConsequencePort = {
    execute: async (request) => ({ position: (await h.executor.execute({ ...request, actorId: null })).position }),
  };

  it('backs off after a transient failure, exponentially, and fires once it passes', async () => {
    let failures = 0;
    const flaky: ConsequencePort = {
      execute: async (request) => {
        if (failures++ < 2) throw new Error('database is locked');
        return executor.execute(request);
      },
    };
    const scheduler = new InProcessDeadlineScheduler(h.db, new DeadlineFiring(h.store, h.rules, flaky, h.clock), {
      clock: h.clock,
      retryBaseMs: 1000,
      log: (m) => logs.push(m),
    });
    expect(await scheduler.runDue()).toEqual([]);
    // Held for 1 s: not tried again before.
    h.clock.advance(999);
    expect(await scheduler.runDue()).toEqual([]);
    expect(failures).toBe(1);
    h.clock.advance(1);
    expect(await scheduler.runDue()).toEqual([]);
    // Then for 2 s.
    h.clock.advance(1999);
    expect(await scheduler.runDue()).toEqual([]);
    h.clock.advance(1);
    expect((await scheduler.runDue()).map((o) => o.outcome)).toEqual(['fired']);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
    expect(logs.filter((l) => l.includes('database is locked'))).toHaveLength(2);
    await scheduler.stop();
  });

  it('does not retry a business refusal until the next start', async () => {
    let calls = 0;
    const refusing: ConsequencePort = {
      execute: async () => {
        calls++;
        throw new ConsequenceRefusedError('HOTLINE.SOMETHING', 'refused');
      },
    };
    const firing = new DeadlineFiring(h.store, h.rules, refusing, h.clock);
    const scheduler = new InProcessDeadlineScheduler(h.db, firing, { clock: h.clock, log: () => undefined });
    await scheduler.runDue();
    h.clock.advance(3600_000);
    await scheduler.runDue();
    expect(calls).toBe(1);
    const restarted = new InProcessDeadlineScheduler(h.db, firing, { clock: h.clock, log: () => undefined });
    await restarted.runDue();
    expect(calls).toBe(2);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
  });

  it('leaves a fired deadline alone while the projection catches up, then forgets it', async () => {
    const scheduler = new InProcessDeadlineScheduler(h.db, h.firing, { clock: h.clock, settleMs: 5000, log: () => undefined });
    expect((await scheduler.runDue()).map((o) => o.outcome)).toEqual(['fired']);
    // Still pending in the table (not projected yet): not fired again within the settle time…
    expect(await scheduler.runDue()).toEqual([]);
    // …and after it, the re-check finds the consequence and does nothing.
    h.clock.advance(5000);
    expect((await scheduler.runDue()).map((o) => o.outcome)).toEqual(['settled']);
    await h.project();
    expect(await scheduler.runDue()).toEqual([]);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
  });

  it('fires nothing while paused, and catches up on resume', async () => {
    const scheduler = new InProcessDeadlineScheduler(h.db, h.firing, { clock: h.clock, log: () => undefined });
    scheduler.pause();
    await scheduler.kick();
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
    scheduler.resume();
    await scheduler.kick();
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
    await scheduler.stop();
  });
});
