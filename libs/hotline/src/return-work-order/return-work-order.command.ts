import type { Command } from '@pls/event-sourcing';
import { keysOf } from '@pls/reference';
import { objectBody, oneOf, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';
import { RETURN_REASONS, type ReturnReason } from '../work-order.values';

export type ReturnWorkOrder = Command<'ReturnWorkOrder', { readonly reason: ReturnReason; readonly at?: string }>;

export const returnWorkOrderBody = objectBody({ reason: oneOf(keysOf(RETURN_REASONS)), ...optionalAt }, ['reason']);

export const returnWorkOrderRoute = workOrderRoute<ReturnWorkOrder>({
  name: 'ReturnWorkOrder',
  action: 'return',
  summary: 'The assigned unit gives the work order back to the hotline (退回), with a reason',
  body: returnWorkOrderBody,
  toCommand: ({ body, metadata }) => ({ type: 'ReturnWorkOrder', data: { reason: body.reason, at: body.at }, metadata }),
});
