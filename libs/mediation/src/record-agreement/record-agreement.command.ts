import type { Command } from '@pls/event-sourcing';
import { AGREEMENT_FORMS, keysOf, type AgreementForm } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, fen, oneOf } from '../mediation.schemas';

export type RecordMediationAgreement = Command<
  'RecordMediationAgreement',
  {
    readonly mediationId: string;
    readonly form: AgreementForm;
    readonly effectiveOn: string;
    readonly agreedAmountFen: number;
  }
>;

export const recordMediationAgreementRoute = mediationRoute<RecordMediationAgreement>({
  name: 'RecordMediationAgreement',
  action: 'agreement',
  summary: 'Record the agreement reached (达成协议), written or oral, with the agreed amount',
  body: body({ form: oneOf(keysOf(AGREEMENT_FORMS)), effectiveOn: businessDate, agreedAmountFen: fen }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'RecordMediationAgreement',
    data: { mediationId: id, form: body.form, effectiveOn: body.effectiveOn, agreedAmountFen: body.agreedAmountFen },
    metadata,
  }),
});
