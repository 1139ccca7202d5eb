import type { Command } from '@pls/event-sourcing';
import { objectBody, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

export type CloseWorkOrder = Command<'CloseWorkOrder', { readonly at?: string }>;

export const closeWorkOrderBody = objectBody({ ...optionalAt });

export const closeWorkOrderRoute = workOrderRoute<CloseWorkOrder>({
  name: 'CloseWorkOrder',
  action: 'close',
  summary: 'Close a replied work order (after a visit that was not unsatisfied, or without a visit)',
  body: closeWorkOrderBody,
  toCommand: ({ body, metadata }) => ({ type: 'CloseWorkOrder', data: { at: body.at }, metadata }),
});
