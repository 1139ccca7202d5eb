import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate } from '../mediation.schemas';

export type RecordMediationSession = Command<'RecordMediationSession', { readonly mediationId: string; readonly heldOn: string }>;

export const recordMediationSessionRoute = mediationRoute<RecordMediationSession>({
  name: 'RecordMediationSession',
  action: 'sessions',
  summary: 'Record a mediation session held',
  body: body({ heldOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({ type: 'RecordMediationSession', data: { mediationId: id, heldOn: body.heldOn }, metadata }),
});
