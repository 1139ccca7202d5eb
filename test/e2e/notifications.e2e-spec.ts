/* In-app notifications over HTTP (GET /api/v1/notifications, POST …/:id/read,
 * GET …/live) on SQLite and PostgreSQL: derived from the events by the
 * `notifications` projection, the caller's own and their unit's only. Every
 * replied order is drawn for a satisfaction visit here (PLS_VISIT_SAMPLE_RATE=1). */
import type { Principal } from '@pls/identity';
import { startTestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { act, answeredCallBody, create, createNetwork, describeOn, expectProblem, mediationBody, missedCallBody, STORE_KINDS, uuid, type Network, type TestApi } from './fixtures';
import { messages } from '@test/support/event-stream';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('notifications over HTTP', () => {
    let api: TestApi;
    let net: Network;
    const user = (role: Principal['role'], orgUnitId: string | null): Principal => ({ id: uuid(), username: `u${randomUUID().slice(0, 6)}`, role, orgUnitId, sessionId: uuid() });
    const as = (principal: Principal) => ({ authorization: `Bearer ${api.tokenFor(principal)}` });
    let township: Principal;
    let townshipColleague: Principal;
    let hotline: Principal;
    let elsewhere: Principal;
    let mediator: Principal;

    beforeAll(async () => {
      api = await startTestApi(kind, { PLS_VISIT_SAMPLE_RATE: '1' });
      net = await createNetwork(api);
      township = user('worker', net.townshipId);
      townshipColleague = user('worker', net.townshipId);
      hotline = user('operator', net.cityId);
      elsewhere = user('worker', net.township2Id);
      mediator = user('worker', net.villageId);
    });
    afterAll(async () => api?.close());

    /** The caller's list once the notifications include `position`. */
    async function list(principal: Principal, position: number, query = '') {
      const reply = await api.get(`/api/v1/notifications?minPosition=${position}${query}`, as(principal));
      expect(reply.status).toBe(200);
      return reply.body as { items: Array<Record<string, any>>; unread: number; position: number };
    }
    const about = (items: Array<Record<string, any>>, recordId: string) => items.filter((n) => n.recordId === recordId);

    it('tells the unit a work order was assigned to, and no other unit', async () => {
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false });
      const workOrderId = handOver.body['workOrderId'] as string;
      const mine = about((await list(township, handOver.position)).items, workOrderId);
      expect(mine).toEqual([
        expect.objectContaining({ kind: 'assigned', recipientType: 'unit', recipientId: net.townshipId, recordType: 'work-order', recordId: workOrderId, read: false }),
      ]);
      expect(about((await list(elsewhere, handOver.position)).items, workOrderId)).toEqual([]);
      expect(about((await list(hotline, handOver.position)).items, workOrderId)).toEqual([]);
    });

    it('tells the unit of a supervision (督办), and the hotline unit that a reply is due for a visit (回访)', async () => {
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const workOrderId = (await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false })).body['workOrderId'] as string;
      const supervised = await act(api, 'work-orders', workOrderId, 'supervise', { reason: 'reply-overdue' });
      expect(about((await list(township, supervised.position)).items, workOrderId).map((n) => [n.kind, n.reason])).toEqual([
        ['supervised', 'reply-overdue'],
        ['assigned', null],
      ]);
      await act(api, 'work-orders', workOrderId, 'acknowledge', {});
      const replied = await act(api, 'work-orders', workOrderId, 'reply', { resultCode: 'resolved' });
      expect(about((await list(hotline, replied.position)).items, workOrderId)).toEqual([
        expect.objectContaining({ kind: 'visit-due', recipientType: 'unit', recipientId: net.cityId }),
      ]);
      expect(about((await list(township, replied.position)).items, workOrderId).map((n) => n.kind)).not.toContain('visit-due');
      // The visit is the hotline's: its overrun (督办 visit-overdue, as the deadline job appends it) goes there.
      const late = await act(api, 'work-orders', workOrderId, 'supervise', { reason: 'visit-overdue' });
      expect(about((await list(hotline, late.position)).items, workOrderId).map((n) => [n.kind, n.reason])).toEqual([
        ['supervised', 'visit-overdue'],
        ['visit-due', null],
      ]);
      expect(about((await list(township, late.position)).items, workOrderId).map((n) => n.reason)).not.toContain('visit-overdue');
    });

    it('tells mediators they were given a case, and the unit that a mediation or a callback is overdue', async () => {
      const mediationId = (await create(api, 'mediations', mediationBody(net))).id;
      const accepted = await act(api, 'mediations', mediationId, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [mediator.id] });
      expect(about((await list(mediator, accepted.position)).items, mediationId)).toEqual([
        expect.objectContaining({ kind: 'assigned', recipientType: 'user', recipientId: mediator.id, recordType: 'mediation' }),
      ]);
      // Another worker of the same village sees the unit's notices, not the mediator's own.
      expect(about((await list(user('worker', net.villageId), accepted.position)).items, mediationId)).toEqual([]);

      const overdue = await act(api, 'mediations', mediationId, 'overdue', { dueOn: '2021-04-01' });
      expect(about((await list(mediator, overdue.position)).items, mediationId).map((n) => [n.kind, n.recipientType, n.reason])).toEqual([
        ['overdue', 'unit', 'mediation-due'],
        ['assigned', 'user', null],
      ]);

      const missed = await create(api, 'hotline-calls', missedCallBody(net));
      const late = await act(api, 'hotline-calls', missed.id, 'callback-overdue', { dueAt: '2021-03-01T16:00:00.000Z' });
      expect(about((await list(hotline, late.position)).items, missed.id)).toEqual([
        expect.objectContaining({ kind: 'overdue', reason: 'callback', recordType: 'hotline-call', recipientId: net.cityId }),
      ]);
    });

    it("puts a work order assigned to a unit in that unit's queue (the case list), and takes it out when the unit returns it", async () => {
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.township2Id, urgent: false });
      const workOrderId = handOver.body['workOrderId'] as string;
      const queue = async (unit: string, position: number) => {
        const reply = await api.get(`/api/v1/cases?orgUnitId=${unit}&recordType=work-order&pageSize=200&minPosition=${position}`);
        expect(reply.status).toBe(200);
        return (reply.body.items as Array<Record<string, any>>).filter((c) => c.recordId === workOrderId);
      };
      expect(await queue(net.township2Id, handOver.position)).toEqual([expect.objectContaining({ unitId: net.township2Id, status: 'assigned', open: true })]);
      expect(await queue(net.townshipId, handOver.position)).toEqual([]);
      const returned = await act(api, 'work-orders', workOrderId, 'return', { reason: 'not-our-jurisdiction' });
      expect(await queue(net.township2Id, returned.position)).toEqual([]);
      expect(await queue(net.cityId, returned.position)).toEqual([expect.objectContaining({ unitId: net.cityId, status: 'returned' })]);
    });

    it('tells the target unit that a referred mediation arrived, once the referral reaction registered it', async () => {
      const consultation = await create(api, 'consultations', {
        orgUnitId: net.townshipId,
        channel: 'visit',
        receivedAt: '2021-03-01T10:00:00+08:00',
        personsServed: 1,
        category: '02',
      });
      const referred = await act(api, 'consultations', consultation.id, 'refer', {
        target: 'mediation',
        targetOrgUnitId: net.villageId,
        kind: 'people',
        parties: [
          { personId: net.personA, role: 'applicant' },
          { personId: net.personB, role: 'respondent' },
        ],
      });
      const mediationId = referred.body['mediationId'] as string;
      let notices: Array<Record<string, any>> = [];
      for (let attempt = 0; attempt < 200 && notices.length === 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        notices = about((await list(mediator, referred.position)).items, mediationId);
      }
      expect(notices).toEqual([expect.objectContaining({ kind: 'assigned', reason: 'referral', recipientType: 'unit', recipientId: net.villageId })]);
      expect(about((await list(township, referred.position)).items, mediationId)).toEqual([]);
    });

    it('marks read for the reader only; unread=true leaves it out; nobody else can mark it', async () => {
      const call = await create(api, 'hotline-calls', answeredCallBody(net));
      const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false });
      const workOrderId = handOver.body['workOrderId'] as string;
      const before = await list(township, handOver.position);
      const [notice] = about(before.items, workOrderId);

      expectProblem(await api.post(`/api/v1/notifications/${notice!.id}/read`, {}, as(elsewhere)), 404, 'NOTIFICATION.NOT_FOUND');
      const read = await api.post(`/api/v1/notifications/${notice!.id}/read`, {}, as(township));
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ id: notice!.id, read: true, unread: before.unread - 1 });
      // Again: still read, nothing changes.
      expect((await api.post(`/api/v1/notifications/${notice!.id}/read`, {}, as(township))).body.unread).toBe(before.unread - 1);

      const after = await list(township, handOver.position);
      expect(after.unread).toBe(before.unread - 1);
      expect(about(after.items, workOrderId)[0]!.read).toBe(true);
      expect(about((await list(township, handOver.position, '&unread=true')).items, workOrderId)).toEqual([]);
      expect(about((await list(township, handOver.position, '&unread=false')).items, workOrderId)).toHaveLength(1);
      // A colleague of the same unit has not read it.
      expect(about((await list(townshipColleague, handOver.position, '&unread=true')).items, workOrderId)).toHaveLength(1);
    });

    it('refuses bad parameters and an unsigned caller', async () => {
      const bad = await api.get('/api/v1/notifications?unread=maybe&limit=0&org=1', as(township));
      expectProblem(bad, 422, 'VALIDATION.FAILED');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'org', 'unread']);
      expect((await api.get('/api/v1/notifications', { authorization: '' })).status).toBe(401);
      expect((await api.get('/api/v1/notifications/live', { authorization: '' })).status).toBe(401);
    });

    it('pushes the unread count, then each new notification of the caller, live (Server-Sent Events)', async () => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = api.app.getHttpServer().address() as AddressInfo;
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/live`, { signal: abort.signal, headers: as(township) });
      try {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        const next = messages(res.body!);
        const first = await next();
        expect(first.notifications).toEqual([]);
        const unread = first.unread as number;

        // Another unit's work order: nothing for this caller. Then one for the caller's unit.
        const other = await create(api, 'hotline-calls', answeredCallBody(net));
        const otherOrder = (await act(api, 'hotline-calls', other.id, 'work-order', { assignToOrgUnitId: net.township2Id, urgent: false })).body['workOrderId'];
        const call = await create(api, 'hotline-calls', answeredCallBody(net));
        const workOrderId = (await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false })).body['workOrderId'];
        const pushed: Array<Record<string, any>> = [];
        let last = first;
        while (!pushed.some((n) => n.recordId === workOrderId)) {
          last = await next();
          pushed.push(...(last.notifications as Array<Record<string, any>>));
        }
        expect(pushed.map((n) => n.recordId)).not.toContain(otherOrder);
        expect(pushed.find((n) => n.recordId === workOrderId)).toMatchObject({ kind: 'assigned', recipientId: net.townshipId, read: false });
        expect(last.unread).toBe(unread + pushed.length);
      } finally {
        abort.abort();
      }
    }, 20_000);
  });
});
