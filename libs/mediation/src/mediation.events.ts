import type { Event } from '@pls/event-sourcing';
import type {
  AgreementForm,
  CategoryCode,
  ConfirmationResult,
  MediationKind,
  MediationSource,
  PartyRole,
  Performance,
  RejectionReason,
  TerminationReason,
} from '@pls/reference';

/**
 * The mediation stream's events: the contract. Type strings are final. Data
 * holds ids, codes, business dates, amounts and counts only — persons appear as
 * `personId` references, never with names, numbers or narratives (PIPL).
 */

export interface Party {
  readonly personId: string;
  readonly role: PartyRole;
}

/** Records a mediation can be referred from (a consultation's or a call's referral). */
export const REFERRAL_COLLECTIONS = ['consultations', 'hotline-calls'] as const;
export type ReferralCollection = (typeof REFERRAL_COLLECTIONS)[number];

export interface ReferredFrom {
  readonly collection: ReferralCollection;
  readonly id: string;
}

/** The dimensions every statistic breaks down by; counted events carry them. */
export interface MediationFacts {
  readonly orgUnitId: string;
  readonly kind: MediationKind;
  readonly source: MediationSource;
  readonly category: CategoryCode;
}

/** On-time is decided at the conclusion, against the (possibly extended) due date. */
export interface ConclusionTiming {
  readonly acceptedOn: string;
  readonly dueOn: string;
  readonly onTime: boolean;
}

export type MediationRegistered = Event<
  'MediationRegistered',
  MediationFacts & {
    readonly mediationId: string;
    readonly parties: readonly Party[];
    readonly partyCount: number;
    readonly claimedAmountFen: number | null;
    readonly registeredOn: string;
    readonly referredFrom: ReferredFrom | null;
  }
>;

export type MediationRejected = Event<
  'MediationRejected',
  MediationFacts & {
    readonly mediationId: string;
    readonly reason: RejectionReason;
    readonly rejectedOn: string;
  }
>;

/** Claimed amount and person-times count on `acceptedOn`, so they travel with the acceptance. */
export type MediationAccepted = Event<
  'MediationAccepted',
  MediationFacts & {
    readonly mediationId: string;
    readonly acceptedOn: string;
    readonly dueOn: string;
    readonly mediatorIds: readonly string[];
    readonly partyCount: number;
    readonly claimedAmountFen: number | null;
  }
>;

export type MediationSessionRecorded = Event<
  'MediationSessionRecorded',
  {
    readonly mediationId: string;
    readonly heldOn: string;
    /** 1 for the first session recorded on this mediation. */
    readonly sessionNumber: number;
  }
>;

export type MediationAgreementReached = Event<
  'MediationAgreementReached',
  MediationFacts &
    ConclusionTiming & {
      readonly mediationId: string;
      readonly form: AgreementForm;
      readonly effectiveOn: string;
      readonly agreedAmountFen: number;
    }
>;

export type MediationTerminated = Event<
  'MediationTerminated',
  MediationFacts &
    ConclusionTiming & {
      readonly mediationId: string;
      readonly reason: TerminationReason;
      readonly terminatedOn: string;
    }
>;

export type MediationDueDateExtended = Event<
  'MediationDueDateExtended',
  {
    readonly mediationId: string;
    readonly previousDueOn: string;
    readonly newDueOn: string;
    /** Both parties consented; the record of that consent is the point of the event. */
    readonly partiesConsented: true;
  }
>;

export type MediationMediatorsReassigned = Event<
  'MediationMediatorsReassigned',
  {
    readonly mediationId: string;
    readonly previousMediatorIds: readonly string[];
    readonly mediatorIds: readonly string[];
  }
>;

export type MediationJudicialConfirmationApplied = Event<
  'MediationJudicialConfirmationApplied',
  {
    readonly mediationId: string;
    readonly appliedOn: string;
    /** The agreement's effective date the 30-day window ran from. */
    readonly effectiveOn: string;
  }
>;

export type MediationJudicialConfirmationDecided = Event<
  'MediationJudicialConfirmationDecided',
  {
    readonly mediationId: string;
    readonly result: ConfirmationResult;
    readonly decidedOn: string;
  }
>;

export type MediationPerformanceRecorded = Event<
  'MediationPerformanceRecorded',
  {
    readonly mediationId: string;
    readonly performance: Performance;
    readonly recordedOn: string;
  }
>;

export type MediationClosed = Event<
  'MediationClosed',
  {
    readonly mediationId: string;
    readonly closedOn: string;
    readonly outcome: 'agreed' | 'terminated';
    /** The conclusion date statistics count on (closing itself counts nowhere). */
    readonly concludedOn: string;
  }
>;

/**
 * Still at work after the end of the due date (the deadline worker's flag).
 * Once per due date: an extension sets a date that can be overrun again.
 */
export type MediationOverdue = Event<
  'MediationOverdue',
  {
    readonly mediationId: string;
    readonly orgUnitId: string;
    readonly dueOn: string;
    readonly markedOn: string;
  }
>;

export type MediationEvent =
  | MediationRegistered
  | MediationRejected
  | MediationAccepted
  | MediationSessionRecorded
  | MediationAgreementReached
  | MediationTerminated
  | MediationDueDateExtended
  | MediationMediatorsReassigned
  | MediationJudicialConfirmationApplied
  | MediationJudicialConfirmationDecided
  | MediationPerformanceRecorded
  | MediationClosed
  | MediationOverdue;

export type MediationEventType = MediationEvent['type'];
