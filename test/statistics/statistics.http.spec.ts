/* GET /api/v1/stats/* through the whole API (Fastify inject; the live stream on
 * a real socket), on SQLite and on a PostgreSQL schema of its own. */
import { describeOn, startTestApi, STORE_KINDS, type TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { acceptedMediation, act, create, query, tree, type Tree } from './support/http';
import { messages } from '@test/support/event-stream';

const YEAR = { from: '2021-01-01', to: '2022-01-01' };

const AREAS = {
  mediation: [
    'accepted',
    'concluded',
    'succeeded',
    'terminated',
    'rejected',
    'successRate',
    'onTimeRate',
    'claimedAmountFen',
    'claimedAmountMissing',
    'agreedAmountFen',
    'personTimes',
  ],
  consultation: ['count', 'personsServed', 'referred'],
  hotline: ['offered', 'answered', 'answerRate', 'answeredWithin15s', 'missed', 'callbacksReached'],
  workOrder: ['created', 'replied', 'visited', 'satisfied', 'overdue'],
  lecture: ['held', 'attendees'],
};

describe.each(STORE_KINDS)('statistics over HTTP on %s', (kind) => {
  describeOn(kind)(kind, () => {
    let api: TestApi;
    let t: Tree;

    beforeAll(async () => {
      api = await startTestApi(kind);
      t = await tree(api);
    });
    afterAll(async () => {
      await api?.close();
    });

    const summary = (params: Record<string, string | number | undefined>) => api.get(`/api/v1/stats/summary?${query(params)}`);

    it('answers the summary of API.md, reading its own write with minPosition', async () => {
      const accepted = await acceptedMediation(api, t.village, '2021-03-01', { claimedAmountFen: 1_234_500 });
      const reply = await summary({ orgUnitId: t.city, ...YEAR, minPosition: accepted.position });
      expect(reply.status).toBe(200);
      const body = reply.body;
      expect(Object.keys(body).sort()).toEqual([
        'asOf',
        'consultation',
        'from',
        'hotline',
        'lecture',
        'mediation',
        'orgUnitId',
        'position',
        'to',
        'workOrder',
      ]);
      for (const [area, fields] of Object.entries(AREAS)) expect(Object.keys(body[area]).sort()).toEqual([...fields].sort());
      expect(body).toMatchObject({ orgUnitId: t.city, from: YEAR.from, to: YEAR.to, asOf: null });
      expect(body.position).toBeGreaterThanOrEqual(accepted.position);
      expect(body.mediation).toMatchObject({
        accepted: 1,
        claimedAmountFen: 1_234_500,
        claimedAmountMissing: 0,
        personTimes: 2,
        successRate: { value: 0, numerator: 0, denominator: 1, definition: 'reported' },
        onTimeRate: { value: null, numerator: 0, denominator: 0 },
      });
      expect(body.hotline.answerRate).toEqual({ value: null, numerator: 0, denominator: 0 });
    });

    it('counts an agreement on its effective date, with the chosen success-rate definition beside it', async () => {
      const accepted = await acceptedMediation(api, t.village, '2021-04-01');
      const agreed = await act(api, 'mediations', accepted.id, 'agreement', {
        form: 'written',
        effectiveOn: '2021-04-20',
        agreedAmountFen: 50_000,
      });
      const april = await summary({
        orgUnitId: t.east,
        from: '2021-04-01',
        to: '2021-05-01',
        successRate: 'concluded',
        minPosition: agreed.position,
      });
      expect(april.body.mediation).toMatchObject({
        accepted: 1,
        concluded: 1,
        succeeded: 1,
        agreedAmountFen: 50_000,
        claimedAmountMissing: 1,
        successRate: { value: 1, numerator: 1, denominator: 1, definition: 'concluded' },
        onTimeRate: { value: 1, numerator: 1, denominator: 1 },
      });
      const cohort = await summary({ orgUnitId: t.east, from: '2021-04-01', to: '2021-04-02', successRate: 'cohort' });
      expect(cohort.body.mediation.successRate).toEqual({ value: 1, numerator: 1, denominator: 1, definition: 'cohort' });
      const west = await summary({ orgUnitId: t.west, ...YEAR });
      expect(west.body.mediation.accepted).toBe(0);
    });

    it('breaks the summary down by direct child, and the groups sum to it', async () => {
      const reply = await api.get(`/api/v1/stats/breakdown?${query({ orgUnitId: t.city, ...YEAR, by: 'orgUnit' })}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ orgUnitId: t.city, by: 'orgUnit' });
      const groups = reply.body.groups as Array<{ key: string; mediation: { accepted: number } }>;
      expect(groups.map((g) => g.key)).toEqual([t.east]);
      const total = (await summary({ orgUnitId: t.city, ...YEAR })).body.mediation.accepted;
      expect(groups.reduce((n, g) => n + g.mediation.accepted, 0)).toBe(total);
    });

    it('lists the records behind a figure', async () => {
      const figure = (await summary({ orgUnitId: t.city, ...YEAR })).body.mediation.accepted;
      const reply = await api.get(`/api/v1/stats/records?${query({ orgUnitId: t.city, ...YEAR, metric: 'mediation.accepted' })}`);
      expect(reply.status).toBe(200);
      expect(reply.body.total).toBe(figure);
      expect(reply.body.items).toHaveLength(figure);
      expect(reply.body.items[0]).toEqual({
        recordType: 'mediation',
        recordId: expect.any(String),
        unitId: t.village,
        businessDay: '2021-03-01',
        category: '02',
        kind: 'people',
        source: 'application',
        amountFen: 1_234_500,
        count: 2,
      });
      // One breakdown cell: the accepted cases of March.
      const march = await api.get(
        `/api/v1/stats/records?${query({ orgUnitId: t.city, ...YEAR, metric: 'mediation.accepted', by: 'month', key: '2021-03' })}`,
      );
      expect(march.body).toMatchObject({ total: 1, items: [{ businessDay: '2021-03-01' }] });
      const noKind = await api.get(`/api/v1/stats/records?${query({ orgUnitId: t.city, ...YEAR, metric: 'mediation.accepted', by: 'kind', key: '' })}`);
      expect(noKind.body.total).toBe(0);
    });

    it('answers the backlog on a day', async () => {
      const reply = await api.get(`/api/v1/stats/backlog?${query({ orgUnitId: t.city, on: '2021-04-10' })}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ orgUnitId: t.city, on: '2021-04-10', open: { mediation: 2, workOrder: 0, consultation: 0 } });
      const later = await api.get(`/api/v1/stats/backlog?${query({ orgUnitId: t.city, on: '2021-04-20' })}`);
      expect(later.body.open.mediation).toBe(1);
    });

    it.each([
      ['no period', { orgUnitId: 'CITY' }, ['from', 'to']],
      ['a period ending before it starts', { orgUnitId: 'CITY', from: '2021-02-01', to: '2021-02-01' }, ['to']],
      ['a malformed date', { orgUnitId: 'CITY', from: '2021-02-30', to: '2021-03-01' }, ['from']],
      ['no unit', { ...YEAR }, ['orgUnitId']],
      ['an unknown unit', { orgUnitId: 'UNKNOWN', ...YEAR }, ['orgUnitId']],
      ['an unknown definition', { orgUnitId: 'CITY', ...YEAR, successRate: 'best' }, ['successRate']],
      ['an instant without offset', { orgUnitId: 'CITY', ...YEAR, asOf: '2021-06-30T12:00:00' }, ['asOf']],
      ['a parameter the endpoint does not define', { orgUnitId: 'CITY', ...YEAR, colour: 'red' }, ['colour']],
    ])('refuses %s with a 422 naming the field', async (_, params, fields) => {
      const values = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, v === 'CITY' ? t.city : v === 'UNKNOWN' ? randomUUID() : v]),
      ) as Record<string, string>;
      const reply = await summary(values);
      expect(reply.status).toBe(422);
      expect(String(reply.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(reply.body.code).toBe('STATS.INVALID_QUERY');
      expect((reply.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([...fields].sort());
    });

    it.each([
      ['breakdown', { by: 'weekday' }, ['by']],
      ['breakdown', {}, ['by']],
      ['records', { metric: 'mediation.happiness' }, ['metric']],
      ['records', { metric: 'mediation.accepted', pageSize: '0' }, ['pageSize']],
      ['records', { metric: 'mediation.accepted', key: '02' }, ['key']],
    ])('refuses a bad %s parameter with a 422', async (endpoint, params, fields) => {
      const reply = await api.get(`/api/v1/stats/${endpoint}?${query({ orgUnitId: t.city, ...YEAR, ...params })}`);
      expect(reply.status).toBe(422);
      expect((reply.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields);
    });

    it('refuses a backlog without its day', async () => {
      const reply = await api.get(`/api/v1/stats/backlog?${query({ orgUnitId: t.city })}`);
      expect(reply.status).toBe(422);
      expect(reply.body.errors).toEqual([{ field: 'on', message: expect.any(String) }]);
    });

    it('answers a consultation, a call, a work order and a lecture in their areas', async () => {
      const consultation = await create(api, 'consultations', {
        orgUnitId: t.village,
        channel: 'visit',
        receivedAt: '2021-05-10T09:00:00+08:00',
        personsServed: 3,
        category: '01',
      });
      await act(api, 'consultations', consultation.id, 'refer', { target: 'legal-aid', referredAt: '2021-05-11T09:00:00+08:00' });
      const call = await create(api, 'hotline-calls', {
        orgUnitId: t.city,
        offeredAt: '2021-05-10T10:00:00+08:00',
        answeredAt: '2021-05-10T10:00:10+08:00',
        endedAt: '2021-05-10T10:05:00+08:00',
        outcome: 'answered',
        class: 'complaint',
        category: '11',
      });
      const handed = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: t.east });
      const workOrderId = (handed as unknown as { workOrderId?: string }).workOrderId;
      const lecture = await create(api, 'lectures', { orgUnitId: t.west, plannedOn: '2021-05-12', topic: '民法典进村' });
      const held = await act(api, 'lectures', lecture.id, 'hold', { heldOn: '2021-05-12', attendees: 40 });
      const body = (await summary({ orgUnitId: t.city, from: '2021-05-01', to: '2021-06-01', minPosition: held.position })).body;
      expect(body.consultation).toEqual({ count: 1, personsServed: 3, referred: 1 });
      expect(body.hotline).toMatchObject({
        offered: 1,
        answered: 1,
        answeredWithin15s: 1,
        missed: 0,
        answerRate: { value: 1, numerator: 1, denominator: 1 },
      });
      expect(body.lecture).toEqual({ held: 1, attendees: 40 });
      expect(typeof workOrderId).toBe('string');
      const east = (await summary({ orgUnitId: t.east, from: '2000-01-01', to: '2100-01-01' })).body;
      expect(east.workOrder.created).toBe(1);
      const backlog = await api.get(`/api/v1/stats/backlog?${query({ orgUnitId: t.east, on: '2100-01-01' })}`);
      expect(backlog.body.open.workOrder).toBe(1);
    });

    it('streams the summary, then an updated one after a write (Server-Sent Events)', async () => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = api.app.getHttpServer().address() as AddressInfo;
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/stats/live?${query({ orgUnitId: t.west, ...YEAR })}`, {
        signal: abort.signal,
        headers: { authorization: `Bearer ${api.tokenFor(api.admin)}` },
      });
      try {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        const next = messages(res.body!);
        const first = await next();
        expect(first).toMatchObject({ orgUnitId: t.west, from: YEAR.from, to: YEAR.to });
        const before = first.mediation.accepted as number;
        await acceptedMediation(api, t.west, '2021-06-01');
        const second = await next();
        expect(second.mediation.accepted).toBe(before + 1);
        expect(second.position).toBeGreaterThan(first.position);
      } finally {
        abort.abort();
      }
    }, 20_000);

    it('refuses a live stream for an unknown unit before opening it', async () => {
      const reply = await api.get(`/api/v1/stats/live?${query({ orgUnitId: randomUUID() })}`);
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0].field).toBe('orgUnitId');
    });
  });
});
