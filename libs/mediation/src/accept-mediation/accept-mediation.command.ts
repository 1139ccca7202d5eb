import type { Command } from '@pls/event-sourcing';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, mediatorIds } from '../mediation.schemas';
import { mediationDueDays } from './accept-mediation.decide';

export type AcceptMediation = Command<
  'AcceptMediation',
  {
    readonly mediationId: string;
    readonly acceptedOn: string;
    readonly mediatorIds: readonly string[];
    /** `null`: the default due date, 30 calendar days after acceptance. */
    readonly dueOn: string | null;
    /** Calendar days from acceptance to the default due date (the setting when the command was made; default 30). */
    readonly defaultDueDays?: number;
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
    data: { mediationId: id, acceptedOn: body.acceptedOn, mediatorIds: body.mediatorIds, dueOn: body.dueOn ?? null, defaultDueDays: mediationDueDays() },
    metadata,
  }),
});
