import { deterministicId, type Command, type FollowUp } from '@pls/event-sourcing';
import { WORK_ORDERS } from '../hotline.collections';
import { objectBody, uuid } from '../hotline.schema';
import { hotlineCallRoute } from '../hotline-call.record';
import type { HotlineCallState } from '../hotline-call.state';

export type HandOverCall = Command<
  'HandOverCall',
  {
    readonly workOrderId: string;
    readonly assignToOrgUnitId: string;
    readonly urgent: boolean;
    /** Loaded: a client-chosen `workOrderId` already names a work order. */
    readonly workOrderIdTaken: boolean;
  }
>;

export const handOverCallBody = objectBody(
  { assignToOrgUnitId: uuid, urgent: { type: 'boolean' }, workOrderId: uuid },
  ['assignToOrgUnitId'],
);

/**
 * Without a client-chosen id the work order's id derives from the command id,
 * so a retried hand-over names (and creates) the same work order, never a second.
 */
export function workOrderIdFor(commandId: string, chosen?: string): string {
  return chosen ?? deterministicId('work-order', commandId);
}

export const handOverCallRoute = hotlineCallRoute<HandOverCall>({
  name: 'HandOverCall',
  action: 'work-order',
  summary: 'Hand an answered call over to an org unit as a work order (转办)',
  body: handOverCallBody,
  references: [{ field: 'assignToOrgUnitId', kind: 'org-unit' }],
  async load({ body }, deps) {
    const taken = body.workOrderId !== undefined && (await deps.readRecord(WORK_ORDERS, body.workOrderId)) !== null;
    return { workOrderIdTaken: taken };
  },
  toCommand: ({ body, metadata, loaded }) => ({
    type: 'HandOverCall',
    data: {
      workOrderId: workOrderIdFor(metadata.commandId, body.workOrderId),
      assignToOrgUnitId: body.assignToOrgUnitId,
      urgent: body.urgent ?? false,
      workOrderIdTaken: loaded['workOrderIdTaken'] === true,
    },
    metadata,
  }),
  // Read from the state, not the command: a repeated command answers what the first one recorded.
  respond: (state) => (state.status === 'work-order-created' ? { workOrderId: state.handOver.workOrderId } : {}),
  followUps: (state) => (state.status === 'work-order-created' ? [createWorkOrderFor(state)] : []),
});

function createWorkOrderFor(call: Extract<HotlineCallState, { status: 'work-order-created' }>): FollowUp {
  const { workOrderId, assignToOrgUnitId, urgent, at } = call.handOver;
  return {
    collection: WORK_ORDERS,
    action: null,
    id: workOrderId,
    body: {
      callId: call.id,
      orgUnitId: call.orgUnitId,
      assignToOrgUnitId,
      urgent,
      class: call.class,
      ...(call.category === null ? {} : { category: call.category }),
      createdAt: at,
    },
  };
}
