import {
  act,
  answeredCallBody,
  closedVillage,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  missedCallBody,
  read,
  refused,
  STORE_KINDS,
  useApi,
  uuid,
  UUID_RE,
  type Network,
} from './fixtures';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('hotline-calls over HTTP', () => {
    const t = useApi(kind);
    let net: Network;
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    describe('lifecycles', () => {
      it('an answered call, closed without a work order', async () => {
        const { api } = t;
        const call = await create(api, 'hotline-calls', answeredCallBody(net));
        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({
          status: 'answered',
          version: 1,
          orgUnitId: net.cityId,
          outcome: 'answered',
          class: 'complaint',
          category: '11',
          callerPersonId: net.personA,
          offeredOn: '2021-03-01',
          waitSeconds: 8,
          talkSeconds: 352,
          workOrderId: null,
        });
        const closed = await act(api, 'hotline-calls', call.id, 'close', { at: '2021-03-01T09:10:00+08:00' });
        expect(closed.version).toBe(2);
        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({
          status: 'closed',
          version: 2,
          closedAt: '2021-03-01T09:10:00+08:00',
        });
        await expectHistory(api, 'hotline-calls', call.id, ['HotlineCallLogged', 'HotlineCallClosed'], net.cityId);
      });

      it('a missed call → callback not reached → callback reached', async () => {
        const { api } = t;
        const call = await create(api, 'hotline-calls', missedCallBody(net));
        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({
          status: 'missed',
          answeredAt: null,
          waitSeconds: 40,
          talkSeconds: 0,
        });

        await act(api, 'hotline-calls', call.id, 'callback', { at: '2021-03-02T08:30:00+08:00', reached: false });
        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({ status: 'callback-attempted', version: 2, reachedAt: null });

        const reached = await act(api, 'hotline-calls', call.id, 'callback', { at: '2021-03-02T10:00:00+08:00', reached: true });
        expect(reached.version).toBe(3);
        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({
          status: 'reached',
          version: 3,
          reachedAt: '2021-03-02T10:00:00+08:00',
          callbacks: [
            { at: '2021-03-02T08:30:00+08:00', reached: false },
            { at: '2021-03-02T10:00:00+08:00', reached: true },
          ],
        });
        const events = await expectHistory(
          api,
          'hotline-calls',
          call.id,
          ['HotlineCallLogged', 'HotlineCallbackAttempted', 'HotlineCallbackAttempted'],
          net.cityId,
        );
        // Callbacks count on the call's own day.
        expect(events.slice(1).map((e) => e.data['offeredOn'])).toEqual(['2021-03-01', '2021-03-01']);

        const again = await refused(api, () =>
          api.post(`/api/v1/hotline-calls/${call.id}/callback`, { at: '2021-03-02T11:00:00+08:00', reached: true }),
        );
        expectProblem(again, 409, 'HOTLINE.ALREADY_REACHED');
      });

      it('an answered call handed over: the answer names the work order, which exists at the chosen unit', async () => {
        const { api } = t;
        const call = await create(api, 'hotline-calls', answeredCallBody(net));
        const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: true });
        expect(handOver.version).toBe(2);
        const workOrderId = handOver.body['workOrderId'] as string;
        expect(workOrderId).toMatch(UUID_RE);

        expect(await read(api, 'hotline-calls', call.id)).toMatchObject({
          status: 'work-order-created',
          version: 2,
          workOrderId,
          handedOverTo: net.townshipId,
          urgent: true,
        });
        expect(await read(api, 'work-orders', workOrderId)).toMatchObject({
          status: 'assigned',
          version: 2,
          callId: call.id,
          orgUnitId: net.townshipId,
          hotlineOrgUnitId: net.cityId,
          class: 'complaint',
          category: '11',
          urgent: true,
        });
        await expectHistory(api, 'hotline-calls', call.id, ['HotlineCallLogged', 'HotlineCallHandedOver'], net.cityId);
        await expectHistory(api, 'work-orders', workOrderId, ['WorkOrderCreated', 'WorkOrderAssigned'], net.townshipId);

        const twice = await refused(api, () =>
          api.post(`/api/v1/hotline-calls/${call.id}/work-order`, { assignToOrgUnitId: net.township2Id, urgent: false }),
        );
        expectProblem(twice, 409, 'HOTLINE.ALREADY_HANDED_OVER');
      });

      // API.md: "`position` is the global log position of the last event appended". The
      // hand-over appends the call's event and then the work order's two events; a client that
      // waits for `minPosition=<position>` must see the work order too.
      it("answers a hand-over with the position of the last event it appended (the work order's)", async () => {
        const { api } = t;
        const call = await create(api, 'hotline-calls', answeredCallBody(net));
        const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false });
        const history = (await api.get(`/api/v1/work-orders/${handOver.body['workOrderId']}/history`)).body.events as Array<{
          position: number;
        }>;
        expect(handOver.position).toBe(Math.max(...history.map((e) => e.position)));
        expect(handOver.position).toBe(await api.store.headPosition());
      });
    });

    describe('refusals append nothing', () => {
      const log = (body: Record<string, unknown>) => refused(t.api, () => t.api.post('/api/v1/hotline-calls', body));

      it('fields the schema refuses, named', async () => {
        expectInvalid(await log({ ...answeredCallBody(net), callerPhone: '13812341234' }), ['callerPhone']);
        expectInvalid(await log(answeredCallBody(net, { offeredAt: '2021-03-01T09:00:00' })), ['offeredAt']);
        expectInvalid(await log(answeredCallBody(net, { offeredAt: '2021-02-30T09:00:00+08:00' })), ['offeredAt']);
        expectInvalid(await log(answeredCallBody(net, { outcome: 'dropped', class: 'praise', category: '00' })), [
          'outcome',
          'class',
          'category',
        ]);
        expectInvalid(await log({}), ['orgUnitId', 'offeredAt', 'endedAt', 'outcome', 'class']);
      });

      it('values the decision refuses, named', async () => {
        expectInvalid(
          await log(missedCallBody(net, { answeredAt: '2021-03-01T22:10:05+08:00' })),
          ['answeredAt'],
          'HOTLINE.ANSWERED_AT_NOT_ALLOWED',
        );
        expectInvalid(await log(answeredCallBody(net, { answeredAt: undefined })), ['answeredAt'], 'HOTLINE.ANSWERED_AT_REQUIRED');
        expectInvalid(
          await log(answeredCallBody(net, { endedAt: '2021-03-01T08:59:00+08:00' })),
          ['endedAt'],
          'HOTLINE.ENDED_BEFORE_START',
        );
      });

      it('unknown references (422) and a closed unit (409)', async () => {
        expectInvalid(await log(answeredCallBody(net, { orgUnitId: uuid() })), ['orgUnitId'], 'REFERENCE.NOT_FOUND');
        expectInvalid(await log(answeredCallBody(net, { callerPersonId: uuid() })), ['callerPersonId'], 'REFERENCE.NOT_FOUND');
        expectProblem(await log(answeredCallBody(net, { orgUnitId: await closedVillage(t.api, net) })), 409, 'ORG.UNIT_CLOSED');
      });

      it('transitions the lifecycle does not allow', async () => {
        const { api } = t;
        const answered = await create(api, 'hotline-calls', answeredCallBody(net));
        const missed = await create(api, 'hotline-calls', missedCallBody(net));
        expectProblem(
          await refused(api, () =>
            api.post(`/api/v1/hotline-calls/${answered.id}/callback`, { at: '2021-03-02T08:00:00+08:00', reached: true }),
          ),
          409,
          'HOTLINE.NOT_MISSED',
        );
        expectProblem(
          await refused(api, () =>
            api.post(`/api/v1/hotline-calls/${missed.id}/work-order`, { assignToOrgUnitId: net.townshipId, urgent: false }),
          ),
          409,
          'HOTLINE.NOT_ANSWERED',
        );
        expectInvalid(
          await refused(api, () =>
            api.post(`/api/v1/hotline-calls/${missed.id}/callback`, { at: '2021-03-01T22:00:00+08:00', reached: true }),
          ),
          ['at'],
          'HOTLINE.CALLBACK_BEFORE_OFFERED',
        );
        expectInvalid(await refused(api, () => api.post(`/api/v1/hotline-calls/${missed.id}/callback`, { reached: 'yes' })), [
          'at',
          'reached',
        ]);
        expectInvalid(
          await refused(api, () =>
            api.post(`/api/v1/hotline-calls/${answered.id}/work-order`, { assignToOrgUnitId: uuid(), urgent: false }),
          ),
          ['assignToOrgUnitId'],
          'REFERENCE.NOT_FOUND',
        );
        const closed = await closedVillage(api, net);
        expectProblem(
          await refused(api, () =>
            api.post(`/api/v1/hotline-calls/${answered.id}/work-order`, { assignToOrgUnitId: closed, urgent: false }),
          ),
          409,
          'ORG.UNIT_CLOSED',
        );
        expectProblem(await refused(api, () => api.post(`/api/v1/hotline-calls/${uuid()}/close`, {})), 404, 'HOTLINE.NOT_FOUND');
        expectProblem(await api.get(`/api/v1/hotline-calls/${uuid()}`), 404, 'RECORD.NOT_FOUND');
      });
    });
  });
});
