import type { Event } from '@pls/event-sourcing';
import type { CategoryCode, Channel, MediationKind, PartyRole, ReferralTarget } from '@pls/reference';

/**
 * The consultation stream's events: the contract. Type strings are final.
 * Data holds ids, codes, instants, business dates and counts only; the person
 * consulting appears as a `personId` reference and the summary of the question
 * stays in the personal-data vault (PIPL).
 */

/** What every consultation event carries, so projections never read another stream. */
export interface ConsultationFacts {
  readonly consultationId: string;
  readonly orgUnitId: string;
  readonly category: CategoryCode;
  /** The consultation (and its referral) count on this day (API.md). */
  readonly receivedOn: string;
}

export type ConsultationOpened = Event<
  'ConsultationOpened',
  ConsultationFacts & {
    readonly channel: Channel;
    readonly receivedAt: string;
    /** 人次: people served in this consultation, at least 1. */
    readonly personsServed: number;
    readonly personId: string | null;
    readonly topicCode: string | null;
  }
>;

export type ConsultationAnswered = Event<
  'ConsultationAnswered',
  ConsultationFacts & { readonly answeredAt: string; readonly answeredOn: string }
>;

export type ConsultationReferred = Event<
  'ConsultationReferred',
  ConsultationFacts & {
    readonly target: ReferralTarget;
    readonly targetOrgUnitId: string | null;
    /** The mediation the referral registers; `null` unless the target is mediation. */
    readonly mediationId: string | null;
    readonly referredAt: string;
    readonly referredOn: string;
    /**
     * Mediation only: what the referral reaction registers the mediation with
     * (kind, and the parties as person references). Absent from referrals
     * recorded before the registration became a reaction: their mediation was
     * registered by the refer command itself.
     */
    readonly kind?: MediationKind | null;
    readonly parties?: ReadonlyArray<{ readonly personId: string; readonly role: PartyRole }> | null;
  }
>;

export type ConsultationEvent = ConsultationOpened | ConsultationAnswered | ConsultationReferred;
