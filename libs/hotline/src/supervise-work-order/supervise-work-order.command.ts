import type { Command } from '@pls/event-sourcing';
import { keysOf } from '@pls/reference';
import { objectBody, oneOf, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';
import { SUPERVISION_REASONS, type SupervisionReason } from '../work-order.values';

export type SuperviseWorkOrder = Command<'SuperviseWorkOrder', { readonly reason: SupervisionReason; readonly at?: string }>;

export const superviseWorkOrderBody = objectBody({ reason: oneOf(keysOf(SUPERVISION_REASONS)), ...optionalAt }, ['reason']);

export const superviseWorkOrderRoute = workOrderRoute<SuperviseWorkOrder>({
  name: 'SuperviseWorkOrder',
  action: 'supervise',
  summary: 'Flag an open work order that overran a time limit (督办); the deadline worker sends it too',
  body: superviseWorkOrderBody,
  toCommand: ({ body, metadata }) => ({ type: 'SuperviseWorkOrder', data: { reason: body.reason, at: body.at }, metadata }),
});
