/* Refusals that belong to no collection: unknown paths, bodies that are not
 * JSON objects, bodies too large, malformed headers. Each is problem+json with
 * a stable code, and appends nothing. */
import { act, create, describeOn, expectInvalid, expectProblem, refused, STORE_KINDS, useApi, uuid } from './fixtures';

const JSON_TYPE = { 'content-type': 'application/json' };

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('HTTP refusals', () => {
    const t = useApi(kind);
    let cityId: string;
    beforeAll(async () => {
      cityId = (await create(t.api, 'org-units', { name: '错误市', level: 'city', parentId: null })).id;
    });

    it('an unknown collection is 404 on every route', async () => {
      const { api } = t;
      const id = uuid();
      expectProblem(await refused(api, () => api.post('/api/v1/parking-tickets', { orgUnitId: cityId })), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await refused(api, () => api.post(`/api/v1/parking-tickets/${id}/close`, {})), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/parking-tickets/${id}`), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/parking-tickets/${id}/history`), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.get('/api/v1/parking-tickets'), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.get('/api/v2/org-units'), 404, 'ROUTE.NOT_FOUND');
    });

    it('an unknown id in the path is 404 for reads and transitions', async () => {
      const { api } = t;
      const id = uuid();
      expectProblem(await api.get(`/api/v1/org-units/${id}`), 404, 'RECORD.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/org-units/${id}/history`), 404, 'RECORD.NOT_FOUND');
      expectProblem(await refused(api, () => api.post(`/api/v1/org-units/${id}/close`, {})), 404, 'ORG.NOT_FOUND');
      expectProblem(await api.get('/api/v1/org-units/12345'), 404, 'RECORD.NOT_FOUND');
    });

    // A client keys on `code`: "no such record" must not have two codes depending on whether
    // the path id happens to be a UUID (apps/api/src/records/command-executor.ts, recordId(),
    // derives `<STREAMCATEGORY>.NOT_FOUND` for a non-UUID while the deciders answer their own code).
    it.each([
      ['org-units', 'close', 'ORG.NOT_FOUND'],
      ['hotline-calls', 'close', 'HOTLINE.NOT_FOUND'],
      ['work-orders', 'acknowledge', 'WORK_ORDER.NOT_FOUND'],
      ['consultations', 'answer', 'CONSULTATION.NOT_FOUND'],
      ['mediations', 'reassign', 'MEDIATION.NOT_FOUND'],
      ['lectures', 'cancel', 'OUTREACH.NOT_FOUND'],
    ])('%s: a transition on an unknown id is 404 %s → %s, whether the id is a UUID or not', async (collection, action, code) => {
      const { api } = t;
      const body = action === 'reassign' ? { mediatorIds: [uuid()] } : {};
      expectProblem(await refused(api, () => api.post(`/api/v1/${collection}/${uuid()}/${action}`, body)), 404, code);
      expectProblem(await refused(api, () => api.post(`/api/v1/${collection}/no-such-id/${action}`, body)), 404, code);
    });

    it('malformed JSON is 400 problem+json and appends nothing', async () => {
      const { api } = t;
      for (const payload of ['{"name": ', "{'name': 'x'}", '{"name": "a",}', '']) {
        const reply = await refused(api, () => api.request('POST', `/api/v1/org-units/${cityId}/rename`, payload, JSON_TYPE));
        expect([payload, reply.status]).toEqual([payload, 400]);
        expect(String(reply.headers['content-type'])).toMatch(/^application\/problem\+json/);
        expect(reply.body).toEqual(
          expect.objectContaining({
            status: 400,
            code: expect.stringMatching(/^REQUEST\./),
            type: expect.any(String),
            title: expect.any(String),
          }),
        );
      }
    });

    // apps/api/src/http/problem.filter.ts maps Fastify's FST_ERR_CTP_INVALID_JSON_BODY /
    // FST_ERR_CTP_EMPTY_JSON_BODY / SyntaxError to REQUEST.MALFORMED_JSON and
    // FST_ERR_CTP_INVALID_MEDIA_TYPE to REQUEST.UNSUPPORTED_MEDIA_TYPE.
    it('names malformed JSON REQUEST.MALFORMED_JSON', async () => {
      const reply = await refused(t.api, () => t.api.request('POST', `/api/v1/org-units/${cityId}/rename`, '{"name": ', JSON_TYPE));
      expectProblem(reply, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('names a body that is not JSON REQUEST.UNSUPPORTED_MEDIA_TYPE (415)', async () => {
      const reply = await refused(t.api, () =>
        t.api.request('POST', `/api/v1/org-units/${cityId}/rename`, '<name>x</name>', { 'content-type': 'application/xml' }),
      );
      expectProblem(reply, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('a body over 1 MiB is 413 and appends nothing', async () => {
      const { api } = t;
      const big = JSON.stringify({ name: '大'.repeat(400_000) });
      expect(Buffer.byteLength(big)).toBeGreaterThan(1_048_576);
      expectProblem(
        await refused(api, () => api.request('POST', `/api/v1/org-units/${cityId}/rename`, big, JSON_TYPE)),
        413,
        'REQUEST.TOO_LARGE',
      );
      expectProblem(await refused(api, () => api.request('POST', '/api/v1/mediations', big, JSON_TYPE)), 413, 'REQUEST.TOO_LARGE');
      // Just under the limit is read, and judged on its fields.
      const near = JSON.stringify({ name: 'x'.repeat(1_048_000) });
      expectInvalid(await refused(api, () => api.request('POST', `/api/v1/org-units/${cityId}/rename`, near, JSON_TYPE)), ['name']);
    });

    it('a body that is not a JSON object is 422', async () => {
      const { api } = t;
      for (const payload of ['[1, 2]', '"rename"', '42']) {
        expectInvalid(await refused(api, () => api.request('POST', `/api/v1/org-units/${cityId}/rename`, payload, JSON_TYPE)), ['(body)']);
      }
    });

    it('an action without a body is taken as {}', async () => {
      const { api } = t;
      const township = await create(api, 'org-units', { name: '无体镇', level: 'township', parentId: cityId });
      const reply = await api.request('POST', `/api/v1/org-units/${township.id}/close`);
      expect(reply.status).toBe(200);
      expect(reply.body.version).toBe(2);
    });

    it('malformed Idempotency-Key and If-Match headers are 400', async () => {
      const { api } = t;
      const township = await create(api, 'org-units', { name: '头镇', level: 'township', parentId: cityId });
      const send = (headers: Record<string, string>) =>
        refused(api, () => api.post(`/api/v1/org-units/${township.id}/rename`, { name: '新头镇' }, headers));
      expectProblem(await send({ 'idempotency-key': 'not-a-uuid' }), 400, 'IDEMPOTENCY.KEY_INVALID');
      expectProblem(await send({ 'if-match': 'yesterday' }), 400, 'REQUEST.INVALID_IF_MATCH');
      // The weak and bare forms name a version too.
      await act(api, 'org-units', township.id, 'rename', { name: '新头镇' }, { 'if-match': 'W/"1"' });
      await act(api, 'org-units', township.id, 'rename', { name: '旧头镇' }, { 'if-match': '2' });
    });

    it('a problem never carries a stack trace or SQL', async () => {
      const reply = await t.api.post('/api/v1/org-units', { name: '栈', level: 'village', parentId: uuid() });
      expect(reply.status).toBe(422);
      const text = JSON.stringify(reply.body);
      for (const leak of ['    at ', 'SELECT', 'sqlite', 'postgres', 'Error:']) expect(text).not.toContain(leak);
    });
  });
});
