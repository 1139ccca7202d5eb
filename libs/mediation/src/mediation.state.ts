import { assertNever } from '@pls/event-sourcing';
import type {
  AgreementForm,
  CategoryCode,
  ConfirmationResult,
  MediationKind,
  MediationSource,
  Performance,
  RejectionReason,
  TerminationReason,
} from '@pls/reference';
import type { ConclusionTiming, MediationEvent, MediationFacts, Party, ReferredFrom } from './mediation.events';

/** What registration established; it never changes afterwards. */
export interface MediationRecord {
  readonly id: string;
  readonly orgUnitId: string;
  readonly kind: MediationKind;
  readonly source: MediationSource;
  readonly category: CategoryCode;
  readonly parties: readonly Party[];
  readonly claimedAmountFen: number | null;
  readonly registeredOn: string;
  readonly referredFrom: ReferredFrom | null;
}

/** What acceptance set up and the handling since then changed. */
export interface Handling {
  readonly acceptedOn: string;
  readonly dueOn: string;
  readonly mediatorIds: readonly string[];
  readonly sessionDates: readonly string[];
  /** The due date the mediation was flagged overdue for (`MediationOverdue`), if any. */
  readonly overdueFor?: string;
}

export interface JudicialConfirmation {
  readonly appliedOn: string;
  readonly result: ConfirmationResult | null;
  readonly decidedOn: string | null;
}

export interface PerformanceRecord {
  readonly performance: Performance;
  readonly recordedOn: string;
}

export interface Agreement {
  readonly form: AgreementForm;
  readonly effectiveOn: string;
  readonly agreedAmountFen: number;
  readonly confirmation: JudicialConfirmation | null;
  readonly performances: readonly PerformanceRecord[];
}

export interface Termination {
  readonly reason: TerminationReason;
  readonly terminatedOn: string;
}

export interface Rejection {
  readonly reason: RejectionReason;
  readonly rejectedOn: string;
}

interface Handled {
  readonly record: MediationRecord;
  readonly handling: Handling;
}

export type NoMediation = { readonly status: 'none' };
export type RegisteredMediation = { readonly status: 'registered'; readonly record: MediationRecord };
export type RejectedMediation = { readonly status: 'rejected'; readonly record: MediationRecord; readonly rejection: Rejection };
export type AcceptedMediation = Handled & { readonly status: 'accepted' };
export type InSessionMediation = Handled & { readonly status: 'in-session' };
export type AgreedMediation = Handled & { readonly status: 'agreed'; readonly agreement: Agreement };
export type PerformingMediation = Handled & { readonly status: 'performing'; readonly agreement: Agreement };
export type TerminatedMediation = Handled & { readonly status: 'terminated'; readonly termination: Termination };
/** Closing files the record: everything it held stays readable under `filed`. */
export type ClosedMediation = { readonly status: 'closed'; readonly closedOn: string; readonly filed: ConcludedMediation };

export type MediationState =
  | NoMediation
  | RegisteredMediation
  | RejectedMediation
  | AcceptedMediation
  | InSessionMediation
  | AgreedMediation
  | PerformingMediation
  | TerminatedMediation
  | ClosedMediation;

export type MediationStatus = MediationState['status'];
export type MediationIn<S extends MediationStatus> = Extract<MediationState, { status: S }>;

/** Mediators at work: sessions, agreement, termination, extension and reassignment happen here. */
export const IN_PROGRESS = ['accepted', 'in-session'] as const;
/** An agreement stands: judicial confirmation and performance follow-up happen here. */
export const AGREED = ['agreed', 'performing'] as const;
/** Concluded and not yet filed: the only states that can be closed. */
export const CONCLUDED = ['agreed', 'performing', 'terminated'] as const;

export type InProgressMediation = MediationIn<(typeof IN_PROGRESS)[number]>;
export type AgreementMediation = MediationIn<(typeof AGREED)[number]>;
export type ConcludedMediation = MediationIn<(typeof CONCLUDED)[number]>;

export const initialState: MediationState = { status: 'none' };

export function hasStatus<S extends MediationStatus>(state: MediationState, statuses: readonly S[]): state is MediationIn<S> {
  return (statuses as readonly MediationStatus[]).includes(state.status);
}

/** The registration facts, wherever the record is in its life; `null` before registration. */
export function recordOf(state: MediationState): MediationRecord | null {
  switch (state.status) {
    case 'none':
      return null;
    case 'closed':
      return state.filed.record;
    default:
      return state.record;
  }
}

export function orgUnitOf(state: MediationState): string | null {
  return recordOf(state)?.orgUnitId ?? null;
}

export function factsOf(record: MediationRecord): MediationFacts {
  return { orgUnitId: record.orgUnitId, kind: record.kind, source: record.source, category: record.category };
}

/** On time: concluded on or before the due date as it stands (extensions included). */
export function timingOf(handling: Handling, concludedOn: string): ConclusionTiming {
  return { acceptedOn: handling.acceptedOn, dueOn: handling.dueOn, onTime: concludedOn <= handling.dueOn };
}

export interface Conclusion {
  readonly outcome: 'agreed' | 'terminated';
  /** The agreement's `effectiveOn` or the `terminatedOn`: the day statistics count the conclusion. */
  readonly concludedOn: string;
}

export function conclusionOf(state: ConcludedMediation): Conclusion {
  return state.status === 'terminated'
    ? { outcome: 'terminated', concludedOn: state.termination.terminatedOn }
    : { outcome: 'agreed', concludedOn: state.agreement.effectiveOn };
}

/**
 * Folds one event. An event that does not fit the state cannot come from this
 * decider; it leaves the state as it was rather than inventing one.
 */
export function evolve(state: MediationState, event: MediationEvent): MediationState {
  switch (event.type) {
    case 'MediationRegistered': {
      if (state.status !== 'none') return state;
      const { mediationId, orgUnitId, kind, source, category, parties, claimedAmountFen, registeredOn, referredFrom } = event.data;
      return {
        status: 'registered',
        record: { id: mediationId, orgUnitId, kind, source, category, parties, claimedAmountFen, registeredOn, referredFrom },
      };
    }
    case 'MediationRejected': {
      if (state.status !== 'registered') return state;
      const { reason, rejectedOn } = event.data;
      return { status: 'rejected', record: state.record, rejection: { reason, rejectedOn } };
    }
    case 'MediationAccepted': {
      if (state.status !== 'registered') return state;
      const { acceptedOn, dueOn, mediatorIds } = event.data;
      return { status: 'accepted', record: state.record, handling: { acceptedOn, dueOn, mediatorIds, sessionDates: [] } };
    }
    case 'MediationSessionRecorded':
      if (!hasStatus(state, IN_PROGRESS)) return state;
      return { ...state, status: 'in-session', handling: { ...state.handling, sessionDates: [...state.handling.sessionDates, event.data.heldOn] } };
    case 'MediationDueDateExtended':
      if (!hasStatus(state, IN_PROGRESS)) return state;
      return { ...state, handling: { ...state.handling, dueOn: event.data.newDueOn } };
    case 'MediationMediatorsReassigned':
      if (!hasStatus(state, IN_PROGRESS)) return state;
      return { ...state, handling: { ...state.handling, mediatorIds: event.data.mediatorIds } };
    case 'MediationAgreementReached': {
      if (!hasStatus(state, IN_PROGRESS)) return state;
      const { form, effectiveOn, agreedAmountFen } = event.data;
      return {
        status: 'agreed',
        record: state.record,
        handling: state.handling,
        agreement: { form, effectiveOn, agreedAmountFen, confirmation: null, performances: [] },
      };
    }
    case 'MediationTerminated': {
      if (!hasStatus(state, IN_PROGRESS)) return state;
      const { reason, terminatedOn } = event.data;
      return { status: 'terminated', record: state.record, handling: state.handling, termination: { reason, terminatedOn } };
    }
    case 'MediationJudicialConfirmationApplied':
      if (!hasStatus(state, AGREED)) return state;
      return { ...state, agreement: { ...state.agreement, confirmation: { appliedOn: event.data.appliedOn, result: null, decidedOn: null } } };
    case 'MediationJudicialConfirmationDecided': {
      if (!hasStatus(state, AGREED) || state.agreement.confirmation === null) return state;
      const { result, decidedOn } = event.data;
      return { ...state, agreement: { ...state.agreement, confirmation: { ...state.agreement.confirmation, result, decidedOn } } };
    }
    case 'MediationPerformanceRecorded': {
      if (!hasStatus(state, AGREED)) return state;
      const { performance, recordedOn } = event.data;
      return {
        ...state,
        status: 'performing',
        agreement: { ...state.agreement, performances: [...state.agreement.performances, { performance, recordedOn }] },
      };
    }
    case 'MediationOverdue':
      if (!hasStatus(state, IN_PROGRESS)) return state;
      return { ...state, handling: { ...state.handling, overdueFor: event.data.dueOn } };
    case 'MediationClosed':
      if (!hasStatus(state, CONCLUDED)) return state;
      return { status: 'closed', closedOn: event.data.closedOn, filed: state };
    default:
      return assertNever(event, 'mediation event');
  }
}
