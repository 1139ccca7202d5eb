import { invalidCallValue } from '../hotline-call.errors';
import type { HotlineCallEvent } from '../hotline-call.events';
import { requireOpenAnsweredCall } from '../hotline-call.guards';
import type { HotlineCallState } from '../hotline-call.state';
import type { HandOverCall } from './hand-over-call.command';

export function decideHandOverCall(command: HandOverCall, state: HotlineCallState): HotlineCallEvent[] {
  requireOpenAnsweredCall(state);
  const { workOrderId, assignToOrgUnitId, urgent, workOrderIdTaken } = command.data;
  if (workOrderIdTaken) throw invalidCallValue.workOrderIdTaken();
  return [
    {
      type: 'HotlineCallHandedOver',
      data: {
        workOrderId,
        assignToOrgUnitId,
        urgent,
        at: command.metadata.now,
        orgUnitId: state.orgUnitId,
        offeredOn: state.offeredOn,
      },
    },
  ];
}
