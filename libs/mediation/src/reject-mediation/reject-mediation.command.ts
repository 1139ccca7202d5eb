import type { Command } from '@pls/event-sourcing';
import { REJECTION_REASONS, keysOf, type RejectionReason } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, oneOf } from '../mediation.schemas';

export type RejectMediation = Command<
  'RejectMediation',
  { readonly mediationId: string; readonly reason: RejectionReason; readonly rejectedOn: string }
>;

export const rejectMediationRoute = mediationRoute<RejectMediation>({
  name: 'RejectMediation',
  action: 'reject',
  summary: 'Refuse to accept a registered mediation (不予受理, 人民调解法 Art 17)',
  body: body({ reason: oneOf(keysOf(REJECTION_REASONS)), rejectedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'RejectMediation',
    data: { mediationId: id, reason: body.reason, rejectedOn: body.rejectedOn },
    metadata,
  }),
});
