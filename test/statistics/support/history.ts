/* Random but valid histories for the statistics property test: a small org
 * tree (two cities, three townships, four villages) with optional moves, and
 * records of every type whose streams follow their lifecycles, built with the
 * real event shapes and interleaved at random in the log — so records are
 * often entered after later ones, and moves land between facts. */
import type { ConsultationEvent } from '@pls/consultation';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import type { HotlineCallEvent, WorkOrderEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { OrgUnitEvent } from '@pls/org';
import type { LectureEvent } from '@pls/outreach';
import { addDays, shanghaiDate, type Satisfaction } from '@pls/reference';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

export const FIRST_DAY = '2021-01-25';
export const SPAN_DAYS = 45;
export const day = (i: number): string => addDays(FIRST_DAY, i);

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const UNITS = {
  C1: id(1),
  C2: id(2),
  T1: id(11),
  T2: id(12),
  T3: id(13),
  V1: id(101),
  V2: id(102),
  V3: id(103),
  V4: id(104),
} as const;
export const ALL_UNITS: readonly string[] = Object.values(UNITS);

const REGISTRATIONS: ReadonlyArray<[string, 'city' | 'township' | 'village', string | null]> = [
  [UNITS.C1, 'city', null],
  [UNITS.C2, 'city', null],
  [UNITS.T1, 'township', UNITS.C1],
  [UNITS.T2, 'township', UNITS.C1],
  [UNITS.T3, 'township', UNITS.C2],
  [UNITS.V1, 'village', UNITS.T1],
  [UNITS.V2, 'village', UNITS.T1],
  [UNITS.V3, 'village', UNITS.T2],
  [UNITS.V4, 'village', UNITS.T3],
];

type AnyEvent = MediationEvent | ConsultationEvent | HotlineCallEvent | WorkOrderEvent | LectureEvent | OrgUnitEvent;

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

export interface Planned {
  readonly stream: string;
  readonly event: AnyEvent;
}

const dayIndex = fc.integer({ min: 0, max: SPAN_DAYS - 1 });
const unit = fc.constantFrom(...ALL_UNITS);
const category = fc.constantFrom('01', '02', '04', '10', '99');
const SATISFACTIONS: readonly Satisfaction[] = ['very-satisfied', 'satisfied', 'basic', 'unsatisfied', 'very-unsatisfied'];

const mediationPlan = fc.record({
  type: fc.constant('mediation' as const),
  unit,
  category,
  kind: fc.constantFrom('people', 'administrative', 'judicial') as fc.Arbitrary<'people' | 'administrative' | 'judicial'>,
  source: fc.constantFrom('application', 'initiative', 'referral') as fc.Arbitrary<'application' | 'initiative' | 'referral'>,
  parties: fc.integer({ min: 2, max: 4 }),
  claimed: fc.option(fc.integer({ min: 0, max: 1_000_000_000_000 }), { nil: null }),
  registered: dayIndex,
  fate: fc.constantFrom('registered', 'rejected', 'accepted', 'agreed', 'terminated', 'agreed-closed'),
  acceptAfter: fc.integer({ min: 0, max: 4 }),
  concludeAfter: fc.integer({ min: 0, max: 35 }),
  dueDays: fc.constantFrom(30, 10, 3),
  extend: fc.boolean(),
  session: fc.boolean(),
  agreed: fc.integer({ min: 0, max: 10_000_000_000 }),
});

const consultationPlan = fc.record({
  type: fc.constant('consultation' as const),
  unit,
  category,
  received: dayIndex,
  hour: fc.integer({ min: 0, max: 23 }),
  persons: fc.integer({ min: 1, max: 5 }),
  fate: fc.constantFrom('open', 'answered', 'referred'),
  closeAfter: fc.integer({ min: 0, max: 6 }),
});

const workOrderPlan = fc.record({
  assignTo: unit,
  urgent: fc.boolean(),
  steps: fc.array(fc.nat({ max: 11 }), { maxLength: 9 }),
  delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
  ratings: fc.array(fc.constantFrom(...SATISFACTIONS), { minLength: 9, maxLength: 9 }),
  targets: fc.array(unit, { minLength: 3, maxLength: 3 }),
});

const callPlan = fc.record({
  type: fc.constant('call' as const),
  unit,
  category: fc.option(category, { nil: null }),
  offered: dayIndex,
  second: fc.integer({ min: 0, max: 86_399 }),
  outcome: fc.constantFrom('answered', 'missed', 'voicemail') as fc.Arbitrary<'answered' | 'missed' | 'voicemail'>,
  wait: fc.integer({ min: 0, max: 25 }),
  waitMs: fc.constantFrom(0, 500),
  talk: fc.integer({ min: 0, max: 900 }),
  callbacks: fc.array(fc.boolean(), { maxLength: 3 }),
  workOrder: fc.option(workOrderPlan, { nil: null }),
  cls: fc.constantFrom('consultation', 'complaint', 'suggestion') as fc.Arbitrary<'consultation' | 'complaint' | 'suggestion'>,
});

const lecturePlan = fc.record({
  type: fc.constant('lecture' as const),
  unit,
  planned: dayIndex,
  fate: fc.constantFrom('planned', 'held', 'cancelled'),
  heldDelta: fc.integer({ min: -3, max: 3 }),
  attendees: fc.integer({ min: 1, max: 300 }),
});

const movesPlan = fc.record({
  /** V1 moves from T1 to T2 on this day… */
  village: fc.option(dayIndex, { nil: null }),
  /** …and back to T1 this many days later. */
  back: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  /** T2 (with its villages) moves from C1 to C2 on this day. */
  township: fc.option(dayIndex, { nil: null }),
});

export type RecordPlan = Of<typeof mediationPlan> | Of<typeof consultationPlan> | Of<typeof callPlan> | Of<typeof lecturePlan>;

export const historyArb = fc.record({
  moves: movesPlan,
  records: fc.array(fc.oneof(mediationPlan, consultationPlan, callPlan, callPlan, lecturePlan), { minLength: 1, maxLength: 28 }),
  seed: fc.integer(),
});
export type HistoryPlan = Of<typeof historyArb>;

/** The plan as events in log order: registrations first, then every stream interleaved at random. */
export function buildHistory(plan: HistoryPlan): Planned[] {
  const org: Planned[] = REGISTRATIONS.map(([orgUnitId, level, parentId]) => ({
    stream: `orgunit-${orgUnitId}`,
    event: { type: 'OrgUnitRegistered', data: { orgUnitId, name: `unit ${orgUnitId.slice(-3)}`, level, parentId, code: null } },
  }));
  const lists: Planned[][] = [];
  const { village, back, township } = plan.moves;
  if (village !== null) {
    const v1 = `orgunit-${UNITS.V1}`;
    const list: Planned[] = [
      {
        stream: v1,
        event: {
          type: 'OrgUnitMoved',
          data: { orgUnitId: UNITS.V1, fromParentId: UNITS.T1, toParentId: UNITS.T2, effectiveOn: day(village) },
        },
      },
    ];
    if (back !== null) {
      list.push({
        stream: v1,
        event: {
          type: 'OrgUnitMoved',
          data: { orgUnitId: UNITS.V1, fromParentId: UNITS.T2, toParentId: UNITS.T1, effectiveOn: day(village + back) },
        },
      });
    }
    lists.push(list);
  }
  if (township !== null) {
    lists.push([
      {
        stream: `orgunit-${UNITS.T2}`,
        event: {
          type: 'OrgUnitMoved',
          data: { orgUnitId: UNITS.T2, fromParentId: UNITS.C1, toParentId: UNITS.C2, effectiveOn: day(township) },
        },
      },
    ]);
  }
  for (const record of plan.records) {
    switch (record.type) {
      case 'mediation':
        lists.push(mediation(record));
        break;
      case 'consultation':
        lists.push(consultation(record));
        break;
      case 'call':
        lists.push(...call(record));
        break;
      case 'lecture':
        lists.push(lecture(record));
        break;
    }
  }
  return [...org, ...interleave(lists, plan.seed)];
}

/** Appends one event per append, so every event has its own `recordedAt`. */
export async function appendHistory(store: EventStore, planned: readonly Planned[]): Promise<RecordedEvent[]> {
  for (const p of planned) await store.append(p.stream, [{ id: randomUUID(), type: p.event.type, data: p.event.data }], 'any');
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll(all.length === 0 ? 0 : all[all.length - 1]!.position, 1000);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function interleave(lists: Planned[][], seed: number): Planned[] {
  const random = mulberry32(seed);
  const open = lists.filter((l) => l.length > 0).map((l) => [...l]);
  const out: Planned[] = [];
  while (open.length > 0) {
    const i = Math.floor(random() * open.length);
    out.push(open[i]!.shift()!);
    if (open[i]!.length === 0) open.splice(i, 1);
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mediation(p: Of<typeof mediationPlan>): Planned[] {
  const mediationId = randomUUID();
  const stream = `mediation-${mediationId}`;
  const facts = { orgUnitId: p.unit, kind: p.kind, source: p.source, category: p.category };
  const parties = Array.from({ length: p.parties }, (_, i) => ({
    personId: randomUUID(),
    role: i === 0 ? ('applicant' as const) : ('respondent' as const),
  }));
  const registeredOn = day(p.registered);
  const events: MediationEvent[] = [
    {
      type: 'MediationRegistered',
      data: { mediationId, ...facts, parties, partyCount: p.parties, claimedAmountFen: p.claimed, registeredOn, referredFrom: null },
    },
  ];
  const decidedOn = addDays(registeredOn, p.acceptAfter);
  if (p.fate === 'rejected') {
    events.push({ type: 'MediationRejected', data: { mediationId, ...facts, reason: 'out-of-scope', rejectedOn: decidedOn } });
  } else if (p.fate !== 'registered') {
    const acceptedOn = decidedOn;
    let dueOn = addDays(acceptedOn, p.dueDays);
    events.push({
      type: 'MediationAccepted',
      data: { mediationId, ...facts, acceptedOn, dueOn, mediatorIds: [randomUUID()], partyCount: p.parties, claimedAmountFen: p.claimed },
    });
    if (p.session) events.push({ type: 'MediationSessionRecorded', data: { mediationId, heldOn: acceptedOn, sessionNumber: 1 } });
    if (p.extend) {
      const newDueOn = addDays(dueOn, 10);
      events.push({ type: 'MediationDueDateExtended', data: { mediationId, previousDueOn: dueOn, newDueOn, partiesConsented: true } });
      dueOn = newDueOn;
    }
    const concludedOn = addDays(acceptedOn, p.concludeAfter);
    const timing = { acceptedOn, dueOn, onTime: concludedOn <= dueOn };
    if (p.fate === 'agreed' || p.fate === 'agreed-closed') {
      events.push({
        type: 'MediationAgreementReached',
        data: { mediationId, ...facts, ...timing, form: 'written', effectiveOn: concludedOn, agreedAmountFen: p.agreed },
      });
      if (p.fate === 'agreed-closed') {
        events.push({ type: 'MediationClosed', data: { mediationId, closedOn: addDays(concludedOn, 2), outcome: 'agreed', concludedOn } });
      }
    } else if (p.fate === 'terminated') {
      events.push({
        type: 'MediationTerminated',
        data: { mediationId, ...facts, ...timing, reason: 'no-agreement', terminatedOn: concludedOn },
      });
    }
  }
  return events.map((event) => ({ stream, event }));
}

function consultation(p: Of<typeof consultationPlan>): Planned[] {
  const consultationId = randomUUID();
  const stream = `consultation-${consultationId}`;
  const receivedOn = day(p.received);
  const receivedAt = `${receivedOn}T${String(p.hour).padStart(2, '0')}:15:00+08:00`;
  const facts = { consultationId, orgUnitId: p.unit, category: p.category, receivedOn };
  const events: ConsultationEvent[] = [
    {
      type: 'ConsultationOpened',
      data: { ...facts, channel: 'visit', receivedAt, personsServed: p.persons, personId: null, topicCode: null },
    },
  ];
  const closedOn = addDays(receivedOn, p.closeAfter);
  const closedAt = `${closedOn}T23:30:00+08:00`;
  if (p.fate === 'answered') events.push({ type: 'ConsultationAnswered', data: { ...facts, answeredAt: closedAt, answeredOn: closedOn } });
  if (p.fate === 'referred') {
    events.push({
      type: 'ConsultationReferred',
      data: { ...facts, target: 'legal-aid', targetOrgUnitId: null, mediationId: null, referredAt: closedAt, referredOn: closedOn },
    });
  }
  return events.map((event) => ({ stream, event }));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function call(p: Of<typeof callPlan>): Planned[][] {
  const callId = randomUUID();
  const stream = `hotlinecall-${callId}`;
  const offeredOn = day(p.offered);
  const offered = Date.parse(`${offeredOn}T00:00:00+08:00`) + p.second * 1000;
  const waitMs = p.wait * 1000 + p.waitMs;
  const answered = p.outcome === 'answered' ? offered + waitMs : null;
  const ended = answered === null ? offered + waitMs : answered + p.talk * 1000;
  const events: HotlineCallEvent[] = [
    {
      type: 'HotlineCallLogged',
      data: {
        callId,
        orgUnitId: p.unit,
        offeredAt: iso(offered),
        answeredAt: answered === null ? null : iso(answered),
        endedAt: iso(ended),
        outcome: p.outcome,
        waitSeconds: Math.floor(waitMs / 1000),
        talkSeconds: answered === null ? 0 : p.talk,
        callerPersonId: null,
        class: p.cls,
        category: p.category,
        operatorId: null,
        offeredOn: shanghaiDate(iso(offered)),
      },
    },
  ];
  const lists: Planned[][] = [];
  if (p.outcome !== 'answered') {
    for (const [i, reached] of p.callbacks.entries()) {
      events.push({
        type: 'HotlineCallbackAttempted',
        data: { at: iso(ended + (i + 1) * 3_600_000), reached, offeredOn, orgUnitId: p.unit },
      });
      if (reached) break;
    }
  } else if (p.workOrder !== null) {
    const workOrderId = randomUUID();
    const at = ended + 60_000;
    events.push({
      type: 'HotlineCallHandedOver',
      data: { workOrderId, assignToOrgUnitId: p.workOrder.assignTo, urgent: p.workOrder.urgent, at: iso(at), orgUnitId: p.unit, offeredOn },
    });
    lists.push(workOrder(p, callId, workOrderId, at));
  }
  lists.unshift(events.map((event) => ({ stream, event })));
  // The work order is created by the hand-over's follow-up: never before the call's events.
  return lists.length === 1 ? lists : [[...lists[0]!, ...lists[1]!]];
}

type WorkOrderStatus = 'assigned' | 'acknowledged' | 'returned' | 'replied' | 'visited' | 'reopened' | 'closed';

function workOrder(p: Of<typeof callPlan>, callId: string, workOrderId: string, createdMs: number): Planned[] {
  const plan = p.workOrder!;
  const stream = `workorder-${workOrderId}`;
  const createdAt = iso(createdMs);
  const base = { class: p.cls, category: p.category, urgent: plan.urgent, createdAt };
  const hotline = p.unit;
  let holder = plan.assignTo;
  let status: WorkOrderStatus = 'assigned';
  let rating: Satisfaction | null = null;
  let last = createdMs;
  let lastAssignedAt = createdAt;
  const events: WorkOrderEvent[] = [
    {
      type: 'WorkOrderCreated',
      data: { ...base, orgUnitId: hotline, workOrderId, callId, assignToOrgUnitId: plan.assignTo, createdOn: shanghaiDate(createdAt) },
    },
    {
      type: 'WorkOrderAssigned',
      data: { ...base, orgUnitId: plan.assignTo, at: createdAt, assignedOn: shanghaiDate(createdAt), waitingSince: createdAt },
    },
  ];
  const OPTIONS: Record<Exclude<WorkOrderStatus, 'closed'>, readonly string[]> = {
    assigned: ['acknowledge', 'return', 'reply', 'supervise'],
    acknowledged: ['reply', 'return', 'supervise'],
    returned: ['assign', 'supervise'],
    replied: ['visit', 'close', 'supervise'],
    visited: ['close', 'supervise'],
    reopened: ['assign', 'supervise'],
  };
  for (const [i, step] of plan.steps.entries()) {
    if (status === 'closed') break;
    const startOfDay = Date.parse(`${addDays(shanghaiDate(iso(last)), plan.delays[i]!)}T09:00:00+08:00`);
    last = Math.max(last + 60_000, startOfDay);
    const at = iso(last);
    const on = shanghaiDate(at);
    const unsatisfied = rating === 'unsatisfied' || rating === 'very-unsatisfied';
    const options = status === 'visited' && unsatisfied ? ['reopen', 'supervise'] : OPTIONS[status];
    const action = options[step % options.length]!;
    switch (action) {
      case 'acknowledge':
        events.push({ type: 'WorkOrderAcknowledged', data: { ...base, orgUnitId: holder, at, acknowledgedOn: on } });
        status = 'acknowledged';
        break;
      case 'return':
        events.push({
          type: 'WorkOrderReturned',
          data: { ...base, orgUnitId: hotline, fromOrgUnitId: holder, reason: 'other', at, returnedOn: on },
        });
        holder = hotline;
        status = 'returned';
        break;
      case 'assign': {
        const target = plan.targets[i % plan.targets.length]!;
        events.push({ type: 'WorkOrderAssigned', data: { ...base, orgUnitId: target, at, assignedOn: on, waitingSince: at } });
        holder = target;
        lastAssignedAt = at;
        status = 'assigned';
        break;
      }
      case 'reply':
        events.push({
          type: 'WorkOrderReplied',
          data: {
            ...base,
            orgUnitId: holder,
            resultCode: 'resolved',
            at,
            repliedOn: on,
            assignedAt: lastAssignedAt,
            replyLimitWorkingDays: null,
          },
        });
        status = 'replied';
        break;
      case 'visit': {
        const satisfaction = plan.ratings[i]!;
        rating = satisfaction;
        events.push({ type: 'WorkOrderVisited', data: { ...base, orgUnitId: holder, satisfaction, at, visitedOn: on } });
        status = 'visited';
        break;
      }
      case 'reopen':
        events.push({ type: 'WorkOrderReopened', data: { ...base, orgUnitId: hotline, fromOrgUnitId: holder, at, reopenedOn: on } });
        holder = hotline;
        rating = null;
        status = 'reopened';
        break;
      case 'close':
        events.push({
          type: 'WorkOrderClosed',
          data: { ...base, orgUnitId: holder, at, closedOn: on, withoutVisit: status === 'replied' },
        });
        status = 'closed';
        break;
      case 'supervise':
        events.push({
          type: 'WorkOrderSupervised',
          data: {
            ...base,
            orgUnitId: holder,
            reason: 'reply-overdue',
            status: status as Exclude<WorkOrderStatus, 'closed'>,
            at,
            supervisedOn: on,
          },
        });
        break;
    }
  }
  return events.map((event) => ({ stream, event }));
}

function lecture(p: Of<typeof lecturePlan>): Planned[] {
  const lectureId = randomUUID();
  const stream = `lecture-${lectureId}`;
  const plannedOn = day(p.planned);
  const events: LectureEvent[] = [{ type: 'LecturePlanned', data: { lectureId, orgUnitId: p.unit, plannedOn, topic: '民法典' } }];
  if (p.fate === 'held')
    events.push({
      type: 'LectureHeld',
      data: { lectureId, orgUnitId: p.unit, heldOn: addDays(plannedOn, p.heldDelta), attendees: p.attendees },
    });
  if (p.fate === 'cancelled') events.push({ type: 'LectureCancelled', data: { lectureId, orgUnitId: p.unit, plannedOn, reason: null } });
  return events.map((event) => ({ stream, event }));
}
