import type { Command } from '@pls/event-sourcing';
import { objectBody, optionalAt, uuid } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

export type AssignWorkOrder = Command<'AssignWorkOrder', { readonly orgUnitId: string; readonly at?: string }>;

export const assignWorkOrderBody = objectBody({ orgUnitId: uuid, ...optionalAt }, ['orgUnitId']);

export const assignWorkOrderRoute = workOrderRoute<AssignWorkOrder>({
  name: 'AssignWorkOrder',
  action: 'assign',
  summary: 'Assign a returned or reopened work order to an org unit (派单)',
  body: assignWorkOrderBody,
  references: [{ field: 'orgUnitId', kind: 'org-unit' }],
  toCommand: ({ body, metadata }) => ({ type: 'AssignWorkOrder', data: { orgUnitId: body.orgUnitId, at: body.at }, metadata }),
});
