import type { ConsultationEvent } from '@pls/consultation';
import type { RecordedEvent } from '@pls/event-store';
import { isSatisfied, type HotlineCallEvent, type WorkOrderEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { LectureEvent } from '@pls/outreach';
import { reportCategory } from '@pls/reference';
import { DEFAULT_SHORT_ABANDON_SECONDS, TIMELY_ANSWER_SECONDS, type FactMetric, type RecordType } from '../statistics.metrics';

/** One countable fact: a row of `stat_facts`. */
export interface Fact {
  /** `<event id>:<metric>`: a replayed event cannot count twice. */
  readonly factId: string;
  readonly recordId: string;
  readonly recordType: RecordType;
  readonly metric: FactMetric;
  /** The Asia/Shanghai business date the fact counts on (API.md "Which day a fact counts on"). */
  readonly businessDay: string;
  /** The unit the record belonged to when the event happened. */
  readonly unitId: string;
  /** Two-digit report category (sub-codes roll up); `null` when the record has none. */
  readonly category: string | null;
  readonly kind: string | null;
  readonly source: string | null;
  /** Claimed amount on `mediation.accepted` (`null`: none given), agreed amount on `mediation.succeeded`. */
  readonly amountFen: number | null;
  /** Party count, persons served or attendees. */
  readonly countValue: number | null;
  /** On conclusions: concluded on or before the (extended) due date. */
  readonly onTime: boolean | null;
  /** The event's `recordedAt`, normalised to `toISOString()` so instants compare as strings. */
  readonly recordedAt: string;
  readonly position: number;
}

export interface FactOptions {
  /** Missed calls abandoned after fewer seconds are not offered (default 5). */
  readonly shortAbandonSeconds?: number;
}

/** What a fact of an event needs to know beyond the event itself. */
export interface FactContext {
  /** The call's category, for its callbacks (which carry none). */
  callCategory(callId: string): string | null;
}

type StatEvent = MediationEvent | ConsultationEvent | HotlineCallEvent | WorkOrderEvent | LectureEvent;

const NO_CONTEXT: FactContext = { callCategory: () => null };

/** The id part of a `<category>-<id>` stream name (categories hold no dash). */
export function recordIdOf(stream: string): string {
  return stream.slice(stream.indexOf('-') + 1);
}

export function normaliseInstant(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

function category(code: string | null | undefined): string | null {
  return code === null || code === undefined ? null : reportCategory(code);
}

/**
 * The facts one event contributes. Pure: everything comes from the event
 * (every counted event carries its unit, category and business date) except a
 * callback's category, which `context` supplies from the call.
 */
export function factsOf(recorded: RecordedEvent, options: FactOptions = {}, context: FactContext = NO_CONTEXT): Fact[] {
  const event = { type: recorded.type, data: recorded.data } as StatEvent;
  const recordId = recordIdOf(recorded.stream);
  const base = { recordId, recordedAt: normaliseInstant(recorded.recordedAt), position: recorded.position };
  const make = (
    recordType: RecordType,
    metric: FactMetric,
    businessDay: string,
    unitId: string,
    more: Partial<Pick<Fact, 'category' | 'kind' | 'source' | 'amountFen' | 'countValue' | 'onTime'>> = {},
  ): Fact => ({
    factId: `${recorded.id}:${metric}`,
    ...base,
    recordType,
    metric,
    businessDay,
    unitId,
    category: more.category ?? null,
    kind: more.kind ?? null,
    source: more.source ?? null,
    amountFen: more.amountFen ?? null,
    countValue: more.countValue ?? null,
    onTime: more.onTime ?? null,
  });

  switch (event.type) {
    // --- mediation: rejected registrations count in none of the rates (DOMAIN.md).
    case 'MediationAccepted': {
      const d = event.data;
      const dims = { category: category(d.category), kind: d.kind, source: d.source };
      return [
        make('mediation', 'mediation.accepted', d.acceptedOn, d.orgUnitId, {
          ...dims,
          amountFen: d.claimedAmountFen,
          countValue: d.partyCount,
        }),
      ];
    }
    case 'MediationAgreementReached': {
      const d = event.data;
      const dims = { category: category(d.category), kind: d.kind, source: d.source };
      return [
        make('mediation', 'mediation.succeeded', d.effectiveOn, d.orgUnitId, { ...dims, amountFen: d.agreedAmountFen, onTime: d.onTime }),
      ];
    }
    case 'MediationTerminated': {
      const d = event.data;
      const dims = { category: category(d.category), kind: d.kind, source: d.source };
      return [make('mediation', 'mediation.terminated', d.terminatedOn, d.orgUnitId, { ...dims, onTime: d.onTime })];
    }
    case 'MediationRejected': {
      const d = event.data;
      return [
        make('mediation', 'mediation.rejected', d.rejectedOn, d.orgUnitId, {
          category: category(d.category),
          kind: d.kind,
          source: d.source,
        }),
      ];
    }

    // --- consultation: the consultation and its referral count on receivedOn.
    case 'ConsultationOpened': {
      const d = event.data;
      return [
        make('consultation', 'consultation.opened', d.receivedOn, d.orgUnitId, {
          category: category(d.category),
          countValue: d.personsServed,
        }),
      ];
    }
    case 'ConsultationAnswered': {
      const d = event.data;
      return [make('consultation', 'consultation.closed', d.answeredOn, d.orgUnitId, { category: category(d.category) })];
    }
    case 'ConsultationReferred': {
      const d = event.data;
      const dims = { category: category(d.category) };
      return [
        make('consultation', 'consultation.referred', d.receivedOn, d.orgUnitId, dims),
        make('consultation', 'consultation.closed', d.referredOn, d.orgUnitId, dims),
      ];
    }

    // --- hotline calls: everything counts on the call's offeredOn.
    case 'HotlineCallLogged': {
      const d = event.data;
      const dims = { category: category(d.category) };
      const threshold = options.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS;
      const facts: Fact[] = [];
      const offered = d.outcome !== 'missed' || d.waitSeconds >= threshold;
      if (offered) facts.push(make('hotline-call', 'hotline.offered', d.offeredOn, d.orgUnitId, dims));
      if (d.outcome === 'missed') facts.push(make('hotline-call', 'hotline.missed', d.offeredOn, d.orgUnitId, dims));
      if (d.outcome === 'answered' && d.answeredAt !== null) {
        facts.push(make('hotline-call', 'hotline.answered', d.offeredOn, d.orgUnitId, dims));
        // 及时接听: at most 15 s between offer and answer, read from the instants (waitSeconds is truncated).
        if (Date.parse(d.answeredAt) - Date.parse(d.offeredAt) <= TIMELY_ANSWER_SECONDS * 1000) {
          facts.push(make('hotline-call', 'hotline.answeredWithin15s', d.offeredOn, d.orgUnitId, dims));
        }
      }
      return facts;
    }
    case 'HotlineCallbackAttempted': {
      const d = event.data;
      // The decider takes no callback after a reached one: one reached fact per call at most.
      if (!d.reached) return [];
      return [make('hotline-call', 'hotline.callbackReached', d.offeredOn, d.orgUnitId, { category: context.callCategory(recordId) })];
    }
    case 'HotlineCallHandedOver':
    case 'HotlineCallClosed':
      return [];

    // --- work orders: each fact at the unit the event names as responsible.
    case 'WorkOrderCreated': {
      const d = event.data;
      const dims = { category: category(d.category) };
      return [
        // Counted at the unit the order is handed to: a township sees the orders it received.
        make('work-order', 'workOrder.created', d.createdOn, d.assignToOrgUnitId, dims),
        make('work-order', 'workOrder.routed', d.createdOn, d.orgUnitId, dims),
      ];
    }
    case 'WorkOrderAssigned':
      return [
        make('work-order', 'workOrder.routed', event.data.assignedOn, event.data.orgUnitId, { category: category(event.data.category) }),
      ];
    case 'WorkOrderReturned':
      return [
        make('work-order', 'workOrder.routed', event.data.returnedOn, event.data.orgUnitId, { category: category(event.data.category) }),
      ];
    case 'WorkOrderReopened':
      return [
        make('work-order', 'workOrder.routed', event.data.reopenedOn, event.data.orgUnitId, { category: category(event.data.category) }),
      ];
    case 'WorkOrderReplied':
      return [
        make('work-order', 'workOrder.replied', event.data.repliedOn, event.data.orgUnitId, { category: category(event.data.category) }),
      ];
    case 'WorkOrderVisited': {
      const d = event.data;
      const dims = { category: category(d.category) };
      const facts = [make('work-order', 'workOrder.visited', d.visitedOn, d.orgUnitId, dims)];
      if (isSatisfied(d.satisfaction)) facts.push(make('work-order', 'workOrder.satisfied', d.visitedOn, d.orgUnitId, dims));
      return facts;
    }
    case 'WorkOrderSupervised':
      return [
        make('work-order', 'workOrder.supervised', event.data.supervisedOn, event.data.orgUnitId, {
          category: category(event.data.category),
        }),
      ];
    case 'WorkOrderClosed':
      return [
        make('work-order', 'workOrder.closed', event.data.closedOn, event.data.orgUnitId, { category: category(event.data.category) }),
      ];
    case 'WorkOrderAcknowledged':
    case 'WorkOrderReplyDeadlineExtended':
      return [];

    // --- lectures: 场次 and 人次 on heldOn.
    case 'LectureHeld':
      return [make('lecture', 'lecture.held', event.data.heldOn, event.data.orgUnitId, { countValue: event.data.attendees })];

    default:
      return [];
  }
}
