import {
  act,
  answeredCallBody,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  handedOverCall,
  read,
  refused,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
} from './fixtures';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('work-orders over HTTP', () => {
    const t = useApi(kind);
    let net: Network;
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    it('return → assign → acknowledge → reply → visit unsatisfied → reopen → assign → acknowledge → reply → visit satisfied → close', async () => {
      const { api } = t;
      const { callId, workOrderId: id } = await handedOverCall(api, net);
      const post = (action: string, body: Record<string, unknown> = {}) =>
        refused(api, () => api.post(`/api/v1/work-orders/${id}/${action}`, body));

      // The hand-over creates the order already assigned to the chosen unit (转办 in one decision),
      // so it does not wait for an `assign`.
      expect(await read(api, 'work-orders', id)).toMatchObject({ status: 'assigned', version: 2, callId, orgUnitId: net.townshipId });
      expectProblem(await post('assign', { orgUnitId: net.township2Id }), 409, 'WORK_ORDER.NOT_AWAITING_ASSIGNMENT');

      const steps: Array<[string, Record<string, unknown>, string, string]> = [
        // A unit gives an order back before it acknowledges it (DOMAIN.md: assigned → returned → assigned).
        ['return', { reason: 'not-our-jurisdiction' }, 'returned', net.cityId],
        ['assign', { orgUnitId: net.township2Id }, 'assigned', net.township2Id],
        ['acknowledge', {}, 'acknowledged', net.township2Id],
        ['reply', { resultCode: 'explained' }, 'replied', net.township2Id],
        ['visit', { satisfaction: 'unsatisfied' }, 'visited', net.township2Id],
        ['reopen', {}, 'reopened', net.cityId],
        ['assign', { orgUnitId: net.townshipId }, 'assigned', net.townshipId],
        ['acknowledge', {}, 'acknowledged', net.townshipId],
        ['reply', { resultCode: 'resolved' }, 'replied', net.townshipId],
        ['visit', { satisfaction: 'satisfied' }, 'visited', net.townshipId],
        ['close', {}, 'closed', net.townshipId],
      ];
      let version = 2;
      for (const [action, body, status, orgUnitId] of steps) {
        if (action === 'reopen') {
          // An unsatisfied rating is followed up by reopening, never closed on.
          expectProblem(await post('close'), 409, 'WORK_ORDER.UNSATISFIED');
        }
        if (action === 'reply') {
          // Only an acknowledged order is replied to; once acknowledged it can no longer be returned.
          expectProblem(await post('return', { reason: 'other' }), 409, 'WORK_ORDER.NOT_ASSIGNED');
        }
        const written = await act(api, 'work-orders', id, action, body);
        version += 1;
        expect(written.version).toBe(version);
        expect(await read(api, 'work-orders', id)).toMatchObject({ status, version, orgUnitId });
      }

      const state = await read(api, 'work-orders', id);
      expect(state).toMatchObject({ satisfaction: 'satisfied', closedWithoutVisit: false, replyResult: 'resolved' });
      expect(state['assignments'].map((a: { orgUnitId: string }) => a.orgUnitId)).toEqual([
        net.townshipId,
        net.township2Id,
        net.townshipId,
      ]);
      expect(state['returns']).toEqual([expect.objectContaining({ fromOrgUnitId: net.townshipId, reason: 'not-our-jurisdiction' })]);
      expect(state['visits'].map((v: { satisfaction: string }) => v.satisfaction)).toEqual(['unsatisfied', 'satisfied']);
      expect(state['reopenings']).toHaveLength(1);

      await expectHistory(
        api,
        'work-orders',
        id,
        [
          'WorkOrderCreated',
          'WorkOrderAssigned',
          'WorkOrderReturned',
          'WorkOrderAssigned',
          'WorkOrderAcknowledged',
          'WorkOrderReplied',
          'WorkOrderVisited',
          'WorkOrderReopened',
          'WorkOrderAssigned',
          'WorkOrderAcknowledged',
          'WorkOrderReplied',
          'WorkOrderVisited',
          'WorkOrderClosed',
        ],
        // The events name the unit responsible once the command is done.
        [net.townshipId, net.townshipId, ...steps.map(([, , , unit]) => unit)],
      );
      expectProblem(await post('acknowledge'), 409, 'WORK_ORDER.CLOSED');
    });

    it('closes a replied order without a visit, and says so', async () => {
      const { api } = t;
      const { workOrderId: id } = await handedOverCall(api, net);
      await act(api, 'work-orders', id, 'acknowledge');
      await act(api, 'work-orders', id, 'extend', { workingDays: 15 });
      await act(api, 'work-orders', id, 'reply', {});
      await act(api, 'work-orders', id, 'close', {});
      expect(await read(api, 'work-orders', id)).toMatchObject({
        status: 'closed',
        version: 6,
        closedWithoutVisit: true,
        replyLimitWorkingDays: 15,
      });
    });

    it('refuses what the lifecycle or the schema does not allow, appending nothing', async () => {
      const { api } = t;
      const { callId, workOrderId: id } = await handedOverCall(api, net);
      const post = (action: string, body: Record<string, unknown> = {}) =>
        refused(api, () => api.post(`/api/v1/work-orders/${id}/${action}`, body));

      expectProblem(await post('reply'), 409, 'WORK_ORDER.NOT_ACKNOWLEDGED');
      expectProblem(await post('visit', { satisfaction: 'satisfied' }), 409, 'WORK_ORDER.NOT_REPLIED');
      expectProblem(await post('reopen'), 409, 'WORK_ORDER.NOT_UNSATISFIED');
      expectInvalid(await post('visit', { satisfaction: 'happy' }), ['satisfaction']);
      expectInvalid(await post('return', { reason: 'other', note: '不是我们的' }), ['note']);
      expectInvalid(await post('acknowledge', { at: '2020-01-01T00:00:00+08:00' }), ['at'], 'WORK_ORDER.BEFORE_PREVIOUS_STEP');
      expectInvalid(await post('extend', { workingDays: 16 }), ['workingDays']);

      await act(api, 'work-orders', id, 'return', { reason: 'insufficient-information' });
      expectInvalid(await post('assign', { orgUnitId: uuid() }), ['orgUnitId'], 'REFERENCE.NOT_FOUND');
      expectInvalid(await post('assign', {}), ['orgUnitId']);

      // Work orders are born of a call's hand-over, never on their own.
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const direct = await refused(api, () =>
        api.post('/api/v1/work-orders', {
          callId: call.id,
          orgUnitId: net.cityId,
          assignToOrgUnitId: net.townshipId,
          urgent: false,
          class: 'complaint',
          createdAt: '2021-03-01T10:00:00+08:00',
        }),
      );
      expectProblem(direct, 409, 'WORK_ORDER.NOT_HANDED_OVER');
      const duplicate = await refused(api, () =>
        api.post('/api/v1/work-orders', {
          id,
          callId,
          orgUnitId: net.cityId,
          assignToOrgUnitId: net.townshipId,
          urgent: false,
          class: 'complaint',
          createdAt: '2021-03-01T10:00:00+08:00',
        }),
      );
      expectProblem(duplicate, 409, 'WORK_ORDER.ALREADY_EXISTS');

      expectProblem(await refused(api, () => api.post(`/api/v1/work-orders/${uuid()}/acknowledge`, {})), 404, 'WORK_ORDER.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/work-orders/${uuid()}/history`), 404, 'RECORD.NOT_FOUND');
    });
  });
});
