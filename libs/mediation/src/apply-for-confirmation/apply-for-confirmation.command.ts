import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate } from '../mediation.schemas';

export type ApplyForJudicialConfirmation = Command<'ApplyForJudicialConfirmation', { readonly mediationId: string; readonly appliedOn: string }>;

export const applyForJudicialConfirmationRoute = mediationRoute<ApplyForJudicialConfirmation>({
  name: 'ApplyForJudicialConfirmation',
  action: 'judicial-confirmation',
  summary: 'Record that both parties applied to the court for judicial confirmation (司法确认) of the agreement',
  body: body({ appliedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({ type: 'ApplyForJudicialConfirmation', data: { mediationId: id, appliedOn: body.appliedOn }, metadata }),
});
