/* API.md: `If-Match: "<version>"` on a transition — a stale version gets 409, a current one
 * proceeds. DESIGN.md: a version conflict without If-Match is retried, then answered 409 with
 * the current version. */
import {
  act,
  createNetwork,
  describeOn,
  expectHistory,
  expectProblem,
  read,
  refused,
  registerMediation,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
} from './fixtures';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('optimistic concurrency', () => {
    const t = useApi(kind);
    let net: Network;
    const accept = () => ({ acceptedOn: '2021-03-02', mediatorIds: [uuid()] });
    const reject = { reason: 'already-handled', rejectedOn: '2021-03-02' };
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    it('If-Match with the current version proceeds', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      const accepted = await act(api, 'mediations', id, 'accept', accept(), { 'if-match': '"1"' });
      expect(accepted.version).toBe(2);
      const session = await act(api, 'mediations', id, 'sessions', { heldOn: '2021-03-05' }, { 'if-match': `"${accepted.version}"` });
      expect(session.version).toBe(3);
      expect(await read(api, 'mediations', id)).toMatchObject({ status: 'in-session', version: 3 });
    });

    it('a stale If-Match is 409 CONCURRENCY.STALE_VERSION with the current version, and appends nothing', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      await act(api, 'mediations', id, 'accept', accept());
      for (const stale of ['"1"', '"3"', 'W/"1"']) {
        const reply = await refused(api, () =>
          api.post(`/api/v1/mediations/${id}/sessions`, { heldOn: '2021-03-05' }, { 'if-match': stale }),
        );
        expectProblem(reply, 409, 'CONCURRENCY.STALE_VERSION');
        expect(reply.body.currentVersion).toBe(2);
        expect(reply.headers['etag']).toBe('"2"');
      }
      // The version is checked before the lifecycle: a stale accept is stale, not "not registered".
      expectProblem(
        await refused(api, () => api.post(`/api/v1/mediations/${id}/accept`, accept(), { 'if-match': '"1"' })),
        409,
        'CONCURRENCY.STALE_VERSION',
      );
      expect((await read(api, 'mediations', id)).version).toBe(2);
    });

    it('two clients racing with the same If-Match (accept vs reject): exactly one 200, the other 409 with the current version', async () => {
      const { api } = t;
      for (let round = 0; round < 5; round++) {
        const id = await registerMediation(api, net);
        const before = await api.store.headPosition();
        const [a, r] = await Promise.all([
          api.post(`/api/v1/mediations/${id}/accept`, accept(), { 'if-match': '"1"' }),
          api.post(`/api/v1/mediations/${id}/reject`, reject, { 'if-match': '"1"' }),
        ]);
        expect([a.status, r.status].sort()).toEqual([200, 409]);
        const [winner, loser] = a.status === 200 ? [a, r] : [r, a];
        expect(winner.body).toEqual({ id, version: 2, position: before + 1 });
        expectProblem(loser, 409, 'CONCURRENCY.STALE_VERSION');
        expect(loser.body.currentVersion).toBe(2);
        expect(await api.store.headPosition()).toBe(before + 1);
        const state = await read(api, 'mediations', id);
        expect([state.status, state.version]).toEqual([winner === a ? 'accepted' : 'rejected', 2]);
        await expectHistory(
          api,
          'mediations',
          id,
          ['MediationRegistered', winner === a ? 'MediationAccepted' : 'MediationRejected'],
          net.villageId,
        );
      }
    });

    it('without If-Match the loser of a race is re-decided on the new state: a lifecycle 409, never a lost update', async () => {
      const { api } = t;
      for (let round = 0; round < 5; round++) {
        const id = await registerMediation(api, net);
        const [a, r] = await Promise.all([
          api.post(`/api/v1/mediations/${id}/accept`, accept()),
          api.post(`/api/v1/mediations/${id}/reject`, reject),
        ]);
        expect([a.status, r.status].sort()).toEqual([200, 409]);
        const loser = a.status === 200 ? r : a;
        expectProblem(loser, 409, a.status === 200 ? 'MEDIATION.NOT_REGISTERED' : 'MEDIATION.REJECTED');
        expect((await read(api, 'mediations', id)).version).toBe(2);
      }
    });

    it('concurrent sessions without If-Match are all recorded, one version each', async () => {
      const { api } = t;
      const id = await registerMediation(api, net);
      await act(api, 'mediations', id, 'accept', accept());
      const days = ['2021-03-03', '2021-03-04', '2021-03-05'];
      const replies = await Promise.all(days.map((heldOn) => api.post(`/api/v1/mediations/${id}/sessions`, { heldOn })));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(replies.map((r) => r.body.version).sort()).toEqual([3, 4, 5]);
      const state = await read(api, 'mediations', id);
      expect(state.version).toBe(5);
      expect([...state['sessions'].dates].sort()).toEqual(days);
    });
  });
});
