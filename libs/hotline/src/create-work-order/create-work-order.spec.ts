import { fold, type RouteDeps } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { hotlineCallDecider } from '../hotline-call.decider';
import { WorkOrderAlreadyExistsError, WorkOrderNotHandedOverError } from '../work-order.errors';
import { workOrderDecider } from '../work-order.decider';
import { callHandedOver, callLogged, createWorkOrder, ids, meta, T, workOrderAssigned, workOrderCreated } from '../testing/fixtures';
import { createWorkOrderRoute } from './create-work-order.command';

const { given } = deciderSpec(workOrderDecider);

describe('CreateWorkOrder', () => {
  it('creates the order at the hotline unit and assigns it to the chosen unit in the same decision', () =>
    given([])
      .when(createWorkOrder({ urgent: true }))
      .then([
        {
          type: 'WorkOrderCreated',
          data: {
            orgUnitId: ids.city,
            class: 'complaint',
            category: '10',
            urgent: true,
            createdAt: T.created,
            workOrderId: ids.workOrder,
            callId: ids.call,
            assignToOrgUnitId: ids.township,
            createdOn: '2021-03-01',
          },
        },
        {
          type: 'WorkOrderAssigned',
          data: {
            orgUnitId: ids.township,
            class: 'complaint',
            category: '10',
            urgent: true,
            createdAt: T.created,
            at: T.created,
            assignedOn: '2021-03-01',
            waitingSince: T.created,
          },
        },
      ]));

  it('leaves the order assigned, the assigned unit responsible and the hotline unit as its dispatcher', () =>
    given([])
      .when(createWorkOrder())
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'assigned', id: ids.workOrder, orgUnitId: ids.township, hotlineOrgUnitId: ids.city });
        expect(state.status !== 'none' && state.assignments).toEqual([{ orgUnitId: ids.township, at: T.created }]);
      }));

  it('counts the order on the Asia/Shanghai date of its creation, and keeps a missing category as null', () =>
    given([])
      .when(createWorkOrder({ createdAt: '2021-02-28T17:00:00Z', category: undefined }))
      .thenState((state) => expect(state).toMatchObject({ createdOn: '2021-03-01', category: null })));

  it('refuses a work-order id that already exists', () =>
    given([workOrderCreated(), workOrderAssigned()]).when(createWorkOrder()).thenThrows(WorkOrderAlreadyExistsError, 'WORK_ORDER.ALREADY_EXISTS'));

  it('refuses an order for a call that was not handed over', () =>
    given([]).when(createWorkOrder({ callWorkOrderId: null })).thenThrows(WorkOrderNotHandedOverError, 'WORK_ORDER.NOT_HANDED_OVER'));

  it('refuses an order for a call handed over to another work order', () =>
    given([])
      .when(createWorkOrder({ callWorkOrderId: '9f9f9f9f-0000-4000-8000-000000000009' }))
      .thenThrows(WorkOrderNotHandedOverError, 'WORK_ORDER.NOT_HANDED_OVER'));

  describe('route', () => {
    const body = {
      callId: ids.call,
      orgUnitId: ids.city,
      assignToOrgUnitId: ids.township,
      urgent: false,
      class: 'complaint',
      createdAt: T.created,
    };
    const depsWith = (calls: Record<string, unknown>): RouteDeps => ({
      readRecord: async <S>(collection: string, id: string) =>
        collection === 'hotline-calls' && id in calls ? { state: calls[id] as S, version: 2 } : null,
    });

    it('loads the work order the call was handed over to', async () => {
      const handedOver = fold(hotlineCallDecider, [callLogged(), callHandedOver()]);
      const answered = fold(hotlineCallDecider, [callLogged()]);
      const load = createWorkOrderRoute.load!;
      expect(await load({ id: ids.workOrder, body }, depsWith({ [ids.call]: handedOver }))).toEqual({ callWorkOrderId: ids.workOrder });
      expect(await load({ id: ids.workOrder, body }, depsWith({ [ids.call]: answered }))).toEqual({ callWorkOrderId: null });
      expect(await load({ id: ids.workOrder, body }, depsWith({}))).toEqual({ callWorkOrderId: null });
    });

    it('builds the command from the body and what was loaded', () => {
      const command = createWorkOrderRoute.toCommand({ id: ids.workOrder, body, metadata: meta(), loaded: { callWorkOrderId: ids.workOrder } });
      expect(command.data).toEqual({ ...body, workOrderId: ids.workOrder, category: undefined, callWorkOrderId: ids.workOrder });
    });

    it('names the responsible unit for event metadata and scope checks', () => {
      expect(createWorkOrderRoute.orgUnitOf!(workOrderDecider.initialState)).toBeNull();
      expect(createWorkOrderRoute.orgUnitOf!(fold(workOrderDecider, [workOrderCreated(), workOrderAssigned()]))).toBe(ids.township);
    });
  });
});
