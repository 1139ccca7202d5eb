/**
 * Events in plain words: "who did what, when" for the record timeline and
 * for the "what changed" view of a stale-version conflict.
 */
import type { HistoryEvent } from '../api/client';
import { formatDuration, formatInstant } from '../lib/dates';
import { fenToYuan } from '../lib/money';

export interface Words {
  readonly t: (key: string, vars?: Record<string, string | number | null | undefined>) => string;
  readonly label: (kind: string, code: string | null | undefined) => string;
  readonly unit: (id: string | null | undefined) => string;
}

export interface Described {
  readonly title: string;
  readonly detail: string | null;
  /** The business date or instant the fact counts on, if the event carries one. */
  readonly effective: string | null;
  readonly tone: 'blue' | 'green' | 'red' | 'gray' | 'orange';
  /** Another record the event points at (the work order a call became, the mediation a consultation opened). */
  readonly link: { collection: string; id: string } | null;
}

const yuan = (fen: unknown) => (typeof fen === 'number' ? fenToYuan(fen) : null);

export function describeEvent(e: HistoryEvent, w: Words): Described {
  const d = e.data ?? {};
  const { t, label, unit } = w;
  const make = (title: string, detail: string | null, effective: string | null = null, tone: Described['tone'] = 'blue', link: Described['link'] = null): Described => ({
    title,
    detail,
    effective,
    tone,
    link,
  });
  switch (e.type) {
    // hotline calls
    case 'HotlineCallLogged':
      return make(
        t('ev.HotlineCallLogged', { outcome: label('outcome', d.outcome), class: label('callClass', d.class) }),
        [
          d.category ? label('category', d.category) : null,
          t('ev.callTimes', { offered: formatInstant(d.offeredAt, true), wait: formatDuration(d.waitSeconds), talk: formatDuration(d.talkSeconds) }),
          d.callerPersonId ? t('ev.callerOnFile') : t('ev.callerUnknown'),
        ]
          .filter(Boolean)
          .join(' · '),
        d.offeredOn,
        d.outcome === 'answered' ? 'blue' : 'orange',
      );
    case 'HotlineCallbackAttempted':
      return make(t(d.reached ? 'ev.callbackReached' : 'ev.callbackFailed'), formatInstant(d.at), d.offeredOn, d.reached ? 'green' : 'orange');
    case 'HotlineCallHandedOver':
      return make(
        t('ev.HotlineCallHandedOver', { unit: unit(d.assignToOrgUnitId) }),
        d.urgent ? t('ev.urgent') : null,
        null,
        'blue',
        d.workOrderId ? { collection: 'work-orders', id: d.workOrderId } : null,
      );
    case 'HotlineCallClosed':
      return make(t('ev.HotlineCallClosed'), null, null, 'gray');
    case 'HotlineCallbackOverdue':
    case 'HotlineCallCallbackOverdue':
      return make(t('ev.callbackOverdue'), null, null, 'red');

    // work orders
    case 'WorkOrderCreated':
      return make(
        t('ev.WorkOrderCreated', { class: label('callClass', d.class) }),
        [d.category ? label('category', d.category) : null, d.urgent ? t('ev.urgent') : null].filter(Boolean).join(' · ') || null,
        d.createdOn,
        'blue',
        d.callId ? { collection: 'hotline-calls', id: d.callId } : null,
      );
    case 'WorkOrderAssigned':
      return make(t('ev.WorkOrderAssigned', { unit: unit(d.orgUnitId) }), null, d.assignedOn);
    case 'WorkOrderAcknowledged':
      return make(t('ev.WorkOrderAcknowledged', { unit: unit(d.orgUnitId) }), null, null, 'green');
    case 'WorkOrderReturned':
      return make(t('ev.WorkOrderReturned', { unit: unit(d.fromOrgUnitId) }), label('returnReason', d.reason), d.returnedOn, 'orange');
    case 'WorkOrderReplyDeadlineExtended':
      return make(t('ev.WorkOrderReplyDeadlineExtended', { n: d.workingDays }), null, d.extendedOn, 'orange');
    case 'WorkOrderReplied':
      return make(t('ev.WorkOrderReplied'), d.resultCode ? label('replyResult', d.resultCode) : null, d.repliedOn, 'green');
    case 'WorkOrderVisited':
      return make(
        t('ev.WorkOrderVisited'),
        label('satisfaction', d.satisfaction),
        d.visitedOn,
        d.satisfaction === 'unsatisfied' || d.satisfaction === 'very-unsatisfied' ? 'red' : 'green',
      );
    case 'WorkOrderReopened':
      return make(t('ev.WorkOrderReopened'), null, d.reopenedOn, 'orange');
    case 'WorkOrderClosed':
      return make(t(d.withoutVisit ? 'ev.WorkOrderClosedWithoutVisit' : 'ev.WorkOrderClosed'), null, d.closedOn, 'gray');
    case 'WorkOrderSupervised':
      return make(t('ev.WorkOrderSupervised'), label('supervisionReason', d.reason), d.supervisedOn ?? null, 'red');

    // consultations
    case 'ConsultationOpened':
      return make(
        t('ev.ConsultationOpened', { channel: label('channel', d.channel) }),
        [label('category', d.category), t('ev.personsServed', { n: d.personsServed })].join(' · '),
        d.receivedOn,
      );
    case 'ConsultationAnswered':
      return make(t('ev.ConsultationAnswered'), formatInstant(d.answeredAt), d.answeredOn, 'green');
    case 'ConsultationReferred':
      return make(
        t('ev.ConsultationReferred', { target: label('referralTarget', d.target) }),
        d.targetOrgUnitId ? unit(d.targetOrgUnitId) : null,
        d.referredOn,
        'orange',
        d.mediationId ? { collection: 'mediations', id: d.mediationId } : null,
      );

    // mediations
    case 'MediationRegistered':
      return make(
        t('ev.MediationRegistered', { kind: label('kind', d.kind), source: label('source', d.source) }),
        [
          label('category', d.category),
          t('ev.parties', { n: d.partyCount ?? d.parties?.length ?? 0 }),
          d.claimedAmountFen != null ? t('ev.claimed', { amount: yuan(d.claimedAmountFen) }) : t('ev.noClaimed'),
        ].join(' · '),
        d.registeredOn,
        'blue',
        d.referredFrom ? { collection: d.referredFrom.collection, id: d.referredFrom.id } : null,
      );
    case 'MediationRejected':
      return make(t('ev.MediationRejected'), label('rejectionReason', d.reason), d.rejectedOn, 'gray');
    case 'MediationAccepted':
      return make(t('ev.MediationAccepted', { n: d.mediatorIds?.length ?? 0 }), t('ev.dueOn', { date: d.dueOn }), d.acceptedOn, 'blue');
    case 'MediationSessionRecorded':
      return make(t('ev.MediationSessionRecorded', { n: d.sessionNumber ?? '' }), null, d.heldOn);
    case 'MediationAgreementReached':
      return make(
        t('ev.MediationAgreementReached', { form: label('agreementForm', d.form) }),
        t('ev.agreed', { amount: yuan(d.agreedAmountFen) }),
        d.effectiveOn,
        'green',
      );
    case 'MediationTerminated':
      return make(t('ev.MediationTerminated'), label('terminationReason', d.reason), d.terminatedOn, 'red');
    case 'MediationDueDateExtended':
      return make(t('ev.MediationDueDateExtended', { from: d.previousDueOn, to: d.newDueOn }), t('ev.partiesConsented'), null, 'orange');
    case 'MediationMediatorsReassigned':
      return make(t('ev.MediationMediatorsReassigned', { n: d.mediatorIds?.length ?? 0 }), null);
    case 'MediationJudicialConfirmationApplied':
      return make(t('ev.MediationJudicialConfirmationApplied'), null, d.appliedOn);
    case 'MediationJudicialConfirmationDecided':
      return make(t('ev.MediationJudicialConfirmationDecided'), label('confirmationResult', d.result), d.decidedOn, d.result === 'confirmed' ? 'green' : 'orange');
    case 'MediationPerformanceRecorded':
      return make(t('ev.MediationPerformanceRecorded'), label('performance', d.performance), d.recordedOn, d.performance === 'full' ? 'green' : 'orange');
    case 'MediationClosed':
      return make(t('ev.MediationClosed'), d.outcome ? label('outcome', d.outcome) : null, d.closedOn, 'gray');
    case 'MediationOverdue':
      return make(t('ev.MediationOverdue'), t('ev.dueOn', { date: d.dueOn }), d.markedOn, 'red');

    // lectures
    case 'LecturePlanned':
      return make(t('ev.LecturePlanned'), d.topic ?? null, d.plannedOn);
    case 'LectureHeld':
      return make(t('ev.LectureHeld'), t('ev.attendees', { n: d.attendees }), d.heldOn, 'green');
    case 'LectureCancelled':
      return make(t('ev.LectureCancelled'), d.reason ? label('cancelReason', d.reason) : null, null, 'gray');

    // org units
    case 'OrgUnitRegistered':
      return make(t('ev.OrgUnitRegistered', { name: d.name, level: label('level', d.level) }), d.parentId ? unit(d.parentId) : null);
    case 'OrgUnitRenamed':
      return make(t('ev.OrgUnitRenamed', { name: d.name }), null);
    case 'OrgUnitMoved':
      return make(t('ev.OrgUnitMoved', { from: unit(d.fromParentId), to: unit(d.toParentId) }), null, d.effectiveOn);
    case 'OrgUnitClosed':
      return make(t('ev.OrgUnitClosed'), null, d.closedOn, 'gray');
    default:
      return make(e.type, null, null, 'gray');
  }
}

/** Who did it, as far as the event says: the current user, another user, or nobody signed in. */
export function describeActor(e: HistoryEvent, w: Words, currentUserId: string | null): string {
  const actor = e.metadata?.['actorId'] as string | null | undefined;
  const via = e.metadata?.['orgUnitId'] as string | undefined;
  const who = !actor ? w.t('who.anonymous') : actor === currentUserId ? w.t('who.me') : w.t('who.user', { id: actor.slice(0, 8) });
  return via ? `${who} · ${w.unit(via)}` : who;
}
