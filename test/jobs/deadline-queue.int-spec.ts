/* BullMQ on the real Redis, a fresh queue per spec: one delayed job per
 * pending deadline (job id = deadline id), the processor re-checks the
 * stream and appends through the command routes, and whatever goes wrong
 * (a crash after the append, a killed worker, FLUSHDB) the consequence is
 * appended exactly once. Time is the harness's manual clock: deadlines are
 * made due by setting it, and specs wait for outcomes, never for durations. */
import { ConsequenceRefusedError, DeadlineFiring, type ConsequencePort } from '@pls/jobs';
import { REFUSED_PREFIX } from '@pls/jobs/queue';
import { describeWithRedis, redisUrl } from '@test/support/services';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startJobsHarness, type JobsHarness } from './support/jobs-harness';
import { queueRig, redis, waitFor, type QueueRig } from './support/queue-rig';

const ROOT = join(__dirname, '..', '..');
/** A logical Redis database only the FLUSHDB spec uses: flushing it touches nobody else's keys. */
const FLUSHED_DB = 14;

describeWithRedis('deadline jobs on BullMQ', () => {
  let h: JobsHarness;
  let rig: QueueRig;
  let unit: string;

  beforeEach(async () => {
    h = await startJobsHarness('sqlite');
    rig = queueRig(h);
    unit = await h.orgUnit();
  });
  afterEach(async () => {
    await rig.close();
    await h.close();
  });

  async function completed(deadlineId: string, q: QueueRig = rig) {
    return waitFor(`job ${deadlineId} to complete`, () => finished(q, deadlineId, 'completed'));
  }

  it('fires every kind of deadline once, each from a delayed job whose id is the deadline id', async () => {
    const order = await h.workOrder(unit, '2021-02-05T10:00:00+08:00');
    const call = await h.missedCall(unit, '2021-02-07T20:00:00+08:00');
    const mediation = await h.mediation(unit, '2021-01-21', '2021-02-20');
    await h.project();
    const pending = [...(await h.deadlines(order)), ...(await h.deadlines(call)), ...(await h.deadlines(mediation))].filter(
      (d) => d.status === 'pending',
    );
    expect(pending.map((d) => d.kind).sort()).toEqual(['callback', 'mediation-due', 'work-order-reply']);

    // Before any is due: the jobs wait in the delayed set.
    h.clock.set('2021-02-07T12:00:00+08:00');
    expect(await rig.enqueuer.start()).toEqual({ pending: 3, retried: 0 });
    for (const d of pending) expect(await (await rig.queue.queue.getJob(d.deadlineId))!.getState()).toBe('delayed');

    // The clock passes them all; jobs re-added now are due at once (the delayed ones are promoted by hand:
    // real time has not moved). Adding them again is a no-op: still one job per deadline.
    h.clock.set('2021-03-01T09:00:00+08:00');
    for (const d of pending) await (await rig.queue.queue.getJob(d.deadlineId))!.promote();
    await rig.enqueuer.reconcile();
    expect(await rig.queue.queue.getJobCounts('delayed', 'waiting', 'active', 'completed')).toMatchObject({ delayed: 0 });
    await rig.startWorker();
    for (const d of pending) expect((await completed(d.deadlineId)).returnvalue).toMatchObject({ outcome: 'fired', deadlineId: d.deadlineId });

    expect(await h.count(`workorder-${order}`, 'WorkOrderSupervised')).toBe(1);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
    expect(await h.count(`mediation-${mediation}`, 'MediationOverdue')).toBe(1);
    await h.project();
    for (const d of pending) expect((await h.deadline(d.deadlineId)).status).toBe('fired');
  });

  it('enqueues new deadlines after the projection commits, and removes the job of one met in time; nothing fires', async () => {
    h.clock.set('2021-03-01T08:00:00+08:00');
    await rig.enqueuer.start();
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    await rig.enqueuer.kick();
    const [deadline] = await h.deadlines(call);
    const job = await rig.queue.queue.getJob(deadline!.deadlineId);
    expect(await job!.getState()).toBe('delayed');
    // Due at the end of the day: about 16 hours after the clock's now.
    expect(job!.opts.delay).toBe(Date.parse(deadline!.dueAt) - Date.parse('2021-03-01T09:00:00+08:00'));

    await h.post('hotline-calls', 'callback', call, { at: '2021-03-01T10:00:00+08:00', reached: true }, '2021-03-01T10:00:00+08:00');
    await h.project();
    await rig.enqueuer.kick();
    expect(await rig.queue.queue.getJob(deadline!.deadlineId)).toBeUndefined();

    h.clock.set('2021-03-05T09:00:00+08:00');
    await rig.enqueuer.reconcile();
    expect(await rig.queue.queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 0, waiting: 0 });
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
  });

  it('completes quietly, appending nothing, when the record was closed before the job ran', async () => {
    const mediation = await h.mediation(unit, '2021-03-02', '2021-03-10');
    await h.project();
    h.clock.set('2021-03-20T09:00:00+08:00');
    await rig.enqueuer.start();
    await h.post('mediations', 'terminate', mediation, { reason: 'no-agreement', terminatedOn: '2021-03-15' });
    await h.post('mediations', 'close', mediation, { closedOn: '2021-03-16' });

    await rig.startWorker();
    const [deadline] = await h.deadlines(mediation);
    const job = await completed(deadline!.deadlineId);
    expect(job.returnvalue).toEqual({ outcome: 'settled', deadlineId: deadline!.deadlineId, status: 'met' });
    expect(job.attemptsMade).toBe(1);
    expect(await h.count(`mediation-${mediation}`, 'MediationOverdue')).toBe(0);
  });

  it('retries a crash after the append, and the retry appends nothing twice', async () => {
    let crashes = 0;
    const firing = new DeadlineFiring(h.store, h.rules, crashOnce(h), h.clock, () => {
      if (crashes++ === 0) throw new Error('the process died after the append');
    });
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    h.clock.set('2021-03-02T09:00:00+08:00');
    await rig.enqueuer.start();
    await rig.startWorker(firing);

    const [deadline] = await h.deadlines(call);
    const job = await completed(deadline!.deadlineId);
    expect(job.attemptsMade).toBe(2);
    // The second attempt found the consequence in the stream: the deadline had fired.
    expect(job.returnvalue).toEqual({ outcome: 'settled', deadlineId: deadline!.deadlineId, status: 'fired' });
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
  });

  it('retries transient failures with back-off until they pass', async () => {
    let failures = 0;
    const flaky: ConsequencePort = {
      async execute(request) {
        if (failures++ < 2) throw new Error('connection reset');
        return crashOnce(h).execute(request);
      },
    };
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    h.clock.set('2021-03-02T09:00:00+08:00');
    await rig.enqueuer.start();
    await rig.startWorker(new DeadlineFiring(h.store, h.rules, flaky, h.clock));
    const [deadline] = await h.deadlines(call);
    const job = await completed(deadline!.deadlineId);
    expect([job.attemptsMade, job.returnvalue.outcome]).toEqual([3, 'fired']);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
  });

  it('fails a business refusal for good (UnrecoverableError) without retrying, and reconcile leaves it failed', async () => {
    const refusing: ConsequencePort = {
      execute: async () => {
        throw new ConsequenceRefusedError('HOTLINE.SOMETHING', 'refused by the record');
      },
    };
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    h.clock.set('2021-03-02T09:00:00+08:00');
    await rig.enqueuer.start();
    await rig.startWorker(new DeadlineFiring(h.store, h.rules, refusing, h.clock));
    const [deadline] = await h.deadlines(call);
    const job = await waitFor('the job to fail', () => finished(rig, deadline!.deadlineId, 'failed'));
    // Started once, never retried, although the job allows 12 attempts.
    expect([job.attemptsStarted, job.opts.attempts]).toEqual([1, 12]);
    expect(job.failedReason.startsWith(REFUSED_PREFIX)).toBe(true);
    expect(await rig.enqueuer.reconcile()).toEqual({ pending: 1, retried: 0 });
    expect(rig.logs.some((l) => l.includes('failed for good'))).toBe(true);
  });

  it('puts a job delivered before its deadline back in the delayed set', async () => {
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    const [deadline] = await h.deadlines(call);
    // Added as if due now (a clock ahead of the worker's), then run while the worker's clock is still before the deadline.
    h.clock.set('2021-03-02T09:00:00+08:00');
    await rig.queue.schedule([deadline!]);
    h.clock.set('2021-03-01T23:59:59.900+08:00');
    await rig.startWorker();
    const job = await waitFor('the job to be delayed again', async () => {
      const j = await rig.queue.queue.getJob(deadline!.deadlineId);
      return j && (await j.getState()) === 'delayed' ? j : null;
    });
    expect(job.attemptsMade).toBe(0);
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(0);
  });

  it('is taken over by another worker when the one running it is killed mid-job (SIGKILL), and the consequence is appended once', async () => {
    const call = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await h.project();
    h.clock.set('2021-03-02T09:00:00+08:00');
    const [deadline] = await h.deadlines(call);

    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'support/crashing-worker.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        JOBS_STORE_URL: h.url,
        JOBS_REDIS_URL: redisUrl!,
        JOBS_QUEUE: rig.name,
        JOBS_NOW: h.clock.now().toISOString(),
        JOBS_LOCK_MS: '1000',
        // Workers of one queue share the stalled-check interval (one check per interval, whoever runs it).
        JOBS_STALLED_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      await waitFor('the child worker to start', async () => out.includes('ready') || (err ? Promise.reject(new Error(err)) : false), 60_000);
      await rig.enqueuer.start();
      await waitFor('the child to append the consequence', async () => out.includes(`appended ${deadline!.deadlineId}`));
      expect(await (await rig.queue.queue.getJob(deadline!.deadlineId))!.getState()).toBe('active');
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');

    // Its lock runs out; this worker's stalled-job check takes the job back and runs it again.
    await rig.startWorker(h.firing, { stalledInterval: 200, lockDuration: 1000 });
    const job = await completed(deadline!.deadlineId);
    expect(job.returnvalue).toEqual({ outcome: 'settled', deadlineId: deadline!.deadlineId, status: 'fired' });
    expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
  }, 90_000);
});

describeWithRedis('deadline jobs after Redis lost everything', () => {
  let h: JobsHarness;
  let rig: QueueRig;
  afterEach(async () => {
    await rig.close();
    await h.close();
  });

  it('FLUSHDB mid-run, then reconcile: every due deadline still fires, exactly once', async () => {
    h = await startJobsHarness('sqlite');
    rig = queueRig(h, { db: FLUSHED_DB });
    const unit = await h.orgUnit();
    const early: string[] = [];
    const late: string[] = [];
    for (let day = 1; day <= 3; day++) early.push(await h.missedCall(unit, `2021-03-0${day}T09:00:00+08:00`));
    for (let day = 8; day <= 10; day++) late.push(await h.missedCall(unit, `2021-03-${String(day).padStart(2, '0')}T09:00:00+08:00`));
    await h.project();

    // Mid-run: the first three are due and fire; the last three wait in the delayed set.
    h.clock.set('2021-03-05T09:00:00+08:00');
    await rig.enqueuer.start();
    await rig.startWorker();
    for (const call of early) await waitFor(`call ${call} to be flagged`, async () => (await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')) === 1);
    expect(await rig.queue.queue.getJobCounts('delayed')).toEqual({ delayed: 3 });

    // Redis loses everything: completed jobs, delayed jobs, the lot.
    const admin = redis(FLUSHED_DB);
    await admin.flushdb();
    admin.disconnect();
    expect(await rig.queue.queue.getJobCounts('delayed', 'completed')).toEqual({ delayed: 0, completed: 0 });

    // The projection has not even seen the first three fire: the table says all six are pending.
    // Reconcile re-enqueues all six; the three that fired find their consequence and append nothing.
    h.clock.set('2021-03-12T09:00:00+08:00');
    expect(await rig.enqueuer.reconcile()).toEqual({ pending: 6, retried: 0 });
    const outcomes = new Map<string, string>();
    for (const call of [...early, ...late]) {
      const [deadline] = await h.deadlines(call);
      const job = await waitFor(`job ${deadline!.deadlineId}`, () => finished(rig, deadline!.deadlineId, 'completed'));
      outcomes.set(call, job.returnvalue.outcome);
    }
    expect(early.map((c) => outcomes.get(c))).toEqual(['settled', 'settled', 'settled']);
    expect(late.map((c) => outcomes.get(c))).toEqual(['fired', 'fired', 'fired']);
    for (const call of [...early, ...late]) expect(await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')).toBe(1);
    await h.project();
    expect((await Promise.all([...early, ...late].map(async (c) => (await h.deadlines(c))[0]!.status)))).toEqual(Array(6).fill('fired'));
  });
});

/** The job once it is in `state`, read after the state is seen (a read before it may hold the running job's fields). */
async function finished(q: QueueRig, jobId: string, state: 'completed' | 'failed') {
  if ((await q.queue.queue.getJobState(jobId)) !== state) return null;
  return (await q.queue.queue.getJob(jobId)) ?? null;
}

/** The harness's own consequence port (the command executor), for wrapping. */
function crashOnce(h: JobsHarness): ConsequencePort {
  return {
    execute: async (request) => {
      const answer = await h.executor.execute({ ...request, actorId: null });
      return { position: answer.position };
    },
  };
}
