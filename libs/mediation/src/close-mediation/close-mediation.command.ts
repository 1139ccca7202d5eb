import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate } from '../mediation.schemas';

export type CloseMediation = Command<'CloseMediation', { readonly mediationId: string; readonly closedOn: string }>;

export const closeMediationRoute = mediationRoute<CloseMediation>({
  name: 'CloseMediation',
  action: 'close',
  summary: 'Close and file a concluded mediation (结案归档)',
  body: body({ closedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({ type: 'CloseMediation', data: { mediationId: id, closedOn: body.closedOn }, metadata }),
});
