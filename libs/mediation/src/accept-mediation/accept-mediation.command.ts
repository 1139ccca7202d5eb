import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, mediatorIds } from '../mediation.schemas';

export type AcceptMediation = Command<
  'AcceptMediation',
  {
    readonly mediationId: string;
    readonly acceptedOn: string;
    readonly mediatorIds: readonly string[];
    /** `null`: the default due date, 30 calendar days after acceptance. */
    readonly dueOn: string | null;
  }
>;

export const acceptMediationRoute = mediationRoute<AcceptMediation>({
  name: 'AcceptMediation',
  action: 'accept',
  summary: 'Accept a registered mediation (受理): designate mediators and set the due date',
  body: body({ acceptedOn: businessDate, mediatorIds, dueOn: businessDate }, ['dueOn']),
  references: [{ field: 'mediatorIds[]', kind: 'user' }],
  toCommand: ({ id, body, metadata }) => ({
    type: 'AcceptMediation',
    data: { mediationId: id, acceptedOn: body.acceptedOn, mediatorIds: body.mediatorIds, dueOn: body.dueOn ?? null },
    metadata,
  }),
});
