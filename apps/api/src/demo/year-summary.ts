import { DEMO_NETWORK_NAME, networkUnitId } from '@pls/org';
import { addDays, shanghaiDate } from '@pls/reference';
import type { DemoStep } from './synthetic-year';

/** What a synthetic year holds, read back from its steps' bodies (as the API would record them). */
export interface MediationFigures {
  registered: number;
  /** Registered by a consultation's referral (no claimed amount). */
  viaReferral: number;
  accepted: number;
  rejected: number;
  agreed: number;
  terminated: number;
  /** Concluded after their (extended) due date. */
  late: number;
  extended: number;
  reassigned: number;
  judicialConfirmations: number;
  performanceFollowUps: number;
  closed: number;
  /** Σ claimed amount of accepted cases (争议金额), fen. */
  claimedAmountFen: number;
  claimedAmountMissing: number;
  /** Σ agreed amount of successes (协议金额), fen. */
  agreedAmountFen: number;
  /** Σ parties of accepted cases. */
  personTimes: number;
  /** Claimed amounts of the accepted cases, fen, ascending (for the shape of the tail). */
  claims: number[];
}

export interface SyntheticYearSummary {
  steps: number;
  commands: number;
  persons: number;
  orgUnits: number;
  consultations: {
    count: number;
    city: { count: number; personsServed: number };
    stations: { count: number; personsServed: number };
    answered: number;
    referred: Record<string, number>;
  };
  mediations: { people: MediationFigures; administrative: MediationFigures };
  hotline: {
    calls: number;
    answered: number;
    missed: number;
    voicemail: number;
    answeredWithin15s: number;
    shortAbandons: number;
    callbacks: number;
    callbacksReached: number;
    closedDirectly: number;
    workOrders: number;
    returned: number;
    extended: number;
    supervised: number;
    visited: number;
    unsatisfied: number;
    reopened: number;
    closedWithoutVisit: number;
    workOrdersClosed: number;
  };
  lectures: { planned: number; held: number; cancelled: number; attendees: number };
  /** Business dates the records were created on (registration, receipt, offer, plan). */
  firstDate: string | null;
  lastDate: string | null;
}

const emptyMediation = (): MediationFigures => ({
  registered: 0,
  viaReferral: 0,
  accepted: 0,
  rejected: 0,
  agreed: 0,
  terminated: 0,
  late: 0,
  extended: 0,
  reassigned: 0,
  judicialConfirmations: 0,
  performanceFollowUps: 0,
  closed: 0,
  claimedAmountFen: 0,
  claimedAmountMissing: 0,
  agreedAmountFen: 0,
  personTimes: 0,
  claims: [],
});

interface MediationTrack {
  kind: 'people' | 'administrative';
  claimedFen: number | null;
  parties: number;
  dueOn: string | null;
}

export function summariseYear(steps: readonly DemoStep[]): SyntheticYearSummary {
  const cityId = networkUnitId(DEMO_NETWORK_NAME, 'city');
  const s: SyntheticYearSummary = {
    steps: steps.length,
    commands: 0,
    persons: 0,
    orgUnits: 0,
    consultations: { count: 0, city: { count: 0, personsServed: 0 }, stations: { count: 0, personsServed: 0 }, answered: 0, referred: {} },
    mediations: { people: emptyMediation(), administrative: emptyMediation() },
    hotline: {
      calls: 0,
      answered: 0,
      missed: 0,
      voicemail: 0,
      answeredWithin15s: 0,
      shortAbandons: 0,
      callbacks: 0,
      callbacksReached: 0,
      closedDirectly: 0,
      workOrders: 0,
      returned: 0,
      extended: 0,
      supervised: 0,
      visited: 0,
      unsatisfied: 0,
      reopened: 0,
      closedWithoutVisit: 0,
      workOrdersClosed: 0,
    },
    lectures: { planned: 0, held: 0, cancelled: 0, attendees: 0 },
    firstDate: null,
    lastDate: null,
  };
  const mediations = new Map<string, MediationTrack>();
  const workOrderVisited = new Set<string>();
  const callbackReached = new Set<string>();
  const created = (date: string) => {
    if (s.firstDate === null || date < s.firstDate) s.firstDate = date;
    if (s.lastDate === null || date > s.lastDate) s.lastDate = date;
  };
  const conclude = (id: string, on: string) => {
    const m = mediations.get(id)!;
    if (m.dueOn !== null && on > m.dueOn) s.mediations[m.kind].late++;
  };

  for (const step of steps) {
    if (step.kind === 'person') {
      s.persons++;
      continue;
    }
    s.commands++;
    const { collection, action, id, body } = step.command;
    const b = body as Record<string, any>;
    switch (`${collection} ${action ?? 'create'}`) {
      case 'org-units create':
        s.orgUnits++;
        break;
      case 'consultations create': {
        s.consultations.count++;
        const where = b.orgUnitId === cityId ? s.consultations.city : s.consultations.stations;
        where.count++;
        where.personsServed += b.personsServed;
        created(shanghaiDate(b.receivedAt));
        break;
      }
      case 'consultations answer':
        s.consultations.answered++;
        break;
      case 'consultations refer':
        s.consultations.referred[b.target] = (s.consultations.referred[b.target] ?? 0) + 1;
        if (b.target === 'mediation') {
          mediations.set(b.mediationId, { kind: b.kind, claimedFen: null, parties: b.parties.length, dueOn: null });
          s.mediations[b.kind as 'people'].registered++;
          s.mediations[b.kind as 'people'].viaReferral++;
        }
        break;
      case 'mediations create':
        mediations.set(b.id, { kind: b.kind, claimedFen: b.claimedAmountFen ?? null, parties: b.parties.length, dueOn: null });
        s.mediations[b.kind as 'people'].registered++;
        created(b.registeredOn);
        break;
      case 'mediations accept': {
        const m = mediations.get(id!)!;
        const f = s.mediations[m.kind];
        m.dueOn = b.dueOn ?? addDays(b.acceptedOn, 30);
        f.accepted++;
        f.personTimes += m.parties;
        if (m.claimedFen === null) f.claimedAmountMissing++;
        else {
          f.claimedAmountFen += m.claimedFen;
          f.claims.push(m.claimedFen);
        }
        break;
      }
      case 'mediations reject':
        s.mediations[mediations.get(id!)!.kind].rejected++;
        break;
      case 'mediations extend': {
        const m = mediations.get(id!)!;
        m.dueOn = b.newDueOn;
        s.mediations[m.kind].extended++;
        break;
      }
      case 'mediations reassign':
        s.mediations[mediations.get(id!)!.kind].reassigned++;
        break;
      case 'mediations agreement': {
        const f = s.mediations[mediations.get(id!)!.kind];
        f.agreed++;
        f.agreedAmountFen += b.agreedAmountFen;
        conclude(id!, b.effectiveOn);
        break;
      }
      case 'mediations terminate':
        s.mediations[mediations.get(id!)!.kind].terminated++;
        conclude(id!, b.terminatedOn);
        break;
      case 'mediations judicial-confirmation':
        s.mediations[mediations.get(id!)!.kind].judicialConfirmations++;
        break;
      case 'mediations performance':
        s.mediations[mediations.get(id!)!.kind].performanceFollowUps++;
        break;
      case 'mediations close':
        s.mediations[mediations.get(id!)!.kind].closed++;
        break;
      case 'hotline-calls create': {
        const h = s.hotline;
        h.calls++;
        created(shanghaiDate(b.offeredAt));
        if (b.outcome === 'answered') {
          h.answered++;
          if (Date.parse(b.answeredAt) - Date.parse(b.offeredAt) <= 15_000) h.answeredWithin15s++;
        } else if (b.outcome === 'missed') {
          h.missed++;
          if (Date.parse(b.endedAt) - Date.parse(b.offeredAt) < 5_000) h.shortAbandons++;
        } else h.voicemail++;
        break;
      }
      case 'hotline-calls callback':
        s.hotline.callbacks++;
        if (b.reached) callbackReached.add(id!);
        break;
      case 'hotline-calls close':
        s.hotline.closedDirectly++;
        break;
      case 'hotline-calls work-order':
        s.hotline.workOrders++;
        break;
      case 'work-orders return':
        s.hotline.returned++;
        break;
      case 'work-orders extend':
        s.hotline.extended++;
        break;
      case 'work-orders supervise':
        s.hotline.supervised++;
        break;
      case 'work-orders visit':
        s.hotline.visited++;
        workOrderVisited.add(id!);
        if (b.satisfaction === 'unsatisfied' || b.satisfaction === 'very-unsatisfied') s.hotline.unsatisfied++;
        break;
      case 'work-orders reopen':
        s.hotline.reopened++;
        workOrderVisited.delete(id!);
        break;
      case 'work-orders close':
        s.hotline.workOrdersClosed++;
        if (!workOrderVisited.has(id!)) s.hotline.closedWithoutVisit++;
        break;
      case 'lectures create':
        s.lectures.planned++;
        created(b.plannedOn);
        break;
      case 'lectures hold':
        s.lectures.held++;
        s.lectures.attendees += b.attendees;
        break;
      case 'lectures cancel':
        s.lectures.cancelled++;
        break;
      default:
        break;
    }
  }
  s.hotline.callbacksReached = callbackReached.size;
  for (const f of Object.values(s.mediations)) f.claims.sort((a, b) => a - b);
  return s;
}

/** Fen as 万元 with two decimals, rounded half up (DOMAIN.md: reports show 万元). */
export function fenToWanYuan(fen: number): string {
  const hundredths = Math.floor((fen + 5_000) / 10_000); // 0.01 万元 = 100 元 = 10,000 fen
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
