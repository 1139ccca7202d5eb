import { deterministicId, fold, type RouteDeps } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { createWorkOrderBody } from '../create-work-order/create-work-order.command';
import { CallAlreadyHandedOverError, CallClosedError, CallNotAnsweredError, HotlineCallNotFoundError } from '../hotline-call.errors';
import { hotlineCallDecider } from '../hotline-call.decider';
import type { HotlineCallEvent } from '../hotline-call.events';
import {
  callbackAttempted,
  callClosed,
  callHandedOver,
  callLogged,
  handOver,
  ids,
  meta,
  missedCallLogged,
  T,
  voicemailLogged,
} from '../testing/fixtures';
import { refusalOf } from '../testing/refusals';
import { handOverCallRoute } from './hand-over-call.command';

const { given } = deciderSpec(hotlineCallDecider);
const stateAfter = (events: readonly HotlineCallEvent[]) => fold(hotlineCallDecider, events);

describe('HandOverCall', () => {
  it('hands an answered call over to a unit as a work order, at the moment of the command', () =>
    given([callLogged()])
      .when(handOver({ assignToOrgUnitId: ids.village, urgent: true }, '2021-03-01T09:12:00+08:00'))
      .then([
        {
          type: 'HotlineCallHandedOver',
          data: {
            workOrderId: ids.workOrder,
            assignToOrgUnitId: ids.village,
            urgent: true,
            at: '2021-03-01T09:12:00+08:00',
            orgUnitId: ids.city,
            offeredOn: '2021-03-01',
          },
        },
      ]));

  it('leaves the call in work-order-created, naming its work order', () =>
    given([callLogged()])
      .when(handOver())
      .thenState((state) => {
        expect(state.status).toBe('work-order-created');
        expect(state.status === 'work-order-created' && state.handOver.workOrderId).toBe(ids.workOrder);
      }));

  it('refuses a second hand-over', () =>
    given([callLogged(), callHandedOver()]).when(handOver()).thenThrows(CallAlreadyHandedOverError, 'HOTLINE.ALREADY_HANDED_OVER'));

  it('refuses to hand over a closed call', () =>
    given([callLogged(), callClosed()]).when(handOver()).thenThrows(CallClosedError, 'HOTLINE.CLOSED'));

  it.each([
    ['missed', [missedCallLogged()]],
    ['voicemail', [voicemailLogged()]],
    ['callback-attempted', [missedCallLogged(), callbackAttempted()]],
    ['reached', [missedCallLogged(), callbackAttempted({ reached: true })]],
  ])('refuses to hand over a %s call', (_, history) =>
    given(history).when(handOver()).thenThrows(CallNotAnsweredError, 'HOTLINE.NOT_ANSWERED'));

  it('refuses to hand over an unknown call as not found', () =>
    given([]).when(handOver()).thenThrows(HotlineCallNotFoundError, 'HOTLINE.NOT_FOUND'));

  it('refuses a chosen work-order id that another work order already has, naming `workOrderId`', () =>
    expect(refusalOf(() => hotlineCallDecider.decide(handOver({ workOrderIdTaken: true }), stateAfter([callLogged()])))).toMatchObject({
      code: 'HOTLINE.WORK_ORDER_ID_TAKEN',
      field: 'workOrderId',
      kind: 'invalid',
    }));

  describe('route', () => {
    const toCommand = (body: Record<string, unknown>, commandId: string, loaded: Record<string, unknown> = {}) =>
      handOverCallRoute.toCommand({ id: ids.call, body, metadata: meta(T.created, commandId), loaded });
    const commandA = '7a7a7a7a-0000-4000-8000-000000000001';
    const commandB = '7a7a7a7a-0000-4000-8000-000000000002';

    it('derives the work-order id from the command id, so a retried hand-over names the same work order', () => {
      const first = toCommand({ assignToOrgUnitId: ids.township }, commandA);
      expect(first.data.workOrderId).toBe(deterministicId('work-order', commandA));
      expect(toCommand({ assignToOrgUnitId: ids.township }, commandA).data.workOrderId).toBe(first.data.workOrderId);
      expect(toCommand({ assignToOrgUnitId: ids.township }, commandB).data.workOrderId).not.toBe(first.data.workOrderId);
    });

    it('keeps a work-order id the client chose, and takes `urgent` as false when absent', () => {
      const command = toCommand({ assignToOrgUnitId: ids.township, workOrderId: ids.workOrder }, commandA);
      expect(command.data).toEqual({ workOrderId: ids.workOrder, assignToOrgUnitId: ids.township, urgent: false, workOrderIdTaken: false });
    });

    it('loads whether a chosen work-order id is taken, and reads nothing without one', async () => {
      const seen: string[] = [];
      const deps = (exists: boolean): RouteDeps => ({
        readRecord: async <S>(collection: string, id: string) => {
          seen.push(`${collection}/${id}`);
          return exists ? { state: { status: 'assigned' } as S, version: 2 } : null;
        },
      });
      const load = handOverCallRoute.load!;
      expect(await load({ id: ids.call, body: { assignToOrgUnitId: ids.township, workOrderId: ids.workOrder } }, deps(true))).toEqual({ workOrderIdTaken: true });
      expect(await load({ id: ids.call, body: { assignToOrgUnitId: ids.township, workOrderId: ids.workOrder } }, deps(false))).toEqual({ workOrderIdTaken: false });
      expect(seen).toEqual([`work-orders/${ids.workOrder}`, `work-orders/${ids.workOrder}`]);
      expect(await load({ id: ids.call, body: { assignToOrgUnitId: ids.township } }, deps(true))).toEqual({ workOrderIdTaken: false });
      expect(seen).toHaveLength(2);
      expect(toCommand({ assignToOrgUnitId: ids.township }, commandA, { workOrderIdTaken: true }).data.workOrderIdTaken).toBe(true);
    });

    it('answers with the work-order id the call was handed over to', () => {
      const state = stateAfter([callLogged(), callHandedOver({ workOrderId: ids.workOrder })]);
      // A repeated command answers from the recorded state, whatever id it would derive itself.
      expect(handOverCallRoute.respond!(state, toCommand({ assignToOrgUnitId: ids.township }, commandB))).toEqual({ workOrderId: ids.workOrder });
    });

    it('creates the work order as a follow-up, with the call\'s facts and the hand-over time as its creation', () => {
      const state = stateAfter([callLogged(), callHandedOver({ urgent: true, at: '2021-03-01T09:12:00+08:00' })]);
      expect(handOverCallRoute.followUps!(state, handOver())).toEqual([
        {
          collection: 'work-orders',
          action: null,
          id: ids.workOrder,
          body: {
            callId: ids.call,
            orgUnitId: ids.city,
            assignToOrgUnitId: ids.township,
            urgent: true,
            class: 'complaint',
            category: '10',
            createdAt: '2021-03-01T09:12:00+08:00',
          },
        },
      ]);
    });

    it('leaves the category out of the follow-up when the call has none, so the body fits the create schema', () => {
      const state = stateAfter([callLogged({ category: null }), callHandedOver()]);
      const [followUp] = handOverCallRoute.followUps!(state, handOver());
      const schema = createWorkOrderBody as { properties: Record<string, unknown>; required: string[] };
      const keys = Object.keys(followUp!.body);
      expect(keys).not.toContain('category');
      expect(keys.filter((k) => !(k in schema.properties))).toEqual([]);
      expect(schema.required.filter((k) => !keys.includes(k))).toEqual([]);
    });
  });
});
