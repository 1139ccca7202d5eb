import type { Command, CommandRoute } from '@pls/event-sourcing';
import { keysOf, MEDIATION_KINDS, PARTY_ROLES, REFERRAL_TARGETS, type MediationKind, type PartyRole, type ReferralTarget } from '@pls/reference';
import { consultationCollection } from '../consultation.collection';
import type { ConsultationEvent } from '../consultation.events';
import { body, instant, oneOf, uuid } from '../consultation.schemas';
import type { ConsultationState } from '../consultation.state';

export interface ReferralParty {
  readonly personId: string;
  readonly role: PartyRole;
}

export type ReferConsultation = Command<
  'ReferConsultation',
  {
    readonly target: ReferralTarget;
    /** Required for mediation: the unit whose mediators take the case. */
    readonly targetOrgUnitId?: string;
    /** Defaults to the instant the command was issued. */
    readonly referredAt?: string;
    /** Mediation only (required). */
    readonly kind?: MediationKind;
    /** Mediation only (required, at least two). */
    readonly parties?: readonly ReferralParty[];
    /** Mediation only (optional): the id of the mediation to register. */
    readonly mediationId?: string;
    /** Found by `load`: the chosen `mediationId` already names a mediation. */
    readonly mediationIdTaken: boolean;
  }
>;

export const referConsultationBody = body(
  {
    target: oneOf(keysOf(REFERRAL_TARGETS)),
    targetOrgUnitId: uuid,
    referredAt: instant,
    kind: oneOf(keysOf(MEDIATION_KINDS)),
    parties: { type: 'array', minItems: 2, maxItems: 50, items: body({ personId: uuid, role: oneOf(keysOf(PARTY_ROLES)) }) },
    mediationId: uuid,
  },
  ['targetOrgUnitId', 'referredAt', 'kind', 'parties', 'mediationId'],
);

export const referConsultationRoute: CommandRoute<ReferConsultation, ConsultationEvent, ConsultationState> = {
  ...consultationCollection,
  name: 'ReferConsultation',
  action: 'refer',
  summary: 'Refer the consultation to mediation, legal aid, a notary or another department; a referral to mediation registers the mediation',
  body: referConsultationBody,
  references: [
    { field: 'targetOrgUnitId', kind: 'org-unit' },
    { field: 'parties[].personId', kind: 'person' },
  ],
  // A mediation id the client chose must be free, or the follow-up that
  // registers it would fail after the referral was already recorded.
  load: async ({ body }, deps) => ({
    mediationIdTaken: body.target === 'mediation' && body.mediationId !== undefined && (await deps.readRecord('mediations', body.mediationId)) !== null,
  }),
  toCommand: ({ body, metadata, loaded }) => ({
    type: 'ReferConsultation',
    data: {
      target: body.target,
      targetOrgUnitId: body.targetOrgUnitId,
      referredAt: body.referredAt,
      kind: body.kind,
      parties: body.parties,
      mediationId: body.mediationId,
      mediationIdTaken: loaded['mediationIdTaken'] === true,
    },
    metadata,
  }),
  respond: (state) => (state.status === 'referred' && state.referral.mediationId !== null ? { mediationId: state.referral.mediationId } : {}),
  // DOMAIN.md: a referral to mediation opens a mediation record with source
  // `referral` and a link back; it counts on the consultation's day (API.md).
  // The `referral-registers-mediation` reaction (libs/jobs) registers it from
  // the event, exactly once, on the checkpointed subscription.
};
