/* Identity and authentication end to end (issue 7 items 1 and 5): sign-in, token expiry, refresh
 * rotation and reuse detection, revocation (logout, password change, deactivation), lock-out,
 * the per-address rate limit, the bootstrap admin, and the users API with scoped admins — on
 * SQLite and PostgreSQL. No event may carry a username, a password or a hash. */
import { deterministicId, streamName } from '@pls/event-sourcing';
import { AuthClock } from '../../apps/api/src/auth/auth-clock';
import { RevocationCache } from '../../apps/api/src/auth/session-revocations';
import { ACCOUNTS_TABLE, SessionStore, UserDirectory, usernameKey } from '@pls/identity';
import { STORE_KINDS, describeOn, startTestApi, type Reply, type TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';

const ROOT = { username: 'root', password: 'root-password-1' };

describe.each(STORE_KINDS)('identity and authentication (%s)', (kind) => {
  describeOn(kind)('over HTTP', () => {
    let api: TestApi;
    let clock: AuthClock;
    const units = { city: randomUUID(), township: randomUUID(), village: randomUUID(), otherTownship: randomUUID(), otherVillage: randomUUID() };
    const secrets: string[] = [];

    /** Each call comes from an address of its own unless one is given: the rate limit is its own test. */
    async function call(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}, remoteAddress = `10.${n()}.${n()}.${n()}`): Promise<Reply> {
      const res = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: method as 'POST',
          url,
          remoteAddress,
          headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
          payload: payload === undefined ? undefined : JSON.stringify(payload),
        });
      const type = String(res.headers['content-type'] ?? '');
      return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, headers: res.headers };
    }
    const n = () => Math.floor(Math.random() * 250) + 1;
    const login = (username: string, password: string, address?: string) => call('POST', '/api/v1/auth/login', { username, password }, {}, address);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const me = (token: string) => call('GET', '/api/v1/auth/me', undefined, bearer(token));

    async function createUser(body: { username: string; password: string; role: string; orgUnitId: string | null }, token?: string): Promise<string> {
      secrets.push(body.username, body.password);
      const res = token ? await call('POST', '/api/v1/users', body, bearer(token)) : await api.post('/api/v1/users', body);
      expect(res.status).toBe(201);
      return res.body.id as string;
    }
    const allEvents = async () => api.store.readAll(0, 100_000);

    beforeAll(async () => {
      api = await startTestApi(kind, { PLS_BOOTSTRAP_ADMIN: `${ROOT.username}:${ROOT.password}` });
      clock = api.app.get(AuthClock);
      secrets.push(ROOT.username, ROOT.password);
      const unit = async (id: string, name: string, level: string, parentId: string | null) => {
        const res = await api.post('/api/v1/org-units', { id, name, level, parentId });
        expect(res.status).toBe(201);
        return res.body.position as number;
      };
      await unit(units.city, '云川市公共法律服务中心', 'city', null);
      await unit(units.township, '青河镇公共法律服务站', 'township', units.city);
      await unit(units.village, '东坡村公共法律服务工作室', 'village', units.township);
      await unit(units.otherTownship, '白石镇公共法律服务站', 'township', units.city);
      const last = await unit(units.otherVillage, '西岭村公共法律服务工作室', 'village', units.otherTownship);
      expect((await api.get(`/api/v1/org-units?minPosition=${last}`)).status).toBe(200);
    });
    afterEach(() => {
      clock.now = () => new Date();
    });
    afterAll(async () => {
      // No username, password or hash in any event payload (usernames are often people's names).
      const events = await allEvents();
      for (const event of events) {
        const text = JSON.stringify({ data: event.data, metadata: event.metadata });
        expect(text).not.toMatch(/\$argon2/);
        for (const secret of secrets) if (secret.length >= 4 && !/^[0-9a-f-]{36}$/.test(secret)) expect(text).not.toContain(secret);
      }
      await api?.close();
    });

    it('creates the bootstrap admin once, network-wide, and signs him in', async () => {
      const res = await login(ROOT.username, ROOT.password);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      const who = await me(res.body.accessToken);
      expect(who.body).toEqual({ id: expect.any(String), username: 'root', role: 'admin', orgUnitId: null });
      // Two processes starting at once, and every later start: one account, one event.
      const users = api.app.get(UserDirectory);
      const again = await Promise.all([users.ensureBootstrapAdmin('root', 'another-password', new Date()), users.ensureBootstrapAdmin('ROOT', 'x-password-2', new Date())]);
      expect(again.map((r) => r.created)).toEqual([false, false]);
      expect(again.map((r) => r.id)).toEqual([who.body.id, who.body.id]);
      const stream = await api.store.readStream(streamName('user', who.body.id));
      expect(stream.map((e) => e.type)).toEqual(['UserRegistered']);
      expect(stream[0]!.data).toEqual({ userId: who.body.id, role: 'admin', orgUnitId: null });
      expect(stream[0]!.metadata['actorId']).toBe('system:bootstrap');
      expect((await login('root', 'another-password')).status).toBe(401);
    });

    it('creates a bootstrap admin concurrently in two "processes" exactly once', async () => {
      const users = api.app.get(UserDirectory);
      const results = await Promise.all([users.ensureBootstrapAdmin('chief', 'chief-password-1', new Date()), users.ensureBootstrapAdmin('chief', 'chief-password-1', new Date())]);
      secrets.push('chief-password-1');
      expect(results[0]!.id).toBe(results[1]!.id);
      expect(results.filter((r) => r.created).length).toBeLessThanOrEqual(1);
      expect((await api.store.readStream(streamName('user', results[0]!.id))).map((e) => e.type)).toEqual(['UserRegistered']);
    });

    it('stores argon2id hashes and nothing of the password in the account table', async () => {
      await createUser({ username: 'hash.check', password: 'hash-check-pass', role: 'operator', orgUnitId: units.city });
      const row = await api.db.createQueryBuilder().select('a.password_hash', 'h').from(ACCOUNTS_TABLE, 'a').where('a.username_key = :k', { k: usernameKey('hash.check') }).getRawOne<{ h: string }>();
      expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });

    describe('users API', () => {
      it('creates a user: 201 { id }, one UserRegistered event with ids, role and scope only', async () => {
        const res = await api.post('/api/v1/users', { username: '王小红', password: 'wang-password-1', role: 'worker', orgUnitId: units.village });
        secrets.push('王小红', 'wang-password-1');
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ id: expect.any(String), version: 1, position: expect.any(Number) });
        expect(res.headers['location']).toBe(`/api/v1/users/${res.body.id}`);
        const events = await api.store.readStream(streamName('user', res.body.id));
        expect(events.map((e) => ({ type: e.type, data: e.data, actor: e.metadata['actorId'] }))).toEqual([
          { type: 'UserRegistered', data: { userId: res.body.id, role: 'worker', orgUnitId: units.village }, actor: api.admin.id },
        ]);
        expect((await api.get(`/api/v1/users/${res.body.id}`)).body).toEqual({ id: res.body.id, username: '王小红', role: 'worker', orgUnitId: units.village, status: 'active' });
        const signedIn = await login('王小红', 'wang-password-1');
        expect((await me(signedIn.body.accessToken)).body).toEqual({ id: res.body.id, username: '王小红', role: 'worker', orgUnitId: units.village });
      });

      it('refuses bad input with 422 naming the field, a taken username with 409, and appends nothing', async () => {
        await createUser({ username: 'li.taken', password: 'li-password-1', role: 'operator', orgUnitId: units.city });
        const before = (await allEvents()).length;
        const cases: Array<[object, number, string, string?]> = [
          [{ username: 'LI.TAKEN', password: 'another-pass-1', role: 'worker', orgUnitId: units.village }, 409, 'USER.USERNAME_TAKEN', 'username'],
          [{ username: 'x.user', password: 'short', role: 'worker', orgUnitId: units.village }, 422, 'USER.WEAK_PASSWORD', 'password'],
          [{ username: 'x.user', password: 'long-enough-1', role: 'boss', orgUnitId: units.village }, 422, 'VALIDATION.FAILED', 'role'],
          [{ username: 'x.user', password: 'long-enough-1', role: 'worker', orgUnitId: units.village, extra: 1 }, 422, 'VALIDATION.FAILED', 'extra'],
          [{ username: 'x user!', password: 'long-enough-1', role: 'worker', orgUnitId: units.village }, 422, 'VALIDATION.FAILED', 'username'],
          [{ username: 'x.user', role: 'worker', orgUnitId: units.village }, 422, 'VALIDATION.FAILED', 'password'],
          [{ username: 'x.user', password: 'long-enough-1', role: 'worker', orgUnitId: randomUUID() }, 422, 'USER.ORG_UNIT_NOT_FOUND', 'orgUnitId'],
          [{ username: 'x.user', password: 'long-enough-1', role: 'worker', orgUnitId: 'not-a-uuid' }, 422, 'VALIDATION.FAILED', 'orgUnitId'],
          [{ username: 'x.user', password: 'long-enough-1', role: 'worker', orgUnitId: null }, 422, 'USER.SCOPE_REQUIRED', 'orgUnitId'],
        ];
        for (const [body, status, code, field] of cases) {
          const res = await api.post('/api/v1/users', body);
          expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
        }
        expect((await allEvents()).length).toBe(before);
        expect((await login('x.user', 'long-enough-1')).status).toBe(401);
      });

      it('refuses users management to other roles (403) and to nobody signed in (401)', async () => {
        const token = api.tokenFor({ id: randomUUID(), username: 'sup', role: 'supervisor', orgUnitId: units.city, sessionId: randomUUID() });
        expect((await call('GET', '/api/v1/users', undefined, bearer(token))).body.code).toBe('AUTH.ROLE_FORBIDDEN');
        expect((await api.get('/api/v1/users', { authorization: '' })).status).toBe(401);
      });

      it('lets a scoped admin manage users inside his subtree only', async () => {
        const townshipAdmin = await createUser({ username: 'township.admin', password: 'township-admin-1', role: 'admin', orgUnitId: units.township });
        const inside = await createUser({ username: 'inside.worker', password: 'inside-worker-1', role: 'worker', orgUnitId: units.village });
        const outside = await createUser({ username: 'outside.worker', password: 'outside-worker-1', role: 'worker', orgUnitId: units.otherVillage });
        const token = (await login('township.admin', 'township-admin-1')).body.accessToken as string;
        const before = (await allEvents()).length;

        const refused = [
          await call('POST', '/api/v1/users', { username: 'far.away', password: 'far-away-pass-1', role: 'worker', orgUnitId: units.otherVillage }, bearer(token)),
          await call('POST', '/api/v1/users', { username: 'far.up', password: 'far-away-pass-1', role: 'supervisor', orgUnitId: units.city }, bearer(token)),
          await call('POST', '/api/v1/users', { username: 'net.admin', password: 'far-away-pass-1', role: 'admin', orgUnitId: null }, bearer(token)),
          await call('POST', `/api/v1/users/${outside}/role`, { role: 'supervisor' }, bearer(token)),
          await call('POST', `/api/v1/users/${outside}/deactivate`, {}, bearer(token)),
          await call('POST', `/api/v1/users/${inside}/scope`, { orgUnitId: units.otherVillage }, bearer(token)),
          await call('GET', `/api/v1/users/${outside}`, undefined, bearer(token)),
        ];
        expect(refused.map((r) => [r.status, r.body.code])).toEqual(refused.map(() => [403, 'USER.OUT_OF_SCOPE']));
        expect((await allEvents()).length).toBe(before);

        const listed = (await call('GET', '/api/v1/users', undefined, bearer(token))).body.items.map((u: { username: string }) => u.username);
        expect(listed).toEqual(expect.arrayContaining(['township.admin', 'inside.worker']));
        expect(listed).not.toContain('outside.worker');
        expect(listed).not.toContain('root');

        const created = await createUser({ username: 'new.inside', password: 'new-inside-pass', role: 'operator', orgUnitId: units.village }, token);
        const changed = await call('POST', `/api/v1/users/${created}/role`, { role: 'worker' }, bearer(token));
        expect(changed.status).toBe(200);
        const events = await api.store.readStream(streamName('user', created));
        expect(events.map((e) => e.type)).toEqual(['UserRegistered', 'UserRoleChanged']);
        expect(events.map((e) => e.metadata['actorId'])).toEqual([townshipAdmin, townshipAdmin]);
      });

      it('refuses a closed org unit as 422 naming orgUnitId', async () => {
        const closed = randomUUID();
        expect((await api.post('/api/v1/org-units', { id: closed, name: '旧村', level: 'village', parentId: units.township })).status).toBe(201);
        expect((await api.post(`/api/v1/org-units/${closed}/close`, { closedOn: '2024-01-01' })).status).toBe(200);
        const res = await api.post('/api/v1/users', { username: 'closed.unit', password: 'closed-unit-1', role: 'worker', orgUnitId: closed });
        expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([422, 'USER.ORG_UNIT_CLOSED', 'orgUnitId']);
      });

      it('answers a repeated Idempotency-Key with the first answer and appends nothing twice', async () => {
        const key = randomUUID();
        const body = { username: 'idem.user', password: 'idem-password-1', role: 'worker', orgUnitId: units.village };
        secrets.push(body.username, body.password);
        const first = await api.post('/api/v1/users', body, { 'idempotency-key': key });
        const second = await api.post('/api/v1/users', body, { 'idempotency-key': key });
        expect(first.status).toBe(201);
        expect(second.body).toEqual(first.body);
        expect((await api.store.readStream(streamName('user', first.body.id))).length).toBe(1);
      });

      it('converges when the process died between the account row and the event: the retry finishes, nothing doubles', async () => {
        const users = api.app.get(UserDirectory);
        const commandId = randomUUID();
        const userId = deterministicId('user', commandId);
        // What a crash right after the reservation leaves: a pending row, no event.
        await users.accounts.reserve(
          { userId, username: 'crash.user', passwordHash: '$argon2id$v=19$m=19456,p=1,t=2$x$y', role: 'worker', orgUnitId: units.village, status: 'pending', commandId, createdAt: new Date().toISOString() },
          new Date().toISOString(),
        );
        secrets.push('crash.user', 'crash-password-1');
        expect((await login('crash.user', 'crash-password-1')).status).toBe(401);
        // Another registration of the name waits for the pending one to be abandoned.
        expect((await api.post('/api/v1/users', { username: 'crash.user', password: 'crash-password-2', role: 'worker', orgUnitId: units.village })).body.code).toBe('USER.USERNAME_TAKEN');
        const meta = { commandId, actorId: api.admin.id, now: new Date().toISOString() };
        const input = { username: 'crash.user', password: 'crash-password-1', role: 'worker' as const, orgUnitId: units.village };
        const retried = await users.register(input, meta, { orgUnitId: null });
        const again = await users.register(input, meta, { orgUnitId: null });
        expect([retried.version, again.version, again.repeated]).toEqual([1, 1, true]);
        expect((await api.get(`/api/v1/users/${userId}`)).body.status).toBe('active');
      });
    });

    it('expires access tokens by the clock; a refresh renews them', async () => {
      await createUser({ username: 'clock.user', password: 'clock-password-1', role: 'operator', orgUnitId: units.city });
      const t0 = new Date();
      clock.now = () => t0;
      const pair = (await login('clock.user', 'clock-password-1')).body;
      expect((await me(pair.accessToken)).status).toBe(200);
      clock.now = () => new Date(t0.getTime() + 899_000);
      expect((await me(pair.accessToken)).status).toBe(200);
      clock.now = () => new Date(t0.getTime() + 900_000);
      const expired = await me(pair.accessToken);
      expect([expired.status, expired.body.code, expired.headers['www-authenticate']]).toEqual([401, 'AUTH.TOKEN_EXPIRED', 'Bearer']);
      const renewed = await call('POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken });
      expect(renewed.status).toBe(200);
      expect((await me(renewed.body.accessToken)).status).toBe(200);
      // Refresh tokens expire too (12 h by default).
      clock.now = () => new Date(t0.getTime() + 13 * 3600_000);
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: renewed.body.refreshToken })).body.code).toBe('AUTH.REFRESH_EXPIRED');
    });

    it('rotates refresh tokens; reusing a spent one ends the whole session', async () => {
      await createUser({ username: 'rotate.user', password: 'rotate-password-1', role: 'operator', orgUnitId: units.city });
      const first = (await login('rotate.user', 'rotate-password-1')).body;
      const second = (await call('POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken })).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      const third = (await call('POST', '/api/v1/auth/refresh', { refreshToken: second.refreshToken })).body;
      expect((await me(third.accessToken)).status).toBe(200);
      // The spent first token comes back: someone holds a copy. The session ends for everyone.
      const reused = await call('POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect([reused.status, reused.body.code]).toEqual([401, 'AUTH.REFRESH_REUSED']);
      expect((await me(third.accessToken)).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: third.refreshToken })).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: 'made-up' })).body.code).toBe('AUTH.REFRESH_INVALID');
      // Another session of the same user goes on.
      expect((await me((await login('rotate.user', 'rotate-password-1')).body.accessToken)).status).toBe(200);
    });

    it('ends the session on logout, at once here and within about a second in another process', async () => {
      await createUser({ username: 'logout.user', password: 'logout-password-1', role: 'operator', orgUnitId: units.city });
      const pair = (await login('logout.user', 'logout-password-1')).body;
      const other = (await login('logout.user', 'logout-password-1')).body;
      expect((await call('POST', '/api/v1/auth/logout', {}, bearer(pair.accessToken))).status).toBe(204);
      const after = await me(pair.accessToken);
      expect([after.status, after.body.code]).toEqual([401, 'AUTH.SESSION_REVOKED']);
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
      expect((await me(other.accessToken)).status).toBe(200);
      // Another API process revokes `other` in the shared database; this process's cache learns of it by polling.
      const otherProcess = new SessionStore(api.db, 3600);
      const sessionId = JSON.parse(Buffer.from(other.accessToken.split('.')[1], 'base64url').toString()).sid as string;
      await otherProcess.revoke(sessionId, 'logout', new Date());
      const cache = api.app.get(RevocationCache);
      let revoked = false;
      for (let i = 0; i < 100 && !revoked; i++) {
        revoked = await cache.isRevoked(sessionId);
        if (!revoked) await new Promise((r) => setTimeout(r, 100));
      }
      expect(revoked).toBe(true);
      expect((await me(other.accessToken)).body.code).toBe('AUTH.SESSION_REVOKED');
    });

    it('ends every session of the user on a password change, and records it without the password', async () => {
      const id = await createUser({ username: 'pw.user', password: 'old-password-1', role: 'worker', orgUnitId: units.village });
      const a = (await login('pw.user', 'old-password-1')).body;
      const b = (await login('pw.user', 'old-password-1')).body;
      const wrong = await call('POST', '/api/v1/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'new-password-2' }, bearer(a.accessToken));
      expect([wrong.status, wrong.body.code]).toEqual([422, 'USER.WRONG_PASSWORD']);
      const weak = await call('POST', '/api/v1/auth/password', { currentPassword: 'old-password-1', newPassword: 'short' }, bearer(a.accessToken));
      expect([weak.status, weak.body.code]).toEqual([422, 'USER.WEAK_PASSWORD']);
      const changed = await call('POST', '/api/v1/auth/password', { currentPassword: 'old-password-1', newPassword: 'new-password-2' }, bearer(a.accessToken));
      secrets.push('new-password-2');
      expect(changed.status).toBe(200);
      for (const token of [a.accessToken, b.accessToken]) expect((await me(token)).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
      expect((await me(changed.body.accessToken)).status).toBe(200);
      expect((await login('pw.user', 'old-password-1')).status).toBe(401);
      expect((await login('pw.user', 'new-password-2')).status).toBe(200);
      // An admin's reset ends the sessions too.
      const c = (await login('pw.user', 'new-password-2')).body;
      expect((await api.post(`/api/v1/users/${id}/password`, { password: 'reset-password-3' })).status).toBe(200);
      secrets.push('reset-password-3');
      expect((await me(c.accessToken)).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await login('pw.user', 'reset-password-3')).status).toBe(200);
      const events = await api.store.readStream(streamName('user', id));
      expect(events.filter((e) => e.type === 'UserPasswordChanged').map((e) => e.data)).toEqual([{ userId: id, by: 'self' }, { userId: id, by: 'admin' }]);
    });

    it('locks an account after 5 consecutive failures for 15 minutes; unknown names answer like wrong passwords', async () => {
      await createUser({ username: 'lock.user', password: 'lock-password-1', role: 'operator', orgUnitId: units.city });
      const t0 = new Date();
      clock.now = () => t0;
      const unknown = await login('nobody.here', 'lock-password-1');
      const wrong = await login('lock.user', 'wrong-password');
      expect([unknown.status, unknown.body.code]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
      expect(wrong.body).toEqual(unknown.body);
      for (let i = 2; i <= 4; i++) expect((await login('lock.user', 'wrong-password')).body.code).toBe('AUTH.INVALID_CREDENTIALS');
      const fifth = await login('lock.user', 'wrong-password');
      expect([fifth.status, fifth.body.code, fifth.headers['retry-after']]).toEqual([423, 'AUTH.LOCKED', '900']);
      // Locked: even the right password is refused, in any process (the count is in the database).
      const right = await login('lock.user', 'lock-password-1');
      expect([right.status, right.body.code]).toEqual([423, 'AUTH.LOCKED']);
      clock.now = () => new Date(t0.getTime() + 899_000);
      expect((await login('lock.user', 'lock-password-1')).headers['retry-after']).toBe('1');
      clock.now = () => new Date(t0.getTime() + 900_000);
      expect((await login('lock.user', 'lock-password-1')).status).toBe(200);
      // A success starts the count again: four more failures do not lock.
      for (let i = 0; i < 4; i++) await login('lock.user', 'wrong-password');
      expect((await login('lock.user', 'lock-password-1')).status).toBe(200);
    });

    it('limits sign-in attempts per client address (429 with Retry-After)', async () => {
      const address = '192.0.2.77';
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) answers.push((await login('nobody.at.all', 'whatever-1', address)).status);
      expect(answers.every((s) => s === 401)).toBe(true);
      const limited = await login('root', ROOT.password, address);
      expect([limited.status, limited.body.code]).toEqual([429, 'AUTH.RATE_LIMITED']);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login('root', ROOT.password, '192.0.2.78')).status).toBe(200);
    });

    it('refuses a deactivated user: her sessions end and she cannot sign in until reactivated', async () => {
      const id = await createUser({ username: 'gone.user', password: 'gone-password-1', role: 'worker', orgUnitId: units.village });
      const pair = (await login('gone.user', 'gone-password-1')).body;
      expect((await api.post(`/api/v1/users/${id}/deactivate`, {})).status).toBe(200);
      expect((await me(pair.accessToken)).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await call('POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
      const refused = await login('gone.user', 'gone-password-1');
      expect([refused.status, refused.body.code]).toEqual([401, 'AUTH.ACCOUNT_DEACTIVATED']);
      expect((await api.post(`/api/v1/users/${id}/deactivate`, {})).body.code).toBe('USER.ALREADY_DEACTIVATED');
      expect((await api.get(`/api/v1/users/${id}`)).body.status).toBe('deactivated');
      expect((await api.post(`/api/v1/users/${id}/reactivate`, {})).status).toBe(200);
      expect((await login('gone.user', 'gone-password-1')).status).toBe(200);
      expect((await api.store.readStream(streamName('user', id))).map((e) => e.type)).toEqual(['UserRegistered', 'UserDeactivated', 'UserReactivated']);
    });

    it('ends sessions on a change of role or scope; the next sign-in carries the new ones', async () => {
      const id = await createUser({ username: 'moving.user', password: 'moving-password-1', role: 'worker', orgUnitId: units.village });
      const pair = (await login('moving.user', 'moving-password-1')).body;
      expect((await api.post(`/api/v1/users/${id}/scope`, { orgUnitId: units.otherVillage })).status).toBe(200);
      expect((await me(pair.accessToken)).body.code).toBe('AUTH.SESSION_REVOKED');
      expect((await api.post(`/api/v1/users/${id}/role`, { role: 'supervisor' })).status).toBe(200);
      const next = (await login('moving.user', 'moving-password-1')).body;
      expect((await me(next.accessToken)).body).toMatchObject({ role: 'supervisor', orgUnitId: units.otherVillage });
    });

    it('takes a public route without a token and refuses junk bearer tokens', async () => {
      expect((await call('POST', '/api/v1/auth/login', { username: 'root' })).status).toBe(422);
      expect((await call('POST', '/api/v1/auth/login', { username: 'root', password: 'x', more: 1 })).body.errors).toEqual([expect.objectContaining({ field: 'more' })]);
      expect((await me('not.a.token')).body.code).toBe('AUTH.TOKEN_INVALID');
      expect((await call('GET', '/api/v1/auth/me')).body.code).toBe('AUTH.UNAUTHENTICATED');
    });
  });
});
