import { residentId } from '@pls/privacy/testing/fixtures';
import {
  create,
  createNetwork,
  answeredCallBody,
  describeOn,
  expectInvalid,
  expectProblem,
  refused,
  STORE_KINDS,
  useApi,
  uuid,
  UUID_RE,
  mediationBody,
} from './fixtures';

const ID_NUMBER = residentId('11010519900307123');

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('persons over HTTP', () => {
    const t = useApi(kind);

    it('registers a person in the vault and shows them masked', async () => {
      const { api } = t;
      const created = await api.post('/api/v1/persons', { name: '欧阳娜娜', phone: '13812341234', idNumber: ID_NUMBER });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(id).toMatch(UUID_RE);
      expect(created.headers['location']).toBe(`/api/v1/persons/${id}`);

      const shown = await api.get(`/api/v1/persons/${id}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({
        id,
        name: '欧***',
        phone: '138****1234',
        idNumber: `${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`,
        version: 1,
      });
      expect(JSON.stringify(shown.body)).not.toContain('13812341234');
      expect(shown.headers['cache-control']).toBe('no-store');
    });

    it('is idempotent on a client-supplied id, and refuses the id for other data', async () => {
      const { api } = t;
      const id = uuid();
      const first = await api.post('/api/v1/persons', { id, name: '赵六', phone: '010-12345678' });
      const again = await api.post('/api/v1/persons', { id, name: '赵六', phone: '010-12345678' });
      expect([first.status, first.body]).toEqual([201, { id, version: 1, position: expect.any(Number) }]);
      // The same data under the same id: the same person, nothing appended again.
      expect([again.status, again.body]).toEqual([201, { id, version: 1, position: first.body.position }]);
      expect((await api.get(`/api/v1/persons/${id}`)).body).toEqual({ id, name: '赵*', phone: '010-****5678', idNumber: null, version: 1 });
      expectProblem(await api.post('/api/v1/persons', { id, name: '钱七' }), 409, 'PERSON.ALREADY_EXISTS');
    });

    it('refuses bad fields with 422 naming each of them', async () => {
      const { api } = t;
      expectInvalid(await refused(api, () => api.post('/api/v1/persons', { name: '孙八', nickname: '小孙' })), ['nickname']);
      expectInvalid(await refused(api, () => api.post('/api/v1/persons', { phone: '12345', idNumber: '110105199003071230' })), [
        'name',
        'phone',
        'idNumber',
      ]);
      expectProblem(await api.get(`/api/v1/persons/${uuid()}`), 404, 'PERSON.NOT_FOUND');
    });

    it('keeps personal data out of the events: records carry the person id only', async () => {
      const { api } = t;
      const net = await createNetwork(api, '隐私');
      const personId = (await api.post('/api/v1/persons', { name: '周九', phone: '13998765432', idNumber: ID_NUMBER })).body.id as string;
      const call = await create(api, 'hotline-calls', answeredCallBody(net, { callerPersonId: personId }));
      const mediation = await create(
        api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      for (const [collection, id] of [
        ['hotline-calls', call.id],
        ['mediations', mediation.id],
      ] as const) {
        const history = JSON.stringify((await api.get(`/api/v1/${collection}/${id}/history`)).body);
        expect(history).toContain(personId);
        for (const clear of ['周九', '13998765432', ID_NUMBER]) expect(history).not.toContain(clear);
      }
    });

    // API.md, Conventions: "Create: POST /api/v1/<collection> → 201 with { id, version, position }
    // and Location, ETag" — persons is one of the collections of the table.
    it('answers a create like every collection: { id, version, position } and ETag', async () => {
      const reply = await t.api.post('/api/v1/persons', { name: '吴十' });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({ id: expect.stringMatching(UUID_RE), version: expect.any(Number), position: expect.any(Number) });
      expect(reply.headers['etag']).toBe(`"${reply.body.version}"`);
    });

    // API.md: "Idempotency-Key: <uuid> on any POST: a repeat with the same key, method, path and
    // body returns the first response …; the same key with a different request is 422".
    it('answers a repeated POST with the same Idempotency-Key with the first response (one person)', async () => {
      const { api } = t;
      const key = uuid();
      const first = await api.post('/api/v1/persons', { name: '郑十一' }, { 'idempotency-key': key });
      const again = await api.post('/api/v1/persons', { name: '郑十一' }, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect([again.status, again.body]).toEqual([first.status, first.body]);
      expectProblem(await api.post('/api/v1/persons', { name: '王十二' }, { 'idempotency-key': key }), 422, 'IDEMPOTENCY.KEY_REUSED');
    });
  });
});
