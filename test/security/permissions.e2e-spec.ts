/* GET /api/v1/auth/permissions: the commands the caller's role may run, as
 * the policy table says (the web app hides the buttons of the others). For
 * every role the answer is checked against the table, against a few cells
 * written out by hand (so a mistake in the derivation shows too), and against
 * the API itself: an action the answer leaves out is refused with 403
 * AUTH.ROLE_FORBIDDEN. */
import { ROLES, type Principal, type Role } from '@pls/identity';
import { randomUUID } from 'node:crypto';
import { CREATE, POLICY_TABLE, READ } from '../../apps/api/src/auth/policy-table';
import { startTestApi, type TestApi } from '@test/support/api-harness';

const principal = (role: Role): Principal => ({
  id: randomUUID(),
  username: `${role}-perm`,
  role,
  orgUnitId: role === 'admin' ? null : randomUUID(),
  sessionId: randomUUID(),
});

describe('GET /api/v1/auth/permissions', () => {
  let api: TestApi;
  const bearer = (role: Role) => ({ authorization: `Bearer ${api.tokenFor(principal(role))}` });
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each(ROLES)('answers a %s exactly what the policy table lets that role run', async (role) => {
    const reply = await api.get('/api/v1/auth/permissions', bearer(role));
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['actions', 'role']);
    expect(reply.body.role).toBe(role);
    const expected: Record<string, string[]> = {};
    for (const [collection, entries] of Object.entries(POLICY_TABLE)) {
      expected[collection] = Object.keys(entries)
        .filter((key) => key !== READ && entries[key]!.roles.includes(role))
        .sort();
    }
    const got = Object.fromEntries(Object.entries(reply.body.actions as Record<string, string[]>).map(([c, a]) => [c, [...a].sort()]));
    expect(got).toEqual(expected);
  });

  it('leaves a worker without the supervisory acts, and gives them to a supervisor', async () => {
    const worker = (await api.get('/api/v1/auth/permissions', bearer('worker'))).body.actions;
    const supervisor = (await api.get('/api/v1/auth/permissions', bearer('supervisor'))).body.actions;
    const operator = (await api.get('/api/v1/auth/permissions', bearer('operator'))).body.actions;
    const admin = (await api.get('/api/v1/auth/permissions', bearer('admin'))).body.actions;

    expect(worker['mediations']).toEqual(expect.arrayContaining([CREATE, 'accept', 'reject', 'sessions', 'agreement', 'close']));
    expect(worker['mediations']).not.toContain('extend');
    expect(worker['mediations']).not.toContain('reassign');
    expect(worker['work-orders']).toEqual(expect.arrayContaining(['acknowledge', 'reply', 'return']));
    expect(worker['work-orders']).not.toContain('extend');
    expect(worker['hotline-calls']).toEqual([]);
    expect(worker['org-units']).toEqual([]);

    expect(supervisor['mediations']).toEqual(expect.arrayContaining(['extend', 'reassign', 'close']));
    expect(supervisor['mediations']).not.toContain(CREATE);
    expect(supervisor['mediations']).not.toContain('accept');
    expect(supervisor['work-orders']).toEqual(expect.arrayContaining(['extend', 'supervise', 'reopen', 'close']));

    expect(operator['hotline-calls']).toEqual(expect.arrayContaining([CREATE, 'callback', 'work-order', 'close']));
    expect(operator['hotline-calls']).not.toContain('callback-overdue');
    expect(operator['mediations']).toEqual([]);

    expect(admin['mediations']).toEqual(expect.arrayContaining(['extend', 'reassign', 'overdue', CREATE]));
    expect(admin['org-units']).toEqual(expect.arrayContaining([CREATE, 'rename', 'move', 'close']));
    // Reads are every role's and are not listed.
    for (const actions of [worker, supervisor, operator, admin])
      for (const list of Object.values(actions as Record<string, string[]>)) expect(list).not.toContain(READ);
  });

  it('agrees with the API: what a worker is not given is refused for the role', async () => {
    const worker = bearer('worker');
    const given: string[] = (await api.get('/api/v1/auth/permissions', worker)).body.actions['mediations'];
    for (const action of ['extend', 'reassign']) {
      expect(given).not.toContain(action);
      const refused = await api.post(`/api/v1/mediations/${randomUUID()}/${action}`, {}, worker);
      expect([action, refused.status, refused.body.code]).toEqual([action, 403, 'AUTH.ROLE_FORBIDDEN']);
    }
  });

  it('needs a signed-in caller', async () => {
    const reply = await api.get('/api/v1/auth/permissions', { authorization: '' });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('AUTH.UNAUTHENTICATED');
  });
});
