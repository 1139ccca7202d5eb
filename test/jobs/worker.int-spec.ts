/* The server-mode worker's deadline side as `main` starts it: reconcile at
 * start, the enqueuer following the live projection, the worker firing. */
import { deadlinesProjection, ManualClock } from '@pls/jobs';
import type { MasterKeyring } from '@pls/privacy';
import { ProjectionSet } from '@pls/runtime';
import { describeWithRedis } from '@test/support/services';
import { startDeadlineJobs, type DeadlineJobs } from '../../apps/worker/src/deadline-jobs';
import { startJobsHarness, type JobsHarness } from './support/jobs-harness';
import { freshQueueName, redis, waitFor } from './support/queue-rig';

describeWithRedis('the worker’s deadline jobs', () => {
  let h: JobsHarness;
  let projections: ProjectionSet;
  let jobs: DeadlineJobs | null = null;
  const connection = redis();
  const lines: string[] = [];

  beforeEach(async () => {
    h = await startJobsHarness('sqlite');
    projections = new ProjectionSet(h.store, h.db, [deadlinesProjection(h.rules)]);
  });
  afterEach(async () => {
    await jobs?.queue.queue.obliterate({ force: true }).catch(() => undefined);
    await jobs?.stop();
    await projections.stop();
    await h.close();
  });
  afterAll(() => connection.disconnect());

  it('enqueues what is pending at start, follows the projection’s commits, and fires through the command routes', async () => {
    const unit = await h.orgUnit();
    const before = await h.missedCall(unit, '2021-03-01T09:00:00+08:00');
    await projections.start();
    await waitFor('the projection', async () => (await h.deadlines(before)).length === 1);

    const clock = new ManualClock('2021-03-10T09:00:00+08:00');
    // The vault is not needed: no deadline consequence names a person.
    const infra = { store: h.store, readModel: h.db, redis: connection, keyring: {} as MasterKeyring };
    jobs = await startDeadlineJobs(infra, projections, { clock, queueName: freshQueueName(), log: (l) => lines.push(l) });
    expect(lines).toContain('[deadlines] reconciled: 1 pending deadline(s) enqueued');
    // This Redis keeps appendonly off: one warning line, and the worker still starts.
    expect(lines.filter((l) => l.startsWith('warning: Redis')).every((l) => !l.includes('\n'))).toBe(true);

    // A deadline the projection commits after the start is enqueued on the commit, and fires.
    const after = await h.missedCall(unit, '2021-03-02T09:00:00+08:00');
    for (const call of [before, after]) {
      await waitFor(`call ${call} flagged`, async () => (await h.count(`hotlinecall-${call}`, 'HotlineCallbackOverdue')) === 1);
    }
    await waitFor('both deadlines fired in the table', async () =>
      (await Promise.all([before, after].map(async (c) => (await h.deadlines(c))[0]?.status))).every((s) => s === 'fired'),
    );
  });
});
