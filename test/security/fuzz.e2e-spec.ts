/* Fuzz (issue 7): ≥ 10,000 hostile or malformed requests across every route
 * of the running API — the Fastify route table, with the command registry's
 * collections and actions filling the generic routes — must yield no 5xx,
 * problem+json with a `code` for every refusal, not one appended event, and a
 * process that still answers /health. SQLite, in the normal suite.
 * `FUZZ_RUNS` raises (or, to reproduce a failure quickly, lowers) the count. */
import { AccessTokens, type Principal } from '@pls/identity';
import { act, consultationBody, create, createNetwork, handedOverCall, lectureBody, mediationBody, uuid } from '@test/e2e/fixtures';
import { startTestApi, type TestApi } from '@test/support/api-harness';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { RouteRegistry } from '../../apps/api/src/records/route-registry';
import { describeRequest, hostileRequest, type FuzzWorld } from './support/hostile';
import { routeTable } from './support/route-table';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
/** A request still unanswered after this long is a hang: a failure of its own. */
const ANSWER_WITHIN_MS = 20_000;

describe('fuzz: hostile requests across every route (SQLite)', () => {
  let api: TestApi;
  let world: FuzzWorld;
  let head: number;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    // Records of every kind to aim at, so hostile commands meet real streams and not only 404s.
    const net = await createNetwork(api, '模糊');
    const mediation = await create(api, 'mediations', mediationBody(net));
    await act(api, 'mediations', mediation.id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [uuid()] });
    const consultation = await create(api, 'consultations', consultationBody(net));
    const lecture = await create(api, 'lectures', lectureBody(net));
    const { callId, workOrderId } = await handedOverCall(api, net);

    const tokens = api.app.get(AccessTokens);
    const admin = api.admin;
    const worker: Principal = { id: randomUUID(), username: 'fuzz-worker', role: 'worker', orgUnitId: net.villageId, sessionId: randomUUID() };
    const workerToken = tokens.issue(worker).token;
    const [h, , s] = workerToken.split('.');
    const adminClaims = Buffer.from(JSON.stringify({ sub: admin.id, usr: 'admin', role: 'admin', unit: null, sid: randomUUID(), iat: 1, exp: 4102444800 })).toString('base64url');
    const registry = api.app.get(RouteRegistry);
    const routes = registry.allRoutes();
    const fields = new Set<string>();
    for (const route of routes) for (const key of Object.keys((route.body as { properties?: object }).properties ?? {})) fields.add(key);
    for (const key of ['name', 'phone', 'idNumber', 'username', 'password', 'role', 'orgUnitId', 'refreshToken', 'currentPassword', 'newPassword', 'reason', 'fields']) fields.add(key);

    world = {
      routes: routeTable(api.app),
      collections: [...new Set(routes.map((r) => r.collection))],
      actions: [...new Set(routes.map((r) => r.action).filter((a): a is string => a !== null))],
      fields: [...fields],
      ids: [net.cityId, net.townshipId, net.villageId, net.personA, net.personB, mediation.id, consultation.id, lecture.id, callId, workOrderId, admin.id],
      templates: {
        mediations: mediationBody(net),
        consultations: consultationBody(net),
        lectures: lectureBody(net),
        'org-units': { name: '模糊村', level: 'village', parentId: net.townshipId },
        persons: { name: '模糊人' },
      },
      auth: {
        valid: () => `Bearer ${tokens.issue({ ...admin, sessionId: randomUUID() }).token}`,
        worker: () => `Bearer ${tokens.issue({ ...worker, sessionId: randomUUID() }).token}`,
        expired: `Bearer ${tokens.issue(admin, new Date(Date.now() - 24 * 3600 * 1000)).token}`,
        otherSecret: `Bearer ${new AccessTokens(randomBytes(32)).issue(admin).token}`,
        algNone: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${adminClaims}.`,
        tampered: `Bearer ${h}.${adminClaims}.${s}`,
      },
      oversized: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    };
    head = await api.store.headPosition();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('enumerates the whole route table: the generic records routes, every controller, the web UI and the docs', () => {
    const paths = world.routes.map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/:collection', '/api/v1/:collection/:id', '/api/v1/:collection/:id/:action', '/api/v1/persons', '/api/v1/org-units', '/health']),
    );
    expect(world.routes.length).toBeGreaterThanOrEqual(15);
    expect(world.collections).toEqual(expect.arrayContaining(['org-units', 'hotline-calls', 'work-orders', 'consultations', 'mediations', 'lectures']));
  });

  it(`answers ${RUNS.toLocaleString('en-US')} hostile requests with no 5xx, problem+json refusals with a code, and no event appended`, async () => {
    const fastify = api.app.getHttpAdapter().getInstance();
    const statuses = new Map<number, number>();
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    await fc.assert(
      fc.asyncProperty(hostileRequest(world), async (request) => {
        let timer: NodeJS.Timeout | undefined;
        const answer = await Promise.race([
          fastify.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload }),
          new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ANSWER_WITHIN_MS))),
        ]).finally(() => clearTimeout(timer));
        const what = describeRequest(request);
        if (answer === 'hung') throw new Error(`no answer within ${ANSWER_WITHIN_MS} ms: ${what}`);
        statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
        if (answer.statusCode >= 500) throw new Error(`${answer.statusCode} ${answer.body.slice(0, 300)} ← ${what}`);
        if (answer.statusCode >= 400) {
          const type = String(answer.headers['content-type'] ?? '');
          if (!type.startsWith('application/problem+json')) throw new Error(`${answer.statusCode} as ${type || '(no type)'}: ${answer.body.slice(0, 200)} ← ${what}`);
          if (request.method !== 'HEAD') {
            const code = (JSON.parse(answer.body) as { code?: unknown }).code;
            if (typeof code !== 'string' || code === '') throw new Error(`${answer.statusCode} without a code: ${answer.body.slice(0, 200)} ← ${what}`);
          }
        }
        const now = await api.store.headPosition();
        if (now !== head) throw new Error(`${now - head} event(s) appended (${answer.statusCode} ${answer.body.slice(0, 200)}) ← ${what}`);
      }),
      { numRuns: RUNS },
    );
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
    process.stdout.write(`fuzz: ${RUNS} requests over ${world.routes.length} routes in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU) — ${summary}\n`);
    // The generators reach every kind of refusal (a generator that only ever met the guard would prove little).
    if (RUNS >= 1000) expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 404, 413, 415, 422]));
    expect(await api.store.headPosition()).toBe(head);
    const health = await api.get('/health');
    expect(health.status).toBe(200);
  }, 600_000);
});
