/* API.md: `Idempotency-Key: <uuid>` on any POST — a repeat with the same key, method, path and
 * body returns the first response (errors included) and appends nothing; the same key with a
 * different request is 422 IDEMPOTENCY.KEY_REUSED. */
import {
  act,
  answeredCallBody,
  appendsNothing,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  expectWritten,
  mediationBody,
  read,
  refused,
  registerMediation,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
  type Reply,
} from './fixtures';

/** What a repeat must give back: status, body and the headers the first answer had. */
function answerOf(reply: Reply) {
  return {
    status: reply.status,
    body: reply.body,
    location: reply.headers['location'],
    etag: reply.headers['etag'],
    type: String(reply.headers['content-type']).split(';')[0],
  };
}

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('Idempotency-Key', () => {
    const t = useApi(kind);
    let net: Network;
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    it('a create without a client id: the repeat answers the first response and appends nothing', async () => {
      const { api } = t;
      const key = uuid();
      const body = mediationBody(net);
      const first = await api.post('/api/v1/mediations', body, { 'idempotency-key': key });
      const { id } = expectWritten(first, 'mediations', 201);
      const again = await appendsNothing(api, () => api.post('/api/v1/mediations', body, { 'idempotency-key': key }));
      expect(answerOf(again)).toEqual(answerOf(first));
      expect(again.body.id).toBe(id);

      // Keys in another order are the same body.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      expect(answerOf(await api.post('/api/v1/mediations', reordered, { 'idempotency-key': key }))).toEqual(answerOf(first));

      const events = await expectHistory(api, 'mediations', first.body.id, ['MediationRegistered'], net.villageId);
      expect(events[0]!.metadata['commandId']).toBe(key);
      // Without a key the same body is a new record.
      expect((await create(api, 'mediations', body)).id).not.toBe(first.body.id);
    });

    it('a transition: the repeat answers the first response and appends nothing', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      const key = uuid();
      const body = { acceptedOn: '2021-03-02', mediatorIds: [uuid()] };
      const first = await act(api, 'mediations', id, 'accept', body, { 'idempotency-key': key });
      const again = await appendsNothing(api, () => api.post(`/api/v1/mediations/${id}/accept`, body, { 'idempotency-key': key }));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['etag']).toBe('"2"');
      expect(await read(api, 'mediations', id)).toMatchObject({ status: 'accepted', version: 2 });
    });

    it('a hand-over: the repeat names the same work order and creates no second one', async () => {
      const { api } = t;
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const key = uuid();
      const body = { assignToOrgUnitId: net.townshipId, urgent: false };
      const first = await act(api, 'hotline-calls', call.id, 'work-order', body, { 'idempotency-key': key });
      const again = await appendsNothing(api, () =>
        api.post(`/api/v1/hotline-calls/${call.id}/work-order`, body, { 'idempotency-key': key }),
      );
      expect([again.status, again.body]).toEqual([200, first.body]);
      await expectHistory(
        api,
        'work-orders',
        first.body['workOrderId'] as string,
        ['WorkOrderCreated', 'WorkOrderAssigned'],
        net.townshipId,
      );
    });

    it('errors are replayed too, even after the world changed', async () => {
      const { api } = t;
      // A party the vault does not know yet: 422.
      const personId = uuid();
      const body = mediationBody(net, {
        parties: [
          { personId: net.personA, role: 'applicant' },
          { personId, role: 'respondent' },
        ],
      });
      const key = uuid();
      const first = await refused(api, () => api.post('/api/v1/mediations', body, { 'idempotency-key': key }));
      expectInvalid(first, ['parties[1].personId'], 'REFERENCE.NOT_FOUND');

      expect((await api.post('/api/v1/persons', { id: personId, name: '冯十三' })).status).toBe(201);
      const replayed = await refused(api, () => api.post('/api/v1/mediations', body, { 'idempotency-key': key }));
      expect(answerOf(replayed)).toEqual(answerOf(first));
      // A new key is a new request, judged now.
      await create(api, 'mediations', body, { 'idempotency-key': uuid() });

      // A lifecycle refusal (409) is replayed as well.
      const id = await registerMediation(api, net);
      await act(api, 'mediations', id, 'reject', { reason: 'party-refused', rejectedOn: '2021-03-02' });
      const acceptKey = uuid();
      const accept = { acceptedOn: '2021-03-02', mediatorIds: [uuid()] };
      const refusedOnce = await refused(api, () => api.post(`/api/v1/mediations/${id}/accept`, accept, { 'idempotency-key': acceptKey }));
      expectProblem(refusedOnce, 409, 'MEDIATION.REJECTED');
      expect(
        answerOf(await refused(api, () => api.post(`/api/v1/mediations/${id}/accept`, accept, { 'idempotency-key': acceptKey }))),
      ).toEqual(answerOf(refusedOnce));
    });

    it('the same key with a different request is 422 IDEMPOTENCY.KEY_REUSED and appends nothing', async () => {
      const { api } = t;
      const key = uuid();
      const first = await create(api, 'mediations', mediationBody(net), { 'idempotency-key': key });
      expectProblem(
        await refused(api, () => api.post('/api/v1/mediations', mediationBody(net, { category: '03' }), { 'idempotency-key': key })),
        422,
        'IDEMPOTENCY.KEY_REUSED',
      );
      expectProblem(
        await refused(api, () =>
          api.post('/api/v1/lectures', { orgUnitId: net.villageId, plannedOn: '2021-05-20', topic: '宪法' }, { 'idempotency-key': key }),
        ),
        422,
        'IDEMPOTENCY.KEY_REUSED',
      );
      expectProblem(
        await refused(api, () =>
          api.post(`/api/v1/mediations/${first.id}/reject`, { reason: 'other', rejectedOn: '2021-03-02' }, { 'idempotency-key': key }),
        ),
        422,
        'IDEMPOTENCY.KEY_REUSED',
      );
      expect((await read(api, 'mediations', first.id)).status).toBe('registered');
    });

    // Two different requests racing under one key: one of them is answered as the key's
    // request, the other must be told the key is taken — never "200" for a command that was
    // not carried out.
    it('two different concurrent requests with one key: one is carried out, the other is 422 IDEMPOTENCY.KEY_REUSED', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      const key = uuid();
      const [accept, reject] = await Promise.all([
        api.post(`/api/v1/mediations/${id}/accept`, { acceptedOn: '2021-03-02', mediatorIds: [uuid()] }, { 'idempotency-key': key }),
        api.post(`/api/v1/mediations/${id}/reject`, { reason: 'other', rejectedOn: '2021-03-02' }, { 'idempotency-key': key }),
      ]);
      const state = await read(api, 'mediations', id);
      expect(state.version).toBe(2);
      const [winner, loser] = state.status === 'accepted' ? [accept, reject] : [reject, accept];
      expect(winner.status).toBe(200);
      expectProblem(loser, 422, 'IDEMPOTENCY.KEY_REUSED');
    });

    it('five identical concurrent creates with one key: one record, the same answer for all', async () => {
      const { api } = t;
      const key = uuid();
      const body = mediationBody(net, { category: '06' });
      const before = await api.store.headPosition();
      const replies = await Promise.all(Array.from({ length: 5 }, () => api.post('/api/v1/mediations', body, { 'idempotency-key': key })));
      expect(await api.store.headPosition()).toBe(before + 1);
      const answers = replies.map(answerOf);
      expect(answers[0]).toMatchObject({ status: 201, body: { version: 1, position: before + 1 } });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      await expectHistory(api, 'mediations', answers[0]!.body.id, ['MediationRegistered'], net.villageId);
    });

    it('five identical concurrent transitions with one key: one event, the same answer for all', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      const key = uuid();
      const body = { acceptedOn: '2021-03-02', mediatorIds: [uuid()] };
      const before = await api.store.headPosition();
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => api.post(`/api/v1/mediations/${id}/accept`, body, { 'idempotency-key': key })),
      );
      expect(await api.store.headPosition()).toBe(before + 1);
      const answers = replies.map(answerOf);
      expect(answers[0]).toMatchObject({ status: 200, body: { id, version: 2, position: before + 1 } });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    });

    it('five identical concurrent hand-overs with one key: one work order', async () => {
      const { api } = t;
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const key = uuid();
      const before = await api.store.headPosition();
      const replies = await Promise.all(
        Array.from({ length: 5 }, () =>
          api.post(
            `/api/v1/hotline-calls/${call.id}/work-order`,
            { assignToOrgUnitId: net.townshipId, urgent: true },
            { 'idempotency-key': key },
          ),
        ),
      );
      // The call's hand-over, then the work order's creation and assignment.
      expect(await api.store.headPosition()).toBe(before + 3);
      const answers = replies.map(answerOf);
      expect(answers[0]).toMatchObject({ status: 200, body: { id: call.id, version: 2 } });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      await expectHistory(api, 'work-orders', answers[0]!.body.workOrderId, ['WorkOrderCreated', 'WorkOrderAssigned'], net.townshipId);
    });
  });
});
