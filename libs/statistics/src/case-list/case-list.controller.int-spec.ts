import { describeOn, startTestApi, STORE_KINDS, type Reply, type TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';

/* GET /api/v1/cases over HTTP: records are created through the API, then listed
 * with `minPosition` (read-your-writes). */

interface Written {
  id: string;
  position: number;
}

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('GET /api/v1/cases', () => {
    let api: TestApi;
    let last = 0;
    const net = { city: '', townA: '', townB: '', v1: '', v2: '', v3: '' };
    const rec = { m1: '', m2: '', m3: '', call: '', consultation: '', lecture: '', workOrder: '' };
    const MEDIATOR = randomUUID();

    const write = async (reply: Reply): Promise<Written> => {
      expect([200, 201]).toContain(reply.status);
      last = Math.max(last, reply.body.position as number);
      return { id: reply.body.id as string, position: reply.body.position as number };
    };
    const create = async (collection: string, body: Record<string, unknown>) => write(await api.post(`/api/v1/${collection}`, body));
    const act = async (collection: string, id: string, action: string, body: Record<string, unknown> = {}) => {
      const reply = await api.post(`/api/v1/${collection}/${id}/${action}`, body);
      await write(reply);
      return reply.body as Record<string, unknown>;
    };
    const cases = (query: string) => api.get(`/api/v1/cases?${query}&minPosition=${last}`);
    const ids = (reply: Reply) => {
      expect(reply.status).toBe(200);
      return (reply.body.items as Array<{ recordId: string }>).map((i) => i.recordId);
    };

    beforeAll(async () => {
      api = await startTestApi(kind);
      net.city = (await create('org-units', { name: '云川市', level: 'city', parentId: null })).id;
      net.townA = (await create('org-units', { name: '东镇', level: 'township', parentId: net.city })).id;
      net.townB = (await create('org-units', { name: '西镇', level: 'township', parentId: net.city })).id;
      net.v1 = (await create('org-units', { name: '东一村', level: 'village', parentId: net.townA })).id;
      net.v2 = (await create('org-units', { name: '东二村', level: 'village', parentId: net.townA })).id;
      net.v3 = (await create('org-units', { name: '西一村', level: 'village', parentId: net.townB })).id;
      const personA = (await api.post('/api/v1/persons', { name: '张三', phone: '13812341234' })).body.id as string;
      const personB = (await api.post('/api/v1/persons', { name: '李四' })).body.id as string;
      const mediationBody = (orgUnitId: string, registeredOn: string) => ({
        orgUnitId,
        kind: 'people',
        source: 'application',
        category: '02',
        parties: [
          { personId: personA, role: 'applicant' },
          { personId: personB, role: 'respondent' },
        ],
        claimedAmountFen: 1_250_000,
        registeredOn,
      });
      rec.m1 = (await create('mediations', mediationBody(net.v1, '2021-03-01'))).id;
      await act('mediations', rec.m1, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR] });
      rec.m2 = (await create('mediations', mediationBody(net.v2, '2021-03-05'))).id;
      rec.m3 = (await create('mediations', mediationBody(net.v3, '2021-03-06'))).id;
      rec.call = (
        await create('hotline-calls', {
          orgUnitId: net.city,
          offeredAt: '2021-03-01T22:10:00+08:00',
          endedAt: '2021-03-01T22:10:40+08:00',
          outcome: 'missed',
          callerPersonId: personB,
          class: 'consultation',
        })
      ).id;
      rec.consultation = (
        await create('consultations', {
          orgUnitId: net.v1,
          channel: 'visit',
          receivedAt: '2021-03-01T10:00:00+08:00',
          personsServed: 2,
          category: '10',
          personId: personA,
        })
      ).id;
      rec.lecture = (await create('lectures', { orgUnitId: net.v1, plannedOn: '2021-05-20', topic: '民法典进村入户' })).id;
      const answered = await create('hotline-calls', {
        orgUnitId: net.city,
        offeredAt: '2021-03-01T09:00:00+08:00',
        answeredAt: '2021-03-01T09:00:08+08:00',
        endedAt: '2021-03-01T09:06:00+08:00',
        outcome: 'answered',
        callerPersonId: personA,
        class: 'complaint',
        category: '11',
      });
      rec.workOrder = (await act('hotline-calls', answered.id, 'work-order', { assignToOrgUnitId: net.v1, urgent: false }))['workOrderId'] as string;
      // The hand-over answers the call's position; the work order's own events (a follow-up) come after it.
      const history = await api.get(`/api/v1/work-orders/${rec.workOrder}/history`);
      last = Math.max(last, ...(history.body.events as Array<{ position: number }>).map((e) => e.position));
    });
    afterAll(() => api?.close());

    it('sees what was just written (minPosition), overdue first, with summary fields only', async () => {
      const reply = await cases(`orgUnitId=${net.v1}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expect.objectContaining({ total: 4, page: 1, pageSize: 50, position: expect.any(Number) }));
      expect(reply.body.position).toBeGreaterThanOrEqual(last);
      // Both dated records are past due by now; the work order was created today (the hand-over's instant).
      expect(ids(reply)).toEqual([rec.m1, rec.lecture, rec.consultation, rec.workOrder]);
      expect(reply.body.items[0]).toEqual({
        recordType: 'mediation',
        recordId: rec.m1,
        unitId: net.v1,
        status: 'accepted',
        assigneeIds: [MEDIATOR],
        category: '02',
        kind: 'people',
        openedOn: '2021-03-01',
        dueOn: '2021-04-01',
        overdue: true,
        concludedOn: null,
        open: true,
        supervised: 0,
      });
      expect(reply.body.items.map((i: { recordType: string; status: string }) => [i.recordType, i.status])).toEqual([
        ['mediation', 'accepted'],
        ['lecture', 'planned'],
        ['consultation', 'opened'],
        ['work-order', 'assigned'],
      ]);
      const text = JSON.stringify(reply.body);
      for (const personal of ['张三', '李四', '13812341234', '民法典']) expect(text).not.toContain(personal);
    });

    it("gives a village worker her village's cases and nothing from the other villages", async () => {
      const v2 = ids(await cases(`orgUnitId=${net.v2}`));
      expect(v2).toEqual([rec.m2]);
      const townA = ids(await cases(`orgUnitId=${net.townA}&recordType=mediation`));
      expect(townA).toEqual([rec.m1, rec.m2]);
      const city = ids(await cases(`orgUnitId=${net.city}&pageSize=200`));
      expect(new Set(city)).toEqual(new Set(Object.values(rec)));
      expect(city).not.toContain(undefined);
    });

    it('filters by assignee, status, open and overdueOn, and pages', async () => {
      expect(ids(await cases(`orgUnitId=${net.city}&assigneeId=${MEDIATOR}`))).toEqual([rec.m1]);
      expect(ids(await cases(`orgUnitId=${net.city}&status=registered&sort=opened`))).toEqual([rec.m3, rec.m2]);
      expect(ids(await cases(`orgUnitId=${net.city}&overdueOn=2021-03-02`))).toEqual([rec.call]);
      const page2 = await cases(`orgUnitId=${net.city}&pageSize=3&page=2`);
      expect(page2.body).toEqual(expect.objectContaining({ total: 7, page: 2, pageSize: 3 }));
      expect(ids(page2)).toHaveLength(3);

      await act('consultations', rec.consultation, 'answer', { answeredAt: '2021-03-01T11:00:00+08:00' });
      expect(ids(await cases(`orgUnitId=${net.v1}`))).not.toContain(rec.consultation);
      const closed = await cases(`orgUnitId=${net.v1}&open=false`);
      expect(closed.body.items).toEqual([expect.objectContaining({ recordId: rec.consultation, status: 'answered', open: false, concludedOn: '2021-03-01' })]);
    });

    it('refuses unknown parameters and bad values with a 422 naming each field', async () => {
      const unknown = await api.get(`/api/v1/cases?orgUnitId=${net.v1}&q=张三`);
      expect(unknown.status).toBe(422);
      expect(String(unknown.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toEqual(expect.objectContaining({ status: 422, code: 'VALIDATION.FAILED', errors: [expect.objectContaining({ field: 'q' })] }));

      const bad = await api.get(`/api/v1/cases?recordType=appeal&open=yes&pageSize=201&sort=name&overdueOn=2021-13-01`);
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['open', 'orgUnitId', 'overdueOn', 'pageSize', 'recordType', 'sort']);

      const twice = await api.get(`/api/v1/cases?orgUnitId=${net.v1}&orgUnitId=${net.v2}`);
      expect(twice.status).toBe(422);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'orgUnitId' })]);
    });

    it('refuses an org unit it does not know with a 422 naming orgUnitId', async () => {
      const reply = await api.get(`/api/v1/cases?orgUnitId=${randomUUID()}`);
      expect(reply.status).toBe(422);
      expect(reply.body).toEqual(expect.objectContaining({ code: 'REFERENCE.NOT_FOUND', errors: [expect.objectContaining({ field: 'orgUnitId' })] }));
    });

    // Last: it moves v1 for good.
    it("moves a village's cases to its new township (the tree as it stands now)", async () => {
      await act('org-units', net.v1, 'move', { parentId: net.townB, effectiveOn: '2021-06-01' });
      const townB = ids(await cases(`orgUnitId=${net.townB}&open=all`));
      expect(new Set(townB)).toEqual(new Set([rec.m1, rec.lecture, rec.workOrder, rec.consultation, rec.m3]));
      expect(ids(await cases(`orgUnitId=${net.townA}&open=all`))).toEqual([rec.m2]);
    });
  });
});
