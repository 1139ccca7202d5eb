import { shanghaiDate } from '@pls/reference';
import { WorkOrderNotUnsatisfiedError } from '../work-order.errors';
import type { WorkOrderEvent } from '../work-order.events';
import { requireStatus, stepAt, workOrderFacts } from '../work-order.guards';
import type { WorkOrderState } from '../work-order.state';
import { isUnsatisfied } from '../work-order.values';
import type { ReopenWorkOrder } from './reopen-work-order.command';

/** Every unsatisfied rating is followed up: the order goes back to the hotline unit to be assigned again. */
export function decideReopenWorkOrder(command: ReopenWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  requireStatus(state, ['visited'], WorkOrderNotUnsatisfiedError);
  if (!isUnsatisfied(state.satisfaction)) throw new WorkOrderNotUnsatisfiedError();
  const at = stepAt(command, state);
  return [
    {
      type: 'WorkOrderReopened',
      data: { ...workOrderFacts(state), orgUnitId: state.hotlineOrgUnitId, fromOrgUnitId: state.orgUnitId, at, reopenedOn: shanghaiDate(at) },
    },
  ];
}
