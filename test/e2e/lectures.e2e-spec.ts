import {
  act,
  closedVillage,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  lectureBody,
  read,
  refused,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
} from './fixtures';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('lectures over HTTP', () => {
    const t = useApi(kind);
    let net: Network;
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    it('plan → hold', async () => {
      const { api } = t;
      const planned = await create(api, 'lectures', lectureBody(net));
      expect(await read(api, 'lectures', planned.id)).toMatchObject({
        status: 'planned',
        version: 1,
        orgUnitId: net.villageId,
        plannedOn: '2021-05-20',
        topic: '民法典进村入户',
        heldOn: null,
        attendees: null,
      });
      const held = await act(api, 'lectures', planned.id, 'hold', { heldOn: '2021-05-21', attendees: 86 });
      expect(held.version).toBe(2);
      expect(held.position).toBeGreaterThan(planned.position);
      expect(await read(api, 'lectures', planned.id)).toMatchObject({ status: 'held', version: 2, heldOn: '2021-05-21', attendees: 86 });
      const events = await expectHistory(api, 'lectures', planned.id, ['LecturePlanned', 'LectureHeld'], net.villageId);
      expect(events[1]!.data).toEqual({ lectureId: planned.id, orgUnitId: net.villageId, heldOn: '2021-05-21', attendees: 86 });
    });

    it('plan → cancel', async () => {
      const { api } = t;
      const planned = await create(api, 'lectures', lectureBody(net, { orgUnitId: net.townshipId }));
      await act(api, 'lectures', planned.id, 'cancel', {});
      expect(await read(api, 'lectures', planned.id)).toMatchObject({ status: 'cancelled', version: 2, cancelReason: null });
      await expectHistory(api, 'lectures', planned.id, ['LecturePlanned', 'LectureCancelled'], net.townshipId);
    });

    it('refuses, appending nothing', async () => {
      const { api } = t;
      const plan = (body: Record<string, unknown>) => refused(api, () => api.post('/api/v1/lectures', body));
      expectInvalid(await plan({ ...lectureBody(net), speaker: '李律师' }), ['speaker']);
      expectInvalid(await plan(lectureBody(net, { topic: '   ', plannedOn: '2021-06-31' })), ['topic', 'plannedOn']);
      expectInvalid(await plan(lectureBody(net, { orgUnitId: uuid() })), ['orgUnitId'], 'REFERENCE.NOT_FOUND');
      expectProblem(await plan(lectureBody(net, { orgUnitId: await closedVillage(api, net) })), 409, 'ORG.UNIT_CLOSED');

      const { id } = await create(api, 'lectures', lectureBody(net));
      const hold = (body: Record<string, unknown>) => refused(api, () => api.post(`/api/v1/lectures/${id}/hold`, body));
      expectInvalid(await hold({ heldOn: '2021-05-21', attendees: -1 }), ['attendees']);
      expectInvalid(await hold({ heldOn: '2021-05-21', attendees: 12.5 }), ['attendees']);
      // Only a past (or today's) lecture is recorded as held.
      expectInvalid(await hold({ heldOn: '2100-01-01', attendees: 10 }), ['heldOn'], 'OUTREACH.HELD_IN_FUTURE');

      await act(api, 'lectures', id, 'hold', { heldOn: '2021-05-21', attendees: 40 });
      expectProblem(await hold({ heldOn: '2021-05-22', attendees: 41 }), 409, 'OUTREACH.ALREADY_HELD');
      expectProblem(await refused(api, () => api.post(`/api/v1/lectures/${id}/cancel`, {})), 409, 'OUTREACH.ALREADY_HELD');
      expectProblem(await refused(api, () => api.post(`/api/v1/lectures/${uuid()}/cancel`, {})), 404, 'OUTREACH.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/lectures/${uuid()}`), 404, 'RECORD.NOT_FOUND');
    });
  });
});
