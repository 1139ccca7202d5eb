/* Who may see and do what (issue 7, item 2): every route × role × scope.
 *
 * A small network — city C → township A (villages A1, A2), township B
 * (village B1); a second city X (township X1) is another network — with
 * records in A and A1. Callers are minted tokens for every role at A, A1, A2
 * and B. The expected answer of every cell comes from EXPECTED below, written
 * out by hand from DOMAIN.md and independent of the policy table; the cells
 * are generated from the table too, so an entry missing on either side, or a
 * wrong one, fails.
 *
 * Matrix commands send the record's org unit(s) where the body names one and
 * a field no endpoint defines (`__probe`): a caller the rules let through gets
 * the schema's 422 and nothing is written, so the cells do not disturb each
 * other; a caller they stop gets 403 first (before the schema, the references
 * and the lifecycle have said anything) and nothing is written either. The
 * flows after the matrix do the real thing with valid bodies. */
import type { Principal, Role } from '@pls/identity';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CREATE, POLICY_TABLE, READ } from '../../apps/api/src/auth/policy-table';
import { act, create, createPerson, describeOn, expectProblem, type Reply, type StoreKind, type TestApi } from '../e2e/fixtures';
import { startTestApi } from '@test/support/api-harness';

type UnitName = 'C' | 'A' | 'A1' | 'A2' | 'B' | 'B1' | 'X' | 'X1';
type Scope = 'unit' | 'dispatcher' | 'either' | 'handled' | 'none';
const ROLE_LETTERS: Record<string, Role> = { O: 'operator', W: 'worker', S: 'supervisor', A: 'admin' };
const ROLES_ALL: readonly Role[] = ['operator', 'worker', 'supervisor', 'admin'];

/**
 * The rules as DOMAIN.md reads, written independently of the policy table:
 * roles (O operator, W worker, S supervisor, A admin) and which of the
 * record's units the caller's subtree must hold.
 */
const EXPECTED: Record<string, readonly [string, Scope]> = {
  'org-units (create)': ['A', 'unit'],
  'org-units rename': ['A', 'unit'],
  'org-units move': ['A', 'unit'],
  'org-units close': ['A', 'unit'],
  'org-units (read)': ['OWSA', 'none'],
  'hotline-calls (create)': ['OA', 'unit'],
  'hotline-calls callback': ['OA', 'unit'],
  'hotline-calls work-order': ['OA', 'unit'],
  'hotline-calls close': ['OA', 'unit'],
  'hotline-calls callback-overdue': ['A', 'unit'],
  // The unit its work order is assigned to reads the call too (caller, class, category).
  'hotline-calls (read)': ['OWSA', 'handled'],
  'work-orders (create)': ['OA', 'dispatcher'],
  'work-orders assign': ['OA', 'dispatcher'],
  'work-orders acknowledge': ['WA', 'unit'],
  'work-orders return': ['WA', 'unit'],
  'work-orders reply': ['WA', 'unit'],
  'work-orders extend': ['SA', 'either'],
  'work-orders visit': ['OA', 'dispatcher'],
  'work-orders reopen': ['OSA', 'dispatcher'],
  'work-orders close': ['OSA', 'dispatcher'],
  'work-orders supervise': ['SA', 'either'],
  'work-orders (read)': ['OWSA', 'either'],
  'consultations (create)': ['WA', 'unit'],
  'consultations answer': ['WA', 'unit'],
  'consultations refer': ['WA', 'unit'],
  'consultations (read)': ['OWSA', 'unit'],
  'mediations (create)': ['WA', 'unit'],
  'mediations accept': ['WA', 'unit'],
  'mediations reject': ['WA', 'unit'],
  'mediations sessions': ['WA', 'unit'],
  'mediations agreement': ['WA', 'unit'],
  'mediations terminate': ['WA', 'unit'],
  'mediations judicial-confirmation': ['WA', 'unit'],
  'mediations judicial-confirmation-decision': ['WA', 'unit'],
  'mediations performance': ['WA', 'unit'],
  'mediations close': ['WSA', 'unit'],
  'mediations extend': ['SA', 'unit'],
  'mediations reassign': ['SA', 'unit'],
  'mediations overdue': ['A', 'unit'],
  'mediations (read)': ['OWSA', 'unit'],
  'lectures (create)': ['WA', 'unit'],
  'lectures hold': ['WA', 'unit'],
  'lectures cancel': ['WA', 'unit'],
  'lectures (read)': ['OWSA', 'unit'],
};

/** The subtree each caller's unit sees, written out (not asked of the API). */
const SUBTREE: Record<UnitName, readonly UnitName[]> = {
  C: ['C', 'A', 'A1', 'A2', 'B', 'B1'],
  A: ['A', 'A1', 'A2'],
  A1: ['A1'],
  A2: ['A2'],
  B: ['B', 'B1'],
  B1: ['B1'],
  X: ['X', 'X1'],
  X1: ['X1'],
};
const CALLER_UNITS: readonly UnitName[] = ['A', 'A1', 'A2', 'B'];

/**
 * Where the matrix's records live: the call at township A (its hotline),
 * its work order dispatched by A and assigned to village A1, everything
 * else in A1. A create names A1 (a work order: dispatched by A).
 */
const RECORD_UNITS: Record<string, { unit: UnitName; dispatcher?: UnitName; handledBy?: UnitName }> = {
  'org-units': { unit: 'A1' },
  'hotline-calls': { unit: 'A', handledBy: 'A1' },
  'work-orders': { unit: 'A1', dispatcher: 'A' },
  consultations: { unit: 'A1' },
  mediations: { unit: 'A1' },
  lectures: { unit: 'A1' },
};
const CREATE_UNIT: Record<string, UnitName> = {
  'org-units': 'A1',
  'hotline-calls': 'A1',
  'work-orders': 'A',
  consultations: 'A1',
  mediations: 'A1',
  lectures: 'A1',
};

function expectedInScope(caller: UnitName, collection: string, action: string, scope: Scope): boolean {
  const sees = (u: UnitName | undefined) => u !== undefined && SUBTREE[caller].includes(u);
  if (scope === 'none') return true;
  if (action === CREATE) return sees(CREATE_UNIT[collection]);
  const { unit, dispatcher, handledBy } = RECORD_UNITS[collection]!;
  if (scope === 'unit') return sees(unit);
  if (scope === 'handled') return sees(unit) || sees(handledBy);
  if (scope === 'dispatcher') return sees(dispatcher);
  return sees(unit) || sees(dispatcher);
}

interface World {
  units: Record<UnitName, string>;
  persons: [string, string];
  records: Record<string, string>;
  tokens: Map<string, string>;
}

async function buildWorld(api: TestApi): Promise<World> {
  const unit = async (name: string, level: string, parentId: string | null) =>
    (await create(api, 'org-units', { name, level, parentId })).id;
  const C = await unit('云川市', 'city', null);
  const A = await unit('东镇', 'township', C);
  const B = await unit('西镇', 'township', C);
  const A1 = await unit('东一村', 'village', A);
  const A2 = await unit('东二村', 'village', A);
  const B1 = await unit('西一村', 'village', B);
  const X = await unit('远山市', 'city', null);
  const X1 = await unit('远山镇', 'township', X);
  const units = { C, A, A1, A2, B, B1, X, X1 };
  const persons: [string, string] = [await createPerson(api, { name: '张三' }), await createPerson(api, { name: '李四' })];
  const parties = [
    { personId: persons[0], role: 'applicant' },
    { personId: persons[1], role: 'respondent' },
  ];
  const call = await create(api, 'hotline-calls', {
    orgUnitId: A,
    offeredAt: '2021-03-01T09:00:00+08:00',
    answeredAt: '2021-03-01T09:00:08+08:00',
    endedAt: '2021-03-01T09:06:00+08:00',
    outcome: 'answered',
    class: 'complaint',
    category: '11',
  });
  const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: A1, urgent: false });
  const records: Record<string, string> = {
    'org-units': A1,
    'hotline-calls': call.id,
    'work-orders': handOver.body['workOrderId'] as string,
    consultations: (
      await create(api, 'consultations', {
        orgUnitId: A1,
        channel: 'visit',
        receivedAt: '2021-03-01T10:00:00+08:00',
        personsServed: 1,
        category: '10',
      })
    ).id,
    mediations: (
      await create(api, 'mediations', {
        orgUnitId: A1,
        kind: 'people',
        source: 'application',
        category: '02',
        parties,
        registeredOn: '2021-03-01',
      })
    ).id,
    lectures: (await create(api, 'lectures', { orgUnitId: A1, plannedOn: '2021-05-20', topic: '民法典进村入户' })).id,
  };
  const tokens = new Map<string, string>();
  for (const role of ROLES_ALL) {
    for (const at of ['C', ...CALLER_UNITS, 'A1', 'B1', 'X'] as UnitName[]) {
      tokens.set(`${role}@${at}`, api.tokenFor(principal(role, units[at])));
    }
  }
  return { units, persons, records, tokens };
}

function principal(role: Role, orgUnitId: string | null, id: string = randomUUID()): Principal {
  return { id, username: `${role}-${id.slice(0, 8)}`, role, orgUnitId, sessionId: randomUUID() };
}

const as = (w: World, role: Role, at: UnitName) => ({ authorization: `Bearer ${w.tokens.get(`${role}@${at}`)!}` });

/** One cell: the request a caller sends for (collection, action). */
function matrixRequest(w: World, collection: string, action: string): { method: 'GET' | 'POST'; paths: string[]; body?: unknown } {
  const id = w.records[collection]!;
  if (action === READ) return { method: 'GET', paths: [`/api/v1/${collection}/${id}`, `/api/v1/${collection}/${id}/history`] };
  if (action === CREATE) {
    const at = w.units[CREATE_UNIT[collection]!];
    const body =
      collection === 'org-units'
        ? { parentId: at, __probe: true }
        : collection === 'work-orders'
          ? { orgUnitId: at, assignToOrgUnitId: w.units.A1, __probe: true }
          : { orgUnitId: at, __probe: true };
    return { method: 'POST', paths: [`/api/v1/${collection}`], body };
  }
  return { method: 'POST', paths: [`/api/v1/${collection}/${id}/${action}`], body: { __probe: true } };
}

async function send(api: TestApi, method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  return method === 'GET' ? api.get(path, headers) : api.post(path, body, headers);
}

/** Allowed: anything but 401/403 (the probe's 422, a read's 200). Refused: 403 with a stable code. Writes append nothing either way. */
async function expectCell(
  api: TestApi,
  label: string,
  allowed: boolean,
  run: () => Promise<Reply>,
  write: boolean,
): Promise<string | null> {
  const before = write ? await api.store.headPosition() : 0;
  const reply = await run();
  const after = write ? await api.store.headPosition() : 0;
  const ok = allowed
    ? reply.status !== 401 && reply.status !== 403 && reply.status < 500
    : reply.status === 403 && /^AUTH\./.test(String(reply.body?.code));
  if (!ok) return `${label}: expected ${allowed ? 'allowed' : '403'}, got ${reply.status} ${reply.body?.code ?? ''}`;
  if (write && after !== before) return `${label}: appended ${after - before} event(s)`;
  return null;
}

function cellsFromTable(): Array<{ key: string; collection: string; action: string }> {
  const keys = new Set<string>([...Object.keys(EXPECTED)]);
  for (const [collection, entries] of Object.entries(POLICY_TABLE))
    for (const action of Object.keys(entries)) keys.add(`${collection} ${action}`);
  return [...keys].sort().map((key) => {
    const [collection, ...rest] = key.split(' ');
    return { key, collection: collection!, action: rest.join(' ') };
  });
}

function defineSuite(kind: StoreKind, full: boolean): void {
  describeOn(kind)(`${kind}: access matrix`, () => {
    let api: TestApi;
    let w: World;
    beforeAll(async () => {
      api = await startTestApi(kind);
      w = await buildWorld(api);
    });
    afterAll(async () => {
      await api?.close();
    });

    const cells = cellsFromTable().filter((c) => full || ['mediations', 'work-orders'].includes(c.collection));

    it('the policy table and the written-out expectation name the same routes, roles and scopes', () => {
      const table: Record<string, readonly [string, Scope]> = {};
      for (const [collection, entries] of Object.entries(POLICY_TABLE)) {
        for (const [action, policy] of Object.entries(entries)) {
          const letters = Object.entries(ROLE_LETTERS)
            .filter(([, role]) => policy.roles.includes(role))
            .map(([l]) => l)
            .join('');
          table[`${collection} ${action}`] = [letters, policy.scope];
        }
      }
      expect(table).toEqual(EXPECTED);
    });

    it.each(cells.map((c) => [c.key, c] as const))('%s: every role at A, A1, A2 and B', async (_key, cell) => {
      const expected = EXPECTED[cell.key];
      expect(expected).toBeDefined();
      const [letters, scope] = expected!;
      const roles = new Set([...letters].map((l) => ROLE_LETTERS[l]));
      const request = matrixRequest(w, cell.collection, cell.action);
      const failures: string[] = [];
      for (const role of ROLES_ALL) {
        for (const at of CALLER_UNITS) {
          const allowed = roles.has(role) && expectedInScope(at, cell.collection, cell.action, scope);
          for (const path of request.paths) {
            const failure = await expectCell(
              api,
              `${role}@${at} ${request.method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
              allowed,
              () => send(api, request.method, path, request.body, as(w, role, at)),
              request.method === 'POST',
            );
            if (failure) failures.push(failure);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    const statsRoutes = (unit: string) => [
      `/api/v1/stats/summary?orgUnitId=${unit}&from=2021-01-01&to=2022-01-01`,
      `/api/v1/stats/breakdown?orgUnitId=${unit}&from=2021-01-01&to=2022-01-01&by=category`,
      `/api/v1/stats/records?orgUnitId=${unit}&from=2021-01-01&to=2022-01-01&metric=consultation.count`,
      `/api/v1/stats/backlog?orgUnitId=${unit}&on=2021-06-01`,
    ];

    it('statistics: supervisors and admins, for units in their subtree only', async () => {
      const failures: string[] = [];
      for (const role of ROLES_ALL) {
        for (const at of CALLER_UNITS) {
          for (const target of ['A', 'A1', 'B1', 'C'] as UnitName[]) {
            const allowed = (role === 'supervisor' || role === 'admin') && SUBTREE[at].includes(target);
            for (const path of statsRoutes(w.units[target])) {
              const reply = await api.get(path, as(w, role, at));
              const ok = allowed ? reply.status === 200 : reply.status === 403 && /^AUTH\./.test(String(reply.body?.code));
              if (!ok)
                failures.push(
                  `${role}@${at} ${path.split('?')[0]} of ${target}: expected ${allowed ? 200 : 403}, got ${reply.status} ${reply.body?.code ?? ''}`,
                );
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('the live stream refuses a unit outside the subtree before it opens', async () => {
      for (const [role, at, target] of [
        ['supervisor', 'A', 'B'],
        ['supervisor', 'A1', 'A'],
        ['admin', 'B', 'A1'],
        ['operator', 'A', 'A1'],
        ['worker', 'A1', 'A1'],
      ] as Array<[Role, UnitName, UnitName]>) {
        const reply = await api.get(`/api/v1/stats/live?orgUnitId=${w.units[target]}`, as(w, role, at));
        expectProblem(reply, 403, role === 'supervisor' || role === 'admin' ? 'AUTH.OUT_OF_SCOPE' : 'AUTH.ROLE_FORBIDDEN');
      }
    });

    it('the case list: every role, its own subtree by default, another unit only inside it', async () => {
      const failures: string[] = [];
      for (const role of ROLES_ALL) {
        for (const at of CALLER_UNITS) {
          for (const target of ['A', 'A1', 'B'] as UnitName[]) {
            const allowed = SUBTREE[at].includes(target);
            const failure = await expectCell(
              api,
              `${role}@${at} cases of ${target}`,
              allowed,
              () => api.get(`/api/v1/cases?orgUnitId=${w.units[target]}`, as(w, role, at)),
              false,
            );
            if (failure) failures.push(failure);
          }
          const own = await api.get('/api/v1/cases?open=all&minPosition=' + (await api.store.headPosition()), as(w, role, at));
          if (own.status !== 200) failures.push(`${role}@${at} own cases: ${own.status} ${own.body?.code}`);
          else {
            const ids = SUBTREE[at].map((u) => w.units[u]);
            for (const item of own.body.items as Array<{ unitId: string }>) expect(ids).toContain(item.unitId);
            if (at === 'A' || at === 'A1') expect((own.body.items as unknown[]).length).toBeGreaterThan(0);
            if (at === 'B' || at === 'A2') expect(own.body.items).toEqual([]);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('the org tree is listed in full for every role', async () => {
      for (const role of ROLES_ALL) {
        const reply = await api.get('/api/v1/org-units', as(w, role, 'A2'));
        expect(reply.status).toBe(200);
        expect(JSON.stringify(reply.body)).toContain(w.units.X1);
      }
    });

    it('an unknown id is 404 for a scoped caller too, never 403', async () => {
      for (const [role, collection, action, body] of [
        ['worker', 'mediations', 'sessions', { heldOn: '2021-04-03' }],
        ['operator', 'hotline-calls', 'close', {}],
        ['worker', 'work-orders', 'acknowledge', {}],
      ] as const) {
        const id = randomUUID();
        expect((await api.get(`/api/v1/${collection}/${id}`, as(w, role, 'A2'))).status).toBe(404);
        expect((await api.get(`/api/v1/${collection}/${id}/history`, as(w, role, 'A2'))).status).toBe(404);
        expect((await api.post(`/api/v1/${collection}/${id}/${action}`, body, as(w, role, 'A2'))).status).toBe(404);
      }
    });
  });
}

/** The real thing, with valid bodies: what the scope rules mean for the people at work. */
function defineFlows(kind: StoreKind): void {
  describeOn(kind)(`${kind}: scope in practice`, () => {
    let api: TestApi;
    let w: World;
    beforeAll(async () => {
      api = await startTestApi(kind);
      w = await buildWorld(api);
    });
    afterAll(async () => {
      await api?.close();
    });

    const post = (path: string, body: unknown, headers: Record<string, string>) => api.post(path, body, headers);
    /** The referral reaction registers a referred mediation after the referral (on the checkpointed subscription). */
    async function registeredBy(mediationId: string): Promise<void> {
      for (let attempt = 0; attempt < 200; attempt++) {
        const reply = await api.get(`/api/v1/mediations/${mediationId}`);
        if (reply.status === 200) return;
        expect(reply.status).toBe(404);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the referral reaction did not register mediation ${mediationId}`);
    }
    async function refused403(code: string, send: () => Promise<Reply>): Promise<Reply> {
      const before = await api.store.headPosition();
      const reply = await send();
      expectProblem(reply, 403, code);
      expect(await api.store.headPosition()).toBe(before);
      return reply;
    }

    it('a village worker works her village only; naming mediators elsewhere gives them nothing', async () => {
      const a1 = principal('worker', w.units.A1);
      const b1 = principal('worker', w.units.B1);
      const a1h = { authorization: `Bearer ${api.tokenFor(a1)}` };
      const b1h = { authorization: `Bearer ${api.tokenFor(b1)}` };
      const parties = [
        { personId: w.persons[0], role: 'applicant' },
        { personId: w.persons[1], role: 'respondent' },
      ];
      const body = { orgUnitId: w.units.A1, kind: 'people', source: 'application', category: '02', parties, registeredOn: '2021-04-01' };
      const registered = await post('/api/v1/mediations', body, a1h);
      expect(registered.status).toBe(201);
      const id = registered.body.id as string;
      // The B1 worker named as a mediator: the act is the A1 worker's, and lands.
      const accepted = await post(`/api/v1/mediations/${id}/accept`, { acceptedOn: '2021-04-02', mediatorIds: [a1.id, b1.id] }, a1h);
      expect(accepted.status).toBe(200);
      expect((await api.get(`/api/v1/mediations/${id}`, a1h)).body.mediatorIds).toEqual([a1.id, b1.id]);
      // … but being named grants the B1 worker nothing in A1.
      await refused403('AUTH.OUT_OF_SCOPE', () => post(`/api/v1/mediations/${id}/sessions`, { heldOn: '2021-04-03' }, b1h));
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/mediations/${id}`, b1h));
      // Nor may she register in a unit she does not see, nor her neighbour act on A1's case.
      await refused403('AUTH.OUT_OF_SCOPE', () => post('/api/v1/mediations', { ...body, orgUnitId: w.units.A1 }, b1h));
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/mediations/${id}/sessions`, { heldOn: '2021-04-03' }, as(w, 'worker', 'A2')),
      );
      // A lifecycle refusal is the worker's to hear only inside her scope: outside, 403 comes first.
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/mediations/${id}/accept`, { acceptedOn: '2021-04-02', mediatorIds: [b1.id] }, b1h),
      );
      expect((await post(`/api/v1/mediations/${id}/accept`, { acceptedOn: '2021-04-02', mediatorIds: [b1.id] }, a1h)).status).toBe(409);
      expect((await post(`/api/v1/mediations/${id}/sessions`, { heldOn: '2021-04-03' }, a1h)).status).toBe(200);
      // Extending the due date and reassigning mediators are the supervisor's (his township's cases only).
      await refused403('AUTH.ROLE_FORBIDDEN', () => post(`/api/v1/mediations/${id}/extend`, { newDueOn: '2021-06-01' }, a1h));
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/mediations/${id}/extend`, { newDueOn: '2021-06-01' }, as(w, 'supervisor', 'B')),
      );
      expect((await post(`/api/v1/mediations/${id}/extend`, { newDueOn: '2021-06-01' }, as(w, 'supervisor', 'A'))).status).toBe(200);
    });

    it('the hotline hands a call to any unit of its network, keeps the order as dispatcher, and the assignee acts on it', async () => {
      const op = as(w, 'operator', 'A');
      const call = await post(
        '/api/v1/hotline-calls',
        {
          orgUnitId: w.units.A,
          offeredAt: '2021-05-01T09:00:00+08:00',
          answeredAt: '2021-05-01T09:00:05+08:00',
          endedAt: '2021-05-01T09:03:00+08:00',
          outcome: 'answered',
          class: 'complaint',
        },
        op,
      );
      expect(call.status).toBe(201);
      // Another network is not the hotline's to dispatch to.
      const far = await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/hotline-calls/${call.body.id}/work-order`, { assignToOrgUnitId: w.units.X1 }, op),
      );
      expect(far.body.errors).toEqual([{ field: 'assignToOrgUnitId', message: expect.any(String) }]);
      // B1 is outside the operator's subtree, inside his network: the hand-over lands there.
      const handOver = await post(`/api/v1/hotline-calls/${call.body.id}/work-order`, { assignToOrgUnitId: w.units.B1 }, op);
      expect(handOver.status).toBe(200);
      const order = handOver.body.workOrderId as string;
      expect((await api.get(`/api/v1/work-orders/${order}`, op)).status).toBe(200);
      expect((await api.get(`/api/v1/work-orders/${order}`, as(w, 'worker', 'B1'))).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/work-orders/${order}`, as(w, 'worker', 'A2')));
      // The assignee reads the call behind the order (caller, class, category), and may turn it into a mediation.
      expect((await api.get(`/api/v1/hotline-calls/${call.body.id}`, as(w, 'worker', 'B1'))).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/hotline-calls/${call.body.id}`, as(w, 'worker', 'A2')));
      const fromCall = {
        orgUnitId: w.units.B1,
        kind: 'people',
        source: 'referral',
        category: '11',
        parties: [
          { personId: w.persons[0], role: 'applicant' },
          { personId: w.persons[1], role: 'respondent' },
        ],
        registeredOn: '2021-05-02',
        referredFrom: { collection: 'hotline-calls', id: call.body.id },
      };
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post('/api/v1/mediations', { ...fromCall, orgUnitId: w.units.A2 }, as(w, 'worker', 'A2')),
      );
      expect((await post('/api/v1/mediations', fromCall, as(w, 'worker', 'B1'))).status).toBe(201);
      await refused403('AUTH.OUT_OF_SCOPE', () => post(`/api/v1/work-orders/${order}/acknowledge`, {}, as(w, 'worker', 'A1')));
      await refused403('AUTH.ROLE_FORBIDDEN', () => post(`/api/v1/work-orders/${order}/acknowledge`, {}, op));
      expect((await post(`/api/v1/work-orders/${order}/acknowledge`, {}, as(w, 'worker', 'B1'))).status).toBe(200);
      expect((await post(`/api/v1/work-orders/${order}/reply`, {}, as(w, 'worker', 'B1'))).status).toBe(200);
      // The visit is the dispatching hotline's, not the assignee's.
      await refused403('AUTH.ROLE_FORBIDDEN', () =>
        post(`/api/v1/work-orders/${order}/visit`, { satisfaction: 'satisfied' }, as(w, 'worker', 'B1')),
      );
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/work-orders/${order}/visit`, { satisfaction: 'satisfied' }, as(w, 'operator', 'B')),
      );
      expect((await post(`/api/v1/work-orders/${order}/visit`, { satisfaction: 'satisfied' }, op)).status).toBe(200);
    });

    it('a village worker refers to her township; the mediation belongs to the target, the consultation stays hers', async () => {
      const a1h = as(w, 'worker', 'A1');
      const opened = await post(
        '/api/v1/consultations',
        { orgUnitId: w.units.A1, channel: 'visit', receivedAt: '2021-05-02T10:00:00+08:00', personsServed: 1, category: '02' },
        a1h,
      );
      expect(opened.status).toBe(201);
      const parties = [
        { personId: w.persons[0], role: 'applicant' },
        { personId: w.persons[1], role: 'respondent' },
      ];
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(
          `/api/v1/consultations/${opened.body.id}/refer`,
          { target: 'mediation', targetOrgUnitId: w.units.X1, kind: 'people', parties },
          a1h,
        ),
      );
      const referred = await post(
        `/api/v1/consultations/${opened.body.id}/refer`,
        { target: 'mediation', targetOrgUnitId: w.units.A, kind: 'people', parties },
        a1h,
      );
      expect(referred.status).toBe(200);
      const mediationId = referred.body.mediationId as string;
      await registeredBy(mediationId);
      expect((await api.get(`/api/v1/consultations/${opened.body.id}`, a1h)).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/mediations/${mediationId}`, a1h));
      expect((await api.get(`/api/v1/mediations/${mediationId}`, as(w, 'worker', 'A'))).body.orgUnitId).toBe(w.units.A);
      // The township's mediators do not see the village's consultation through the referral.
      expect((await api.get(`/api/v1/consultations/${opened.body.id}`, as(w, 'worker', 'A'))).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/consultations/${opened.body.id}`, as(w, 'worker', 'A2')));
    });

    it('a record named in a body (a referral source, a call) must be one the caller sees', async () => {
      const parties = [
        { personId: w.persons[0], role: 'applicant' },
        { personId: w.persons[1], role: 'respondent' },
      ];
      const consultation = { collection: 'consultations', id: w.records['consultations'] };
      const mediation = (orgUnitId: string) => ({
        orgUnitId,
        kind: 'people',
        source: 'referral',
        category: '10',
        parties,
        registeredOn: '2021-03-02',
      });
      const far = await refused403('AUTH.OUT_OF_SCOPE', () =>
        post('/api/v1/mediations', { ...mediation(w.units.B1), referredFrom: consultation }, as(w, 'worker', 'B')),
      );
      expect(far.body.errors).toEqual([{ field: 'referredFrom.id', message: expect.any(String) }]);
      // An unknown source is the route's own 422, for anyone.
      expect(
        (
          await post(
            '/api/v1/mediations',
            { ...mediation(w.units.B1), referredFrom: { ...consultation, id: randomUUID() } },
            as(w, 'worker', 'B'),
          )
        ).status,
      ).toBe(422);
      expect((await post('/api/v1/mediations', { ...mediation(w.units.A), referredFrom: consultation }, as(w, 'worker', 'A'))).status).toBe(
        201,
      );
      const order = {
        orgUnitId: w.units.B,
        assignToOrgUnitId: w.units.B1,
        urgent: false,
        class: 'complaint',
        createdAt: '2021-03-01T09:07:00+08:00',
      };
      const call = await refused403('AUTH.OUT_OF_SCOPE', () =>
        post('/api/v1/work-orders', { ...order, callId: w.records['hotline-calls'] }, as(w, 'operator', 'B')),
      );
      expect(call.body.errors).toEqual([{ field: 'callId', message: expect.any(String) }]);
    });

    it('an admin scoped to a township manages the units under it only', async () => {
      const admA = as(w, 'admin', 'A');
      const village = { name: '东三村', level: 'village' };
      expect((await post('/api/v1/org-units', { ...village, parentId: w.units.A }, admA)).status).toBe(201);
      await refused403('AUTH.OUT_OF_SCOPE', () => post('/api/v1/org-units', { ...village, parentId: w.units.B }, admA));
      await refused403('AUTH.OUT_OF_SCOPE', () => post('/api/v1/org-units', { name: '新市', level: 'city', parentId: null }, admA));
      await refused403('AUTH.OUT_OF_SCOPE', () => post(`/api/v1/org-units/${w.units.B1}/rename`, { name: '改名' }, admA));
      // Moving a village he manages into a township he does not: refused.
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        post(`/api/v1/org-units/${w.units.A2}/move`, { parentId: w.units.B, effectiveOn: '2021-07-01' }, admA),
      );
      await refused403('AUTH.ROLE_FORBIDDEN', () =>
        post(`/api/v1/org-units/${w.units.A2}/rename`, { name: '改名' }, as(w, 'supervisor', 'A')),
      );
    });

    it('a move changes who sees a village at once (the cached subtree forgets it)', async () => {
      const lecture = await post(
        '/api/v1/lectures',
        { orgUnitId: w.units.A2, plannedOn: '2021-08-01', topic: '反诈' },
        as(w, 'worker', 'A2'),
      );
      expect(lecture.status).toBe(201);
      const path = `/api/v1/lectures/${lecture.body.id}`;
      expect((await api.get(path, as(w, 'supervisor', 'A'))).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(path, as(w, 'supervisor', 'B')));
      // The network-wide admin moves A2 from township A to township B.
      expect((await api.post(`/api/v1/org-units/${w.units.A2}/move`, { parentId: w.units.B, effectiveOn: '2021-07-01' })).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(path, as(w, 'supervisor', 'A')));
      expect((await api.get(path, as(w, 'supervisor', 'B'))).status).toBe(200);
      expect((await api.get(path, as(w, 'worker', 'A2'))).status).toBe(200);
      // And back, so the other specs' network stays as drawn.
      expect((await api.post(`/api/v1/org-units/${w.units.A2}/move`, { parentId: w.units.A, effectiveOn: '2021-07-02' })).status).toBe(200);
      expect((await api.get(path, as(w, 'supervisor', 'A'))).status).toBe(200);
    });

    // One listening server is enough: the SQLite run opens the stream over a real socket.
    if (kind === 'sqlite')
      it('the live stream opens for a supervisor on a unit of his subtree; without orgUnitId, on his own unit', async () => {
        await api.app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = api.app.getHttpServer().address() as AddressInfo;
        for (const query of [`orgUnitId=${w.units.A1}`, '']) {
          const abort = new AbortController();
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/stats/live?${query}`, {
            signal: abort.signal,
            headers: as(w, 'supervisor', 'A'),
          });
          try {
            expect(res.status).toBe(200);
            expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
            const reader = res.body!.getReader();
            let text = '';
            while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
            const first = JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as { orgUnitId: string };
            expect(first.orgUnitId).toBe(query ? w.units.A1 : w.units.A);
          } finally {
            abort.abort();
          }
        }
        const refused = await fetch(`http://127.0.0.1:${port}/api/v1/stats/live?orgUnitId=${w.units.B}`, {
          headers: as(w, 'supervisor', 'A'),
        });
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as { code: string }).code).toBe('AUTH.OUT_OF_SCOPE');
      });

    it('a township supervisor reads his subtree: records, statistics and queue', async () => {
      const supA = as(w, 'supervisor', 'A');
      expect((await api.get(`/api/v1/mediations/${w.records['mediations']}`, supA)).status).toBe(200);
      expect((await api.get(`/api/v1/hotline-calls/${w.records['hotline-calls']}/history`, supA)).status).toBe(200);
      await refused403('AUTH.OUT_OF_SCOPE', () => api.get(`/api/v1/mediations/${w.records['mediations']}`, as(w, 'supervisor', 'B')));
      const summary = await api.get(
        `/api/v1/stats/summary?orgUnitId=${w.units.A}&from=2021-01-01&to=2022-01-01&minPosition=${await api.store.headPosition()}`,
        supA,
      );
      expect(summary.status).toBe(200);
      expect(summary.body.consultation.count).toBeGreaterThan(0);
      await refused403('AUTH.OUT_OF_SCOPE', () =>
        api.get(`/api/v1/stats/summary?orgUnitId=${w.units.C}&from=2021-01-01&to=2022-01-01`, supA),
      );
      // Without orgUnitId the queue is his own unit's subtree.
      const queue = await api.get(`/api/v1/cases?open=all&minPosition=${await api.store.headPosition()}`, supA);
      expect(queue.status).toBe(200);
      const mine = new Set([w.units.A, w.units.A1, w.units.A2]);
      const items = queue.body.items as Array<{ unitId: string }>;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => mine.has(i.unitId))).toBe(true);
      const other = await api.get(`/api/v1/cases?open=all&minPosition=${await api.store.headPosition()}`, as(w, 'supervisor', 'B'));
      expect((other.body.items as Array<{ unitId: string }>).every((i) => i.unitId === w.units.B || i.unitId === w.units.B1)).toBe(true);
    });
  });
}

defineSuite('sqlite', true);
defineFlows('sqlite');
// PostgreSQL: the flows and a representative slice of the matrix (mediations and work orders).
defineSuite('postgres', false);
defineFlows('postgres');
