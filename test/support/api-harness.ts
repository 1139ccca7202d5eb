import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pls/config';
import type { EventStore } from '@pls/event-store';
import { EVENT_STORE } from '@pls/event-store';
import { READ_MODEL } from '@pls/read-model';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApi, type StartOptions } from '../../apps/api/src/bootstrap';
import { reactionSet } from '../../apps/api/src/jobs/reactions';
import { CommandExecutor } from '../../apps/api/src/records/command-executor';
import { ProjectionSet, publishPositions } from '@pls/runtime';
import type Redis from 'ioredis';
import { REDIS } from '../../apps/api/src/infrastructure/tokens';
import { AccessTokens, type Principal } from '@pls/identity';
import { describeWithPostgres, postgresUrl, redisUrl } from './services';
import { assertCleanEventLog, PersonalValues } from './event-log-scan';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

/** `describe` for SQLite; for PostgreSQL, a skip with the global setup's printed reason when it is absent. */
export function describeOn(kind: StoreKind): jest.Describe {
  return kind === 'postgres' ? describeWithPostgres : describe;
}

/** The id the harness's admin acts under (events' `actorId`). */
export const TEST_ADMIN_ID = '00000000-0000-4000-8000-00000000ad01';

export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string | string[] | number | undefined>;
}

export interface TestApi {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  readonly db: DataSource;
  readonly kind: StoreKind;
  /** The network-wide admin every request signs in as unless it sends its own `authorization` ('' = none). */
  readonly admin: Principal;
  /** A valid access token for any principal (the user need not exist: tokens are what the guard trusts). */
  tokenFor(principal: Principal): string;
  request<T = any>(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = any>(url: string, payload?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
  /**
   * Scans the whole event log — no event may hold a value POSTed to /api/v1/persons, a mobile
   * number or a resident ID number, and every event must name its actor (see event-log-scan) —
   * then stops the API and drops its store; rejects naming each offending event.
   */
  close(): Promise<void>;
}

/**
 * The whole API in-process on a fresh store: a temporary SQLite file, or a
 * schema of its own in the test PostgreSQL database. Requests go through
 * Fastify's `inject` (the full HTTP pipeline, no socket).
 */
export interface TestApiOptions {
  /** Nest's logger levels (default `false`: quiet); a spec about what the logs hold turns them on. */
  readonly logger?: StartOptions['logger'];
}

export async function startTestApi(kind: StoreKind, env: Record<string, string> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pls-api-'));
    url = `sqlite:${dir}/pls.db`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!postgresUrl) throw new Error('PostgreSQL is not available');
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    url = `${postgresUrl}?schema=${schema}`;
    cleanup = async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  // PostgreSQL is server mode: the API follows the projections a worker runs, hearing of their
  // progress on Redis (or, without it, from the checkpoint rows).
  const config = loadConfig({
    EVENT_STORE_URL: url,
    PLS_DEMO: 'off',
    PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
    PLS_TOKEN_SECRET: randomBytes(32).toString('base64'),
    ...(kind === 'postgres' && redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...env,
  });
  // The specs' records are dated years back: their deadlines would all fire at once, adding events the
  // specs do not expect. A spec about the deadline jobs turns them on with `{ PLS_DEADLINE_JOBS: 'on' }`.
  process.env.PLS_DEADLINE_JOBS = env.PLS_DEADLINE_JOBS ?? 'off';
  const app = await createApi(config, { logger: options.logger ?? false });
  await app.init();
  // The worker's part, in this process: the projections, announcing their positions.
  let worker: { stop(): Promise<void> } | null = null;
  if (config.mode !== 'embedded') {
    const set = new ProjectionSet(app.get(EVENT_STORE), app.get(READ_MODEL));
    await set.start();
    const redis = app.get<Redis | null>(REDIS);
    const unpublish = redis ? publishPositions(set, redis, app.get(READ_MODEL)) : () => undefined;
    const reactions = reactionSet(app.get(EVENT_STORE), app.get(READ_MODEL), app.get(CommandExecutor));
    await reactions.start();
    worker = { stop: async () => (unpublish(), await reactions.stop(), await set.stop()) };
  }
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const tokens = app.get(AccessTokens);
  const admin: Principal = { id: TEST_ADMIN_ID, username: 'admin', role: 'admin', orgUnitId: null, sessionId: randomUUID() };
  const adminAuthorization = `Bearer ${tokens.issue(admin).token}`;
  const personal = new PersonalValues();
  const request = async (method: string, path: string, payload?: unknown, given: Record<string, string> = {}) => {
    if (method.toUpperCase() === 'POST' && /^\/api\/v1\/persons\/?(\?|$)/.test(path)) personal.rememberPersonBody(payload);
    const { authorization = adminAuthorization, ...rest } = given;
    const headers: Record<string, string> = authorization === '' ? rest : { authorization, ...rest };
    const res = await fastify.inject({
      method: method as 'GET',
      url: path,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, headers: res.headers };
  };
  return {
    app,
    kind,
    store: app.get(EVENT_STORE),
    db: app.get(READ_MODEL),
    admin,
    tokenFor: (principal) => tokens.issue(principal).token,
    request,
    post: (path, payload = {}, headers) => request('POST', path, payload, headers),
    get: (path, headers) => request('GET', path, undefined, headers),
    async close() {
      let scan: unknown = null;
      try {
        await assertCleanEventLog(app.get(EVENT_STORE), { personal });
      } catch (error) {
        scan = error;
      }
      await worker?.stop();
      await app.close();
      await cleanup();
      if (scan) throw scan;
    },
  };
}
