import type { Command } from '@pls/event-sourcing';
import { CONFIRMATION_RESULTS, keysOf, type ConfirmationResult } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, oneOf } from '../mediation.schemas';

export type RecordJudicialConfirmationDecision = Command<
  'RecordJudicialConfirmationDecision',
  { readonly mediationId: string; readonly result: ConfirmationResult; readonly decidedOn: string }
>;

export const recordJudicialConfirmationDecisionRoute = mediationRoute<RecordJudicialConfirmationDecision>({
  name: 'RecordJudicialConfirmationDecision',
  action: 'judicial-confirmation-decision',
  summary: "Record the court's decision on the judicial confirmation: confirmed, not confirmed or withdrawn",
  body: body({ result: oneOf(keysOf(CONFIRMATION_RESULTS)), decidedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'RecordJudicialConfirmationDecision',
    data: { mediationId: id, result: body.result, decidedOn: body.decidedOn },
    metadata,
  }),
});
