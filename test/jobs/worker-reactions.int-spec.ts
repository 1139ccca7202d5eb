/* The referral reaction in the real server-mode worker (apps/worker/src/main.ts,
 * its own process, PostgreSQL): a referral made while the worker runs is
 * registered; killed with SIGKILL and restarted with the reaction's checkpoint
 * set back to 0, the worker replays every referral and registers nothing twice. */
import { streamName } from '@pls/event-sourcing';
import { REFERRAL_REACTION } from '@pls/jobs';
import { MEDIATION_STREAM } from '@pls/mediation';
import { generateMasterKeyText, MasterKeyring, PersonVault } from '@pls/privacy';
import { Checkpoints, reactionCheckpoint } from '@pls/read-model';
import { describeWithPostgres } from '@test/support/services';
import { randomBytes } from 'node:crypto';
import { startWorker, type WorkerProcess } from '../faults/support/worker-process';
import { startJobsHarness, type JobsHarness } from './support/jobs-harness';

const CHECKPOINT = reactionCheckpoint(REFERRAL_REACTION);

describeWithPostgres('the referral reaction in the server-mode worker', () => {
  let h: JobsHarness;
  let worker: WorkerProcess | null = null;
  const masterKey = generateMasterKeyText('k1');
  const env = () => ({ EVENT_STORE_URL: h.url, DATABASE_URL: h.url, PLS_VAULT_MASTER_KEY: masterKey, PLS_TOKEN_SECRET: randomBytes(32).toString('base64') });

  beforeEach(async () => {
    h = await startJobsHarness('postgres');
  });
  afterEach(async () => {
    await worker?.kill('SIGKILL');
    worker = null;
    await h.close();
  });

  /** Polls (bounded) until `done` holds; the worker works in its own time. */
  async function until(what: string, done: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 600; attempt++) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${what} did not happen; worker output:\n${worker?.output() ?? ''}`);
  }
  const registrations = async (id: string) => h.count(streamName(MEDIATION_STREAM, id), 'MediationRegistered');

  it('registers each referred mediation once, across a SIGKILL and a replay from checkpoint 0', async () => {
    worker = startWorker(env(), 120_000);
    await worker.started;
    // The worker migrated the read model: the persons the referrals name go into its vault.
    const vault = new PersonVault(h.db, MasterKeyring.parse(masterKey));
    const parties = [
      { personId: (await vault.register({ name: '甲' })).id, role: 'applicant' },
      { personId: (await vault.register({ name: '乙' })).id, role: 'respondent' },
    ];
    const unit = await h.orgUnit();
    const mediations: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await h.post(
        'consultations',
        null,
        undefined,
        { orgUnitId: unit, channel: 'visit', receivedAt: '2021-03-01T10:00:00+08:00', personsServed: 1, category: '02' },
        '2021-03-01T10:00:00+08:00',
      );
      const referred = await h.post('consultations', 'refer', id, { target: 'mediation', targetOrgUnitId: unit, kind: 'people', parties });
      mediations.push(referred.extra['mediationId'] as string);
    }
    await until('the registrations', async () => (await Promise.all(mediations.map(registrations))).every((n) => n === 1));

    await worker.kill('SIGKILL');
    await h.db.createQueryBuilder().update('projection_checkpoints').set({ position: 0 }).where('name = :name', { name: CHECKPOINT }).execute();
    const head = await h.store.headPosition();
    const lastReferral = Math.max(...(await h.store.readAll(0, 10_000)).filter((e) => e.type === 'ConsultationReferred').map((e) => e.position));
    worker = startWorker(env(), 120_000);
    await worker.started;
    // The restarted worker has reacted to every referral again (its checkpoint passed the last one).
    await until('the replay', async () => (await new Checkpoints(h.db).read(CHECKPOINT)) >= lastReferral);
    for (const id of mediations) expect(await registrations(id)).toBe(1);
    expect(await h.store.headPosition()).toBe(head);
    expect(worker.output()).not.toMatch(/refused/);
  }, 240_000);
});
