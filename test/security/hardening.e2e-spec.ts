/* The HTTP surface's hardening (issue 7, item 5): security headers on every
 * answer, strict CORS, 413/400/415 as problem+json, and 5xx bodies that never
 * carry a stack trace, SQL or a driver's message — forced by breaking the
 * read model under a running API. */
import { CONTENT_SECURITY_POLICY } from '../../apps/api/src/http/hardening';
import { describeOn, startTestApi, STORE_KINDS, type Reply, type TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';

const JSON_TYPE = { 'content-type': 'application/json' };

function expectProblem(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  expect(String(reply.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

function expectHardened(reply: Reply): void {
  expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['x-frame-options']).toBe('DENY');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['x-powered-by']).toBeUndefined();
}

/** Nothing a client could learn the server's insides from. */
function expectOpaque(reply: Reply): void {
  const text = JSON.stringify(reply.body);
  for (const leak of [/select /i, /insert /i, /from "?\w+/i, /sqlite/i, /postgres/i, /relation/i, /no such table/i, /QueryFailed/i, /\bat \S+ \(/, /\.ts:\d+/, /node_modules/, /personal_data_access_log|idempotency_keys/]) {
    expect(text).not.toMatch(leak);
  }
}

describe('hardening of the HTTP surface (SQLite)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => api?.close());

  it('sends the security headers on JSON answers, problems, the web UI and the API docs, and no X-Powered-By', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expectHardened(health);
    expectHardened(await api.get('/api/v1/org-units'));
    const missing = await api.get(`/api/v1/mediations/${randomUUID()}`);
    expectProblem(missing, 404, 'RECORD.NOT_FOUND');
    expectHardened(missing);
    const unsigned = await api.get('/api/v1/org-units', { authorization: '' });
    expectProblem(unsigned, 401, 'AUTH.UNAUTHENTICATED');
    expectHardened(unsigned);
    const page = await api.request('GET', '/operator', undefined, { authorization: '' });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    expectHardened(page);
    const docs = await api.request('GET', '/api/docs', undefined, { authorization: '' });
    expect(docs.status).toBe(200);
    expectHardened(docs);
  });

  it('gives a foreign origin no Access-Control-Allow-Origin, on a request or a preflight (same-origin only by default)', async () => {
    const foreign = { origin: 'https://evil.example' };
    const reply = await api.get('/api/v1/org-units', foreign);
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await api.request('OPTIONS', '/api/v1/org-units', undefined, {
      ...foreign,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(preflight.status).toBeLessThan(500);
  });

  it('answers a body over the limit 413, malformed JSON 400, and any body that is not JSON 415 — problem+json, nothing appended', async () => {
    const before = await api.store.headPosition();
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000), level: 'city', parentId: null });
    expectProblem(await api.request('POST', '/api/v1/org-units', big, JSON_TYPE), 413, 'REQUEST.TOO_LARGE');
    expectProblem(await api.request('POST', '/api/v1/org-units', '{"name": "云川市", "level": ', JSON_TYPE), 400, 'REQUEST.MALFORMED_JSON');
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      const reply = await api.request('POST', '/api/v1/org-units', '{"name":"云川市","level":"city","parentId":null}', { 'content-type': type });
      expect([type, reply.status, reply.body?.code]).toEqual([type, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
      expectHardened(reply);
    }
    expect(await api.store.headPosition()).toBe(before);
  });

  it('refuses a body nested deeper than the API reads (422), a badly encoded address (400) and an over-long id (414, or 404 where the web UI catch-all takes it) as problem+json', async () => {
    const before = await api.store.headPosition();
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const reply = await api.request('POST', '/api/v1/org-units', `{"name":${deep},"level":"city","parentId":null}`, {
      ...JSON_TYPE,
      'idempotency-key': randomUUID(),
    });
    expectProblem(reply, 422, 'REQUEST.TOO_DEEP');
    expect(reply.body.errors).toEqual([{ field: '(body)', message: expect.stringMatching(/nested deeper than 32 levels/) }]);
    const badUrl = await api.get('/api/v1/mediations/%E4%B8');
    expectProblem(badUrl, 400, 'REQUEST.BAD_URL');
    expectHardened(badUrl);
    expectProblem(await api.post(`/api/v1/mediations/${'a'.repeat(3000)}/accept`, {}), 414, 'REQUEST.URI_TOO_LONG');
    expectProblem(await api.get(`/api/v1/mediations/${'a'.repeat(3000)}`), 404, 'ROUTE.NOT_FOUND');
    expect(await api.store.headPosition()).toBe(before);
  });
});

describe.each(STORE_KINDS)('5xx answers on %s', (kind) => {
  describeOn(kind)(kind, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(kind);
    });
    afterAll(async () => api?.close());

    it('carry no stack trace, SQL or driver message when the read model fails under a query and under a write', async () => {
      const city = await api.post('/api/v1/org-units', { name: '云川市', level: 'city', parentId: null });
      expect(city.status).toBe(201);
      // Break the read model under the running API: tables a query (the audit trail's access log) and an
      // idempotent write use are gone — tables no projection writes, so the runners carry on undisturbed.
      await api.db.query('ALTER TABLE personal_data_access_log RENAME TO personal_data_access_log_gone');
      await api.db.query('ALTER TABLE idempotency_keys RENAME TO idempotency_keys_gone');
      try {
        const query = await api.get(`/api/v1/audit?recordId=${city.body.id}`);
        expectProblem(query, 500, 'INTERNAL');
        expectOpaque(query);
        expectHardened(query);
        const write = await api.post(`/api/v1/org-units/${city.body.id}/rename`, { name: '云川新市' }, { 'idempotency-key': randomUUID() });
        expectProblem(write, 500, 'INTERNAL');
        expectOpaque(write);
        expect(Object.keys(write.body).sort()).toEqual(['code', 'status', 'title', 'type']);
      } finally {
        await api.db.query('ALTER TABLE personal_data_access_log_gone RENAME TO personal_data_access_log');
        await api.db.query('ALTER TABLE idempotency_keys_gone RENAME TO idempotency_keys');
      }
      // The process goes on answering.
      expect((await api.get('/health')).status).toBe(200);
    });
  });
});

describe('CORS for configured origins (PLS_CORS_ORIGINS)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { PLS_CORS_ORIGINS: 'https://desk.example.gov.cn' });
  });
  afterAll(async () => api?.close());

  it('allows the listed origin, and only it', async () => {
    const allowed = await api.get('/api/v1/org-units', { origin: 'https://desk.example.gov.cn' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example.gov.cn');
    expect(String(allowed.headers['access-control-expose-headers'])).toMatch(/ETag/);
    const preflight = await api.request('OPTIONS', '/api/v1/mediations', undefined, {
      authorization: '',
      origin: 'https://desk.example.gov.cn',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://desk.example.gov.cn');
    expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/POST/);
    const foreign = await api.get('/api/v1/org-units', { origin: 'https://desk.example.gov.cn.evil.example' });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
