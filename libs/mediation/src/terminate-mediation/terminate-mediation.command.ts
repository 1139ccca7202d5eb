import type { Command } from '@pls/event-sourcing';
import { TERMINATION_REASONS, keysOf, type TerminationReason } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, oneOf } from '../mediation.schemas';

export type TerminateMediation = Command<
  'TerminateMediation',
  { readonly mediationId: string; readonly reason: TerminationReason; readonly terminatedOn: string }
>;

export const terminateMediationRoute = mediationRoute<TerminateMediation>({
  name: 'TerminateMediation',
  action: 'terminate',
  summary: 'Terminate a mediation without agreement (调解不成/终止, 人民调解法 Art 26)',
  body: body({ reason: oneOf(keysOf(TERMINATION_REASONS)), terminatedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'TerminateMediation',
    data: { mediationId: id, reason: body.reason, terminatedOn: body.terminatedOn },
    metadata,
  }),
});
