/* The API process in embedded mode fires deadlines itself, and picks up where
 * it left off after a restart: everything it needs is in the database. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pls/config';
import { EVENT_STORE, type EventStore } from '@pls/event-store';
import { startTestApi } from '@test/support/api-harness';
import { describeWithRedis, redisUrl } from '@test/support/services';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../apps/api/src/bootstrap';
import { EmbeddedDeadlineJobs } from '../../apps/api/src/jobs/embedded-deadline-jobs';
import { waitFor } from './support/queue-rig';
import { SPEC_ADMIN_ENV, signInByInject } from '@test/support/sign-in';

describe('deadline jobs in the embedded API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pls-embedded-jobs-'));
  // No PLS_TOKEN_SECRET: embedded mode keeps a token.secret beside the database, so a token outlives a restart.
  const env = { EVENT_STORE_URL: `sqlite:${dir}/pls.db`, PLS_DEMO: 'off', PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'), PLS_BOOTSTRAP_ADMIN: SPEC_ADMIN_ENV };
  let authorization = '';
  const previous = process.env.PLS_DEADLINE_JOBS;
  afterAll(() => {
    process.env.PLS_DEADLINE_JOBS = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(jobs: 'on' | 'off'): Promise<NestFastifyApplication> {
    process.env.PLS_DEADLINE_JOBS = jobs;
    const app = await createApi(loadConfig(env), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    authorization ||= await signInByInject(app.getHttpAdapter().getInstance());
    return app;
  }

  async function post(app: NestFastifyApplication, url: string, payload: unknown) {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers: { authorization }, payload: payload as object });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  }

  it('fires, after a restart, the deadlines that fell due while it was down — once', async () => {
    // First run, jobs off (as if it stopped before they fell due): a call missed on Friday 2021-02-05.
    const first = await start('off');
    expect(first.get(EmbeddedDeadlineJobs).running).toBe(false);
    const unit = await post(first, '/api/v1/org-units', { name: '云川市', level: 'city', parentId: null });
    const call = await post(first, '/api/v1/hotline-calls', {
      orgUnitId: unit.id,
      offeredAt: '2021-02-05T20:00:00+08:00',
      endedAt: '2021-02-05T20:00:30+08:00',
      outcome: 'missed',
      class: 'consultation',
    });
    await first.close();

    // Second run: the table says the callback was due by the end of 2021-02-05; the scheduler fires it.
    const second = await start('on');
    try {
      expect(second.get(EmbeddedDeadlineJobs).running).toBe(true);
      const store = second.get<EventStore>(EVENT_STORE);
      const overdue = async () => (await store.readStream(`hotlinecall-${call.id}`)).filter((e) => e.type === 'HotlineCallbackOverdue');
      const [event] = await waitFor('the callback deadline to fire', async () => ((await overdue()).length > 0 ? overdue() : null));
      expect(event!.data).toMatchObject({ dueAt: '2021-02-05T16:00:00.000Z', offeredOn: '2021-02-05', orgUnitId: unit.id });
      expect(event!.metadata).toMatchObject({ actorId: 'system:deadlines' });
      const res = await second.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/api/v1/hotline-calls/${call.id}`, headers: { authorization } });
      expect(res.json()).toMatchObject({ id: call.id, status: 'missed' });
      // The projection sees it fired; nothing fires twice.
      await waitFor('the deadline to be marked fired', async () => {
        const rows = (await second.get(EmbeddedDeadlineJobs)['db'].query(`SELECT status FROM deadlines WHERE record_id = ?`, [call.id])) as Array<{ status: string }>;
        return rows[0]?.status === 'fired';
      });
      expect(await overdue()).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describeWithRedis('deadline jobs in the API with Redis', () => {
  it('stay idle: the worker runs them on BullMQ', async () => {
    const api = await startTestApi('sqlite', { REDIS_URL: redisUrl!, PLS_DEADLINE_JOBS: 'on' });
    try {
      expect(api.app.get(EmbeddedDeadlineJobs).running).toBe(false);
    } finally {
      await api.close();
    }
  });
});
