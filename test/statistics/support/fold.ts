/* The statistics of API.md computed straight from the raw events, in memory,
 * by rules restated here from DOMAIN.md / API.md — sharing no code with the
 * projection or its SQL. The property test holds the read side to it. */
import type { RecordedEvent } from '@pls/event-store';

export type By = 'category' | 'orgUnit' | 'kind' | 'source' | 'month';
export type Definition = 'reported' | 'concluded' | 'cohort';

export interface Ask {
  orgUnitId: string;
  from: string;
  to: string;
  /** Normalised ISO instant or null (everything). */
  asOf: string | null;
  successRate: Definition;
}

interface Acc {
  accepted: number;
  succeeded: number;
  terminated: number;
  rejected: number;
  onTime: number;
  claimed: number;
  claimedMissing: number;
  agreedAmount: number;
  personTimes: number;
  cohortAgreed: number;
  consultations: number;
  personsServed: number;
  referred: number;
  offered: number;
  answered: number;
  within15: number;
  missed: number;
  callbacksReached: number;
  created: number;
  replied: number;
  visited: number;
  satisfied: number;
  overdue: number;
  held: number;
  attendees: number;
}

const zero = (): Acc => ({
  accepted: 0,
  succeeded: 0,
  terminated: 0,
  rejected: 0,
  onTime: 0,
  claimed: 0,
  claimedMissing: 0,
  agreedAmount: 0,
  personTimes: 0,
  cohortAgreed: 0,
  consultations: 0,
  personsServed: 0,
  referred: 0,
  offered: 0,
  answered: 0,
  within15: 0,
  missed: 0,
  callbacksReached: 0,
  created: 0,
  replied: 0,
  visited: 0,
  satisfied: 0,
  overdue: 0,
  held: 0,
  attendees: 0,
});

/** A point-in-time view of the log: the org tree in business time, and the events known at `asOf`. */
export class Known {
  readonly events: RecordedEvent[];
  private readonly parents = new Map<string, Array<{ parent: string | null; since: string }>>();

  constructor(all: readonly RecordedEvent[], asOf: string | null) {
    this.events = all.filter((e) => asOf === null || new Date(e.recordedAt).toISOString() <= asOf);
    for (const e of this.events) {
      const d = e.data as any;
      if (e.type === 'OrgUnitRegistered') this.parents.set(d.orgUnitId, [{ parent: d.parentId, since: '' }]);
      if (e.type === 'OrgUnitMoved') this.parents.get(d.orgUnitId)?.push({ parent: d.toParentId, since: d.effectiveOn });
    }
  }

  /** The unit, its parent, grandparent … on `day`. */
  chain(unit: string, day: string): string[] {
    const out = [unit];
    let current: string | null = unit;
    while (current !== null) {
      const periods = this.parents.get(current);
      if (!periods) break;
      let parent: string | null = null;
      for (const p of periods) if (p.since <= day) parent = p.parent;
      if (parent !== null) out.push(parent);
      current = parent;
    }
    return out;
  }

  /** `undefined` when outside `root`'s subtree on `day`; else the direct child of root it rolls up through (or root). */
  childOf(root: string, unit: string, day: string): string | undefined {
    const chain = this.chain(unit, day);
    const i = chain.indexOf(root);
    if (i < 0) return undefined;
    return i === 0 ? root : chain[i - 1];
  }
}

interface Dims {
  unit: string;
  day: string;
  category: string | null;
  kind: string | null;
  source: string | null;
}

const SATISFIED = new Set(['very-satisfied', 'satisfied']);

/** Every group's figures (`by = null`: the single group `null`). */
export function foldFigures(all: readonly RecordedEvent[], ask: Ask, by: By | null): Map<string | null, ReturnType<typeof areas>> {
  const known = new Known(all, ask.asOf);
  const groups = new Map<string | null, Acc>();
  const place = (d: Dims): Acc | undefined => {
    if (d.day < ask.from || d.day >= ask.to) return undefined;
    const child = known.childOf(ask.orgUnitId, d.unit, d.day);
    if (child === undefined) return undefined;
    const key =
      by === null
        ? null
        : by === 'orgUnit'
          ? child
          : by === 'month'
            ? d.day.slice(0, 7)
            : by === 'category'
              ? d.category
              : by === 'kind'
                ? d.kind
                : d.source;
    let acc = groups.get(key);
    if (!acc) {
      acc = zero();
      groups.set(key, acc);
    }
    return acc;
  };

  const agreedRecords = new Set<string>();
  const callCategory = new Map<string, string | null>();
  for (const e of known.events) {
    if (e.type === 'MediationAgreementReached') agreedRecords.add((e.data as any).mediationId);
    if (e.type === 'HotlineCallLogged') callCategory.set((e.data as any).callId, (e.data as any).category);
  }
  const supervisions: Array<{ record: string; day: string; position: number; dims: Dims }> = [];

  for (const e of known.events) {
    const d = e.data as any;
    const med = (day: string): Dims => ({ unit: d.orgUnitId, day, category: d.category, kind: d.kind, source: d.source });
    const plain = (unit: string, day: string, category: string | null = null): Dims => ({ unit, day, category, kind: null, source: null });
    switch (e.type) {
      case 'MediationAccepted': {
        const acc = place(med(d.acceptedOn));
        if (!acc) break;
        acc.accepted += 1;
        if (d.claimedAmountFen === null) acc.claimedMissing += 1;
        else acc.claimed += d.claimedAmountFen;
        acc.personTimes += d.partyCount;
        if (agreedRecords.has(d.mediationId)) acc.cohortAgreed += 1;
        break;
      }
      case 'MediationAgreementReached': {
        const acc = place(med(d.effectiveOn));
        if (!acc) break;
        acc.succeeded += 1;
        acc.agreedAmount += d.agreedAmountFen;
        if (d.onTime) acc.onTime += 1;
        break;
      }
      case 'MediationTerminated': {
        const acc = place(med(d.terminatedOn));
        if (!acc) break;
        acc.terminated += 1;
        if (d.onTime) acc.onTime += 1;
        break;
      }
      case 'MediationRejected': {
        const acc = place(med(d.rejectedOn));
        if (acc) acc.rejected += 1;
        break;
      }
      case 'ConsultationOpened': {
        const acc = place(plain(d.orgUnitId, d.receivedOn, d.category));
        if (!acc) break;
        acc.consultations += 1;
        acc.personsServed += d.personsServed;
        break;
      }
      case 'ConsultationReferred': {
        const acc = place(plain(d.orgUnitId, d.receivedOn, d.category));
        if (acc) acc.referred += 1;
        break;
      }
      case 'HotlineCallLogged': {
        const acc = place(plain(d.orgUnitId, d.offeredOn, d.category));
        if (!acc) break;
        const abandonMs = Date.parse(d.endedAt) - Date.parse(d.offeredAt);
        if (d.outcome !== 'missed' || abandonMs >= 5000) acc.offered += 1;
        if (d.outcome === 'missed') acc.missed += 1;
        if (d.outcome === 'answered') {
          acc.answered += 1;
          if (Date.parse(d.answeredAt) - Date.parse(d.offeredAt) <= 15_000) acc.within15 += 1;
        }
        break;
      }
      case 'HotlineCallbackAttempted': {
        if (!d.reached) break;
        const callId = e.stream.slice('hotlinecall-'.length);
        const acc = place(plain(d.orgUnitId, d.offeredOn, callCategory.get(callId) ?? null));
        if (acc) acc.callbacksReached += 1;
        break;
      }
      case 'WorkOrderCreated': {
        const acc = place(plain(d.assignToOrgUnitId, d.createdOn, d.category));
        if (acc) acc.created += 1;
        break;
      }
      case 'WorkOrderReplied': {
        const acc = place(plain(d.orgUnitId, d.repliedOn, d.category));
        if (acc) acc.replied += 1;
        break;
      }
      case 'WorkOrderVisited': {
        const acc = place(plain(d.orgUnitId, d.visitedOn, d.category));
        if (!acc) break;
        acc.visited += 1;
        if (SATISFIED.has(d.satisfaction)) acc.satisfied += 1;
        break;
      }
      case 'WorkOrderSupervised':
        supervisions.push({
          record: e.stream,
          day: d.supervisedOn,
          position: e.position,
          dims: plain(d.orgUnitId, d.supervisedOn, d.category),
        });
        break;
      case 'LectureHeld': {
        const acc = place(plain(d.orgUnitId, d.heldOn));
        if (!acc) break;
        acc.held += 1;
        acc.attendees += d.attendees;
        break;
      }
    }
  }
  // 督办 counts work orders, not supervisions: the first one in the period and subtree places the order.
  const firsts = new Map<string, (typeof supervisions)[number]>();
  for (const s of supervisions) {
    if (s.day < ask.from || s.day >= ask.to || known.childOf(ask.orgUnitId, s.dims.unit, s.day) === undefined) continue;
    const first = firsts.get(s.record);
    if (!first || s.day < first.day || (s.day === first.day && s.position < first.position)) firsts.set(s.record, s);
  }
  for (const s of firsts.values()) place(s.dims)!.overdue += 1;

  if (by === null && !groups.has(null)) groups.set(null, zero());
  return new Map([...groups].map(([k, acc]) => [k, areas(acc, ask.successRate)]));
}

const rate = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

function areas(a: Acc, definition: Definition) {
  const concluded = a.succeeded + a.terminated;
  const numerator = definition === 'cohort' ? a.cohortAgreed : a.succeeded;
  const denominator = definition === 'concluded' ? concluded : a.accepted;
  return {
    mediation: {
      accepted: a.accepted,
      concluded,
      succeeded: a.succeeded,
      terminated: a.terminated,
      rejected: a.rejected,
      successRate: { ...rate(numerator, denominator), definition },
      onTimeRate: rate(a.onTime, concluded),
      claimedAmountFen: a.claimed,
      claimedAmountMissing: a.claimedMissing,
      agreedAmountFen: a.agreedAmount,
      personTimes: a.personTimes,
    },
    consultation: { count: a.consultations, personsServed: a.personsServed, referred: a.referred },
    hotline: {
      offered: a.offered,
      answered: a.answered,
      answerRate: rate(a.answered, a.offered),
      answeredWithin15s: a.within15,
      missed: a.missed,
      callbacksReached: a.callbacksReached,
    },
    workOrder: { created: a.created, replied: a.replied, visited: a.visited, satisfied: a.satisfied, overdue: a.overdue },
    lecture: { held: a.held, attendees: a.attendees },
  };
}

/** Open records on `on` (as known at `asOf`), over the subtree as it stood on `on`. */
export function foldBacklog(all: readonly RecordedEvent[], orgUnitId: string, on: string, asOf: string | null) {
  const known = new Known(all, asOf);
  const inside = (unit: string) => known.childOf(orgUnitId, unit, on) !== undefined;
  const mediations = new Map<string, { unit: string; open: boolean }>();
  const consultations = new Map<string, { unit: string; open: boolean }>();
  const workOrders = new Map<string, { holder: string | null; closed: boolean }>();
  for (const e of known.events) {
    const d = e.data as any;
    switch (e.type) {
      case 'MediationAccepted':
        if (d.acceptedOn <= on) mediations.set(d.mediationId, { unit: d.orgUnitId, open: true });
        break;
      case 'MediationAgreementReached':
      case 'MediationTerminated': {
        const m = mediations.get(d.mediationId);
        if (m && (d.effectiveOn ?? d.terminatedOn) <= on) m.open = false;
        break;
      }
      case 'ConsultationOpened':
        if (d.receivedOn <= on) consultations.set(d.consultationId, { unit: d.orgUnitId, open: true });
        break;
      case 'ConsultationAnswered':
      case 'ConsultationReferred': {
        const c = consultations.get(d.consultationId);
        if (c && (d.answeredOn ?? d.referredOn) <= on) c.open = false;
        break;
      }
      case 'WorkOrderCreated':
      case 'WorkOrderAssigned':
      case 'WorkOrderReturned':
      case 'WorkOrderReopened': {
        const onDay = d.createdOn ?? d.assignedOn ?? d.returnedOn ?? d.reopenedOn;
        const w = workOrders.get(e.stream) ?? { holder: null, closed: false };
        // Stream order is time order in the generated histories: the last handler on or before `on` holds it.
        if (onDay <= on) w.holder = d.orgUnitId;
        workOrders.set(e.stream, w);
        break;
      }
      case 'WorkOrderClosed': {
        const w = workOrders.get(e.stream);
        if (w && d.closedOn <= on) w.closed = true;
        break;
      }
    }
  }
  return {
    mediation: [...mediations.values()].filter((m) => m.open && inside(m.unit)).length,
    workOrder: [...workOrders.values()].filter((w) => w.holder !== null && !w.closed && inside(w.holder)).length,
    consultation: [...consultations.values()].filter((c) => c.open && inside(c.unit)).length,
  };
}
