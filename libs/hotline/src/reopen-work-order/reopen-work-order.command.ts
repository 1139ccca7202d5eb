import type { Command } from '@pls/event-sourcing';
import { objectBody, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

export type ReopenWorkOrder = Command<'ReopenWorkOrder', { readonly at?: string }>;

export const reopenWorkOrderBody = objectBody({ ...optionalAt });

export const reopenWorkOrderRoute = workOrderRoute<ReopenWorkOrder>({
  name: 'ReopenWorkOrder',
  action: 'reopen',
  summary: 'Reopen a work order whose caller was unsatisfied, to assign it again',
  body: reopenWorkOrderBody,
  toCommand: ({ body, metadata }) => ({ type: 'ReopenWorkOrder', data: { at: body.at }, metadata }),
});
