import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, mediatorIds } from '../mediation.schemas';

export type ReassignMediators = Command<'ReassignMediators', { readonly mediationId: string; readonly mediatorIds: readonly string[] }>;

export const reassignMediatorsRoute = mediationRoute<ReassignMediators>({
  name: 'ReassignMediators',
  action: 'reassign',
  summary: 'Designate other mediators for a mediation in progress',
  body: body({ mediatorIds }),
  references: [{ field: 'mediatorIds[]', kind: 'user' }],
  toCommand: ({ id, body, metadata }) => ({ type: 'ReassignMediators', data: { mediationId: id, mediatorIds: body.mediatorIds }, metadata }),
});
