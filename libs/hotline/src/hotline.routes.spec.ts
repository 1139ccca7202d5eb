import { deterministicId, DomainError } from '@pls/event-sourcing';
import { hotlineRoutes, hotlineViews } from './index';
import { ids, T } from './testing/fixtures';
import { RouteHarness } from './testing/route-harness';

const c = (n: number) => `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const answeredCall = {
  orgUnitId: ids.city,
  offeredAt: T.offered,
  answeredAt: T.answered,
  endedAt: T.ended,
  outcome: 'answered',
  callerPersonId: ids.caller,
  class: 'complaint',
  category: '10',
  operatorId: ids.operator,
};

async function refusal(run: Promise<unknown>): Promise<DomainError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}

describe('hotline routes', () => {
  it('mount one route per API action, each collection with one create', () => {
    const actions = hotlineRoutes.map((r) => `${r.collection} ${r.action ?? '(create)'}`);
    expect(actions).toEqual([
      'hotline-calls (create)',
      'hotline-calls callback',
      'hotline-calls work-order',
      'hotline-calls close',
      'hotline-calls callback-overdue',
      'work-orders (create)',
      'work-orders assign',
      'work-orders acknowledge',
      'work-orders return',
      'work-orders extend',
      'work-orders reply',
      'work-orders visit',
      'work-orders reopen',
      'work-orders close',
      'work-orders supervise',
    ]);
    expect(new Set(hotlineRoutes.map((r) => r.name)).size).toBe(hotlineRoutes.length);
  });

  it('give every body a closed object schema', () => {
    for (const route of hotlineRoutes) {
      expect(route.body).toMatchObject({ type: 'object', additionalProperties: false });
      const { properties, required } = route.body as { properties: Record<string, unknown>; required: string[] };
      expect(required.filter((k) => !(k in properties))).toEqual([]);
    }
  });

  describe('a call handed over to a work order', () => {
    let harness: RouteHarness;
    beforeEach(async () => {
      harness = new RouteHarness(hotlineRoutes, hotlineViews);
      await harness.post('hotline-calls', null, ids.call, answeredCall, c(1), T.ended);
    });

    it('creates and assigns the work order, and answers with its id', async () => {
      const { response } = await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township, urgent: true }, c(2), T.created);
      const workOrderId = deterministicId('work-order', c(2));
      expect(response).toEqual({ workOrderId });
      expect(await harness.get('hotline-calls', ids.call)).toMatchObject({ status: 'work-order-created', workOrderId, handedOverTo: ids.township });
      expect(await harness.get('work-orders', workOrderId)).toMatchObject({
        id: workOrderId,
        status: 'assigned',
        callId: ids.call,
        orgUnitId: ids.township,
        hotlineOrgUnitId: ids.city,
        urgent: true,
        class: 'complaint',
        category: '10',
        createdAt: T.created,
        assignments: [{ orgUnitId: ids.township, at: T.created }],
      });
    });

    it('creates no second work order when the hand-over is retried', async () => {
      const first = await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township }, c(2), T.created);
      const retry = await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township }, c(2), '2021-03-01T09:11:00+08:00');
      expect(retry.result.repeated).toBe(true);
      expect(retry.response).toEqual(first.response);
      expect(await harness.eventTypes('hotline-calls', ids.call)).toEqual(['HotlineCallLogged', 'HotlineCallHandedOver']);
      expect(await harness.eventTypes('work-orders', first.response['workOrderId'] as string)).toEqual(['WorkOrderCreated', 'WorkOrderAssigned']);
    });

    it('refuses a second hand-over under another command', async () => {
      await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township }, c(2), T.created);
      const error = await refusal(harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.village }, c(3), T.created));
      expect(error.code).toBe('HOTLINE.ALREADY_HANDED_OVER');
    });

    it('refuses a client-chosen work-order id that is taken', async () => {
      await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township, workOrderId: ids.workOrder }, c(2), T.created);
      const otherCall = 'c1c1c1c1-0000-4000-8000-000000000001';
      await harness.post('hotline-calls', null, otherCall, answeredCall, c(3), T.ended);
      const error = await refusal(
        harness.post('hotline-calls', 'work-order', otherCall, { assignToOrgUnitId: ids.township, workOrderId: ids.workOrder }, c(4), T.created),
      );
      expect(error).toMatchObject({ code: 'HOTLINE.WORK_ORDER_ID_TAKEN', field: 'workOrderId' });
      expect(await harness.eventTypes('hotline-calls', otherCall)).toEqual(['HotlineCallLogged']);
    });

    it('refuses a work order created directly for a call that was not handed over to it', async () => {
      const body = { callId: ids.call, orgUnitId: ids.city, assignToOrgUnitId: ids.township, urgent: false, class: 'complaint', createdAt: T.created };
      const error = await refusal(harness.post('work-orders', null, ids.workOrder, body, c(5), T.created));
      expect(error.code).toBe('WORK_ORDER.NOT_HANDED_OVER');
      expect(await harness.get('work-orders', ids.workOrder)).toBeNull();
    });

    it('carries the work order through return, reply, unsatisfied visit, reopening and closing, all in its view', async () => {
      await harness.post('hotline-calls', 'work-order', ids.call, { assignToOrgUnitId: ids.township, workOrderId: ids.workOrder }, c(2), T.created);
      const step = (action: string, body: Record<string, unknown>, n: number) => harness.post('work-orders', action, ids.workOrder, body, c(n), T.now);
      await step('return', { reason: 'not-our-jurisdiction', at: T.returned }, 10);
      await step('assign', { orgUnitId: ids.village, at: T.reassigned }, 11);
      await step('acknowledge', { at: '2021-03-02T09:30:00+08:00' }, 12);
      await step('extend', { workingDays: 10, at: T.extended }, 13);
      await step('supervise', { reason: 'reply-overdue', at: '2021-03-03T09:00:00+08:00' }, 14);
      await step('reply', { resultCode: 'explained', at: T.replied }, 15);
      await step('visit', { satisfaction: 'unsatisfied', at: T.visited }, 16);
      await step('reopen', { at: T.reopened }, 17);
      await step('assign', { orgUnitId: ids.village, at: '2021-03-05T15:00:00+08:00' }, 18);
      await step('acknowledge', { at: '2021-03-05T16:00:00+08:00' }, 19);
      await step('reply', { resultCode: 'resolved', at: '2021-03-06T10:00:00+08:00' }, 20);
      await step('visit', { satisfaction: 'very-satisfied', at: '2021-03-06T15:00:00+08:00' }, 21);
      const closed = await step('close', {}, 22);

      expect(closed.result.version).toBe(15);
      expect(await harness.get('work-orders', ids.workOrder)).toEqual({
        id: ids.workOrder,
        status: 'closed',
        callId: ids.call,
        orgUnitId: ids.village,
        hotlineOrgUnitId: ids.city,
        class: 'complaint',
        category: '10',
        urgent: false,
        createdAt: T.created,
        createdOn: '2021-03-01',
        assignedAt: '2021-03-05T15:00:00+08:00',
        acknowledgedAt: '2021-03-05T16:00:00+08:00',
        repliedAt: '2021-03-06T10:00:00+08:00',
        replyResult: 'resolved',
        visitedAt: '2021-03-06T15:00:00+08:00',
        satisfaction: 'very-satisfied',
        closedAt: T.now,
        closedWithoutVisit: false,
        replyLimitWorkingDays: 10,
        extendedAt: T.extended,
        supervised: true,
        supervisedCount: 1,
        assignments: [
          { orgUnitId: ids.township, at: T.created },
          { orgUnitId: ids.village, at: T.reassigned },
          { orgUnitId: ids.village, at: '2021-03-05T15:00:00+08:00' },
        ],
        returns: [{ fromOrgUnitId: ids.township, reason: 'not-our-jurisdiction', at: T.returned }],
        replies: [
          { resultCode: 'explained', at: T.replied },
          { resultCode: 'resolved', at: '2021-03-06T10:00:00+08:00' },
        ],
        visits: [
          { satisfaction: 'unsatisfied', at: T.visited },
          { satisfaction: 'very-satisfied', at: '2021-03-06T15:00:00+08:00' },
        ],
        reopenings: [T.reopened],
        supervisions: [{ reason: 'reply-overdue', status: 'acknowledged', at: '2021-03-03T09:00:00+08:00' }],
      });
    });
  });

  it('show a missed call with its callbacks until the caller is reached', async () => {
    const harness = new RouteHarness(hotlineRoutes, hotlineViews);
    const missed = { orgUnitId: ids.city, offeredAt: T.offered, endedAt: '2021-03-01T09:00:40+08:00', outcome: 'missed', class: 'consultation' };
    await harness.post('hotline-calls', null, ids.call, missed, c(1), T.now);
    await harness.post('hotline-calls', 'callback', ids.call, { at: '2021-03-01T10:00:00+08:00', reached: false }, c(2), T.now);
    await harness.post('hotline-calls', 'callback', ids.call, { at: '2021-03-01T11:00:00+08:00', reached: true }, c(3), T.now);
    expect(await harness.get('hotline-calls', ids.call)).toEqual({
      id: ids.call,
      status: 'reached',
      orgUnitId: ids.city,
      outcome: 'missed',
      class: 'consultation',
      category: null,
      callerPersonId: null,
      operatorId: null,
      offeredAt: T.offered,
      answeredAt: null,
      endedAt: '2021-03-01T09:00:40+08:00',
      offeredOn: '2021-03-01',
      waitSeconds: 40,
      talkSeconds: 0,
      callbacks: [
        { at: '2021-03-01T10:00:00+08:00', reached: false },
        { at: '2021-03-01T11:00:00+08:00', reached: true },
      ],
      reachedAt: '2021-03-01T11:00:00+08:00',
      workOrderId: null,
      handedOverAt: null,
      handedOverTo: null,
      urgent: null,
      closedAt: null,
    });
  });

  it('show an answered call closed without a work order, and nothing for an unknown id', async () => {
    const harness = new RouteHarness(hotlineRoutes, hotlineViews);
    await harness.post('hotline-calls', null, ids.call, answeredCall, c(1), T.now);
    await harness.post('hotline-calls', 'close', ids.call, {}, c(2), '2021-03-01T09:06:00+08:00');
    expect(await harness.get('hotline-calls', ids.call)).toMatchObject({ status: 'closed', closedAt: '2021-03-01T09:06:00+08:00', workOrderId: null });
    expect(await harness.get('hotline-calls', ids.workOrder)).toBeNull();
    expect(hotlineViews.map((v) => v.view(v.decider.initialState))).toEqual([null, null]);
  });
});
