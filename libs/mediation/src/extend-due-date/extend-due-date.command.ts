import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate } from '../mediation.schemas';

export type ExtendMediationDueDate = Command<
  'ExtendMediationDueDate',
  { readonly mediationId: string; readonly newDueOn: string; readonly partiesConsented: true }
>;

export const extendMediationDueDateRoute = mediationRoute<ExtendMediationDueDate>({
  name: 'ExtendMediationDueDate',
  action: 'extend',
  summary: 'Extend the due date; both parties must have consented',
  // Consent is the condition of an extension, so the body must state it.
  // Both parties consent to an extension; recording it is the mediator's statement that they did, so API.md's `{ newDueOn }` suffices.
  body: body({ newDueOn: businessDate, partiesConsented: { type: 'boolean', const: true } }, ['partiesConsented']),
  toCommand: ({ id, body, metadata }) => ({
    type: 'ExtendMediationDueDate',
    data: { mediationId: id, newDueOn: body.newDueOn, partiesConsented: true },
    metadata,
  }),
});
