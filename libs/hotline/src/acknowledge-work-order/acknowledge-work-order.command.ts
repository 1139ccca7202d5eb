import type { Command } from '@pls/event-sourcing';
import { objectBody, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

export type AcknowledgeWorkOrder = Command<'AcknowledgeWorkOrder', { readonly at?: string }>;

export const acknowledgeWorkOrderBody = objectBody({ ...optionalAt });

export const acknowledgeWorkOrderRoute = workOrderRoute<AcknowledgeWorkOrder>({
  name: 'AcknowledgeWorkOrder',
  action: 'acknowledge',
  summary: 'The assigned unit acknowledges the work order (签收)',
  body: acknowledgeWorkOrderBody,
  toCommand: ({ body, metadata }) => ({ type: 'AcknowledgeWorkOrder', data: { at: body.at }, metadata }),
});
