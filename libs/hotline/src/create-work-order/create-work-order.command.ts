import type { Command } from '@pls/event-sourcing';
import { CALL_CLASSES, keysOf, type CallClass, type CategoryCode } from '@pls/reference';
import { HOTLINE_CALLS } from '../hotline.collections';
import { category, instant, objectBody, oneOf, uuid } from '../hotline.schema';
import { handedOverWorkOrderId, type HotlineCallState } from '../hotline-call.state';
import { workOrderRoute } from '../work-order.record';

export type CreateWorkOrder = Command<
  'CreateWorkOrder',
  {
    readonly workOrderId: string;
    readonly callId: string;
    /** The hotline unit that took the call. */
    readonly orgUnitId: string;
    readonly assignToOrgUnitId: string;
    readonly urgent: boolean;
    readonly class: CallClass;
    readonly category?: CategoryCode;
    readonly createdAt: string;
    /** Loaded: the work order the call was handed over to (`null` when none). */
    readonly callWorkOrderId: string | null;
  }
>;

export const createWorkOrderBody = objectBody(
  {
    id: uuid,
    callId: uuid,
    orgUnitId: uuid,
    assignToOrgUnitId: uuid,
    urgent: { type: 'boolean' },
    class: oneOf(keysOf(CALL_CLASSES)),
    category,
    createdAt: instant,
  },
  ['callId', 'orgUnitId', 'assignToOrgUnitId', 'urgent', 'class', 'createdAt'],
);

/** Runs as the follow-up of a call's hand-over (`POST /hotline-calls/{id}/work-order`). */
export const createWorkOrderRoute = workOrderRoute<CreateWorkOrder>({
  name: 'CreateWorkOrder',
  action: null,
  summary: 'Create the work order a call was handed over to (follows the call\'s work-order action)',
  body: createWorkOrderBody,
  references: [
    { field: 'callId', kind: 'hotline-call' },
    { field: 'orgUnitId', kind: 'org-unit' },
    { field: 'assignToOrgUnitId', kind: 'org-unit' },
  ],
  async load({ body }, deps) {
    const call = await deps.readRecord<HotlineCallState>(HOTLINE_CALLS, body.callId);
    return { callWorkOrderId: call === null ? null : handedOverWorkOrderId(call.state) };
  },
  toCommand: ({ id, body, metadata, loaded }) => ({
    type: 'CreateWorkOrder',
    data: {
      workOrderId: id,
      callId: body.callId,
      orgUnitId: body.orgUnitId,
      assignToOrgUnitId: body.assignToOrgUnitId,
      urgent: body.urgent,
      class: body.class,
      category: body.category,
      createdAt: body.createdAt,
      callWorkOrderId: typeof loaded['callWorkOrderId'] === 'string' ? loaded['callWorkOrderId'] : null,
    },
    metadata,
  }),
});
