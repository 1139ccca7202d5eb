import { deterministicId } from '@pls/event-sourcing';
import { DEMO_NETWORK_NAME, demoNetwork, networkInvocations, networkUnitId, type NetworkUnit } from '@pls/org';
import { addDays, daysBetween, type CategoryCode, type MediationKind, type PartyRole } from '@pls/reference';
import type { CommandRequest } from '../records/command-executor';
import {
  DAY,
  HOUR,
  MINUTE,
  SPRING_FESTIVAL,
  YEAR_END,
  YEAR_START,
  atTime,
  dateOf,
  formatInstant,
  isHoliday,
  isWorkingDay,
  maxDate,
  minDate,
  monthOf,
  nextOfficeTime,
  officeSeconds,
  workingDayOnOrAfter,
  yearDates,
} from './calendar';
import { inventName, inventPhone, type DemoPerson } from './people';
import { Random, WeightedTable } from './random';

/**
 * The synthetic year 2021 of the demo network (云川市), shaped like the figures
 * of the work report in DOMAIN.md (section (二)3): a city centre with 6,400+
 * visit/phone consultations, stations and workrooms with 12,000+ visitors,
 * 380+ people's mediations involving 74.8 million yuan and 1,000+ lectures,
 * 420 administrative mediations involving 0.903 million yuan, and the 12348
 * hotline around the clock.
 *
 * Pure and seeded: the same options give the same list of steps, with the
 * same record ids and command ids, on every machine. Nothing here reads the
 * clock or `Math.random`.
 */
export interface SyntheticYearOptions {
  /** Default {@link DEFAULT_DEMO_SEED}. */
  readonly seed?: string | number;
  /**
   * 1 (default) is the full year; 0.05 a twentieth of every volume and sum
   * (tests). Ids and command ids depend on it, so two scales never collide.
   */
  readonly scale?: number;
}

export const DEFAULT_DEMO_SEED = 'yunchuan-2021';

/** Steps of a phase may run concurrently; a phase starts once the one before has finished. */
export const DEMO_PHASES = ['city', 'townships', 'villages', 'persons', 'records'] as const;
export type DemoPhase = (typeof DEMO_PHASES)[number];

/** A command as the loader hands it to `CommandExecutor.execute` (the actor is the system: `null`). */
export type DemoCommand = Pick<CommandRequest, 'collection' | 'action' | 'id' | 'commandId' | 'now'> & {
  readonly body: Record<string, unknown>;
};

/**
 * One step of the year. `lane` names the record (or chain of records: a call
 * and its work order, a consultation and the mediation it was referred to)
 * whose steps must run in order; steps of different lanes may run at once.
 */
export type DemoStep =
  | { readonly kind: 'person'; readonly phase: DemoPhase; readonly lane: string; readonly person: DemoPerson }
  | { readonly kind: 'command'; readonly phase: DemoPhase; readonly lane: string; readonly command: DemoCommand };

export interface SyntheticYear {
  readonly seed: string;
  readonly scale: number;
  /** Org units (parents first), persons, then the records' commands in business-time order. */
  readonly steps: readonly DemoStep[];
}

// ---------------------------------------------------------------------------
// Shape: the report's figures and the proportions around them.
// ---------------------------------------------------------------------------

const SHAPE = {
  peoplesMediationsAccepted: [380, 389],
  /** 7480余万元, in yuan: the claimed amounts of the accepted people's mediations sum to this. */
  peoplesClaimedYuan: [74_800_000, 74_889_999],
  peoplesSuccessRate: 0.953,
  peoplesRejectedShare: 0.03,
  /** Consultations referred to mediation (stations, city); these register people's mediations without a claimed amount. */
  referralsToMediation: { stations: 22, city: 3 },
  administrativeMediationsAccepted: 420,
  /** 90.3万元. */
  administrativeClaimedYuan: 903_000,
  administrativeSuccessRate: 0.91,
  cityPersonsServed: [6_401, 6_499],
  stationPersonsServed: [12_001, 12_099],
  hotlineCalls: [3_400, 3_799],
  lecturesHeld: [1_001, 1_059],
  lecturesCancelledShare: 0.03,
} as const;

// Dispute categories (DOMAIN.md codes), rural and urban mixes of people's mediation.
type Weights = ReadonlyArray<readonly [CategoryCode, number]>;
// prettier-ignore
const PEOPLES_RURAL: Weights = [
  ['02', 22], ['01', 18], ['03', 13], ['07', 9], ['06', 8], ['04', 6], ['10', 6], ['13', 5],
  ['05', 3], ['08', 3], ['09', 1.5], ['14', 1], ['11', 1], ['12', 1], ['99', 2.5],
];
// prettier-ignore
const PEOPLES_URBAN: Weights = [
  ['02', 16], ['01', 18], ['04', 11], ['10', 11], ['06', 9], ['14', 8], ['03', 7], ['13', 6],
  ['11', 4], ['05', 3], ['08', 2], ['12', 2], ['09', 1], ['07', 0.5], ['99', 2.5],
];
// prettier-ignore
const ADMINISTRATIVE: Weights = [
  ['13', 20], ['11', 18], ['06', 15], ['10', 12], ['02', 8], ['04', 7], ['07', 6], ['03', 5], ['14', 3], ['09', 3], ['12', 2], ['99', 1],
];
// prettier-ignore
const CONSULTATION_RURAL: Weights = [
  ['01', 20], ['03', 12], ['02', 11], ['10', 11], ['07', 9], ['04', 9], ['06', 7], ['13', 5],
  ['05', 3], ['08', 3], ['11', 2], ['12', 2], ['14', 1], ['09', 1], ['99', 4],
];
// prettier-ignore
const CONSULTATION_URBAN: Weights = [
  ['01', 20], ['10', 16], ['04', 13], ['02', 8], ['06', 8], ['03', 7], ['14', 6], ['13', 6],
  ['11', 5], ['05', 3], ['12', 2], ['08', 1], ['09', 1], ['07', 0.5], ['99', 3.5],
];
const DISPUTE_CATEGORIES_FOR_REFERRAL = new Set(['01', '02', '03', '04', '06', '07', '10', '13', '14']);

/** More wage and family disputes before and after 春节, land and neighbour disputes at ploughing and harvest. */
function seasonalCategoryFactor(code: CategoryCode, month: number): number {
  switch (code) {
    case '10':
      return month === 1 ? 2 : month === 2 ? 1.6 : month === 12 ? 1.5 : 1;
    case '01':
      return month === 2 ? 1.5 : month === 1 || month === 3 ? 1.25 : 1;
    case '03':
    case '07':
      return month === 3 || month === 4 ? 1.4 : month === 9 || month === 10 ? 1.5 : 1;
    case '02':
      return month >= 7 && month <= 10 ? 1.25 : 1;
    case '13':
      return month === 2 || month === 10 ? 1.3 : 1;
    default:
      return 1;
  }
}

/** Median claimed amount in yuan by category: most people's disputes are about a few thousand yuan. */
// prettier-ignore
const MEDIAN_CLAIM_YUAN: Readonly<Record<string, number>> = {
  '01': 5000, '02': 1200, '03': 8000, '04': 15000, '05': 20000, '06': 8000, '07': 6000, '08': 30000,
  '09': 5000, '10': 8000, '11': 1500, '12': 20000, '13': 15000, '14': 2000, '99': 3000,
};
/** Where the few disputes in the millions come from. */
const LARGE_CLAIM_CATEGORIES = new Set(['04', '05', '08', '07', '03', '13', '12']);

const LECTURE_TOPICS: ReadonlyArray<{ readonly topic: string; readonly months?: readonly number[] }> = [
  { topic: '民法典进农村：与百姓生活息息相关的法律', months: [5] },
  { topic: '民法典婚姻家庭编解读' },
  { topic: '防范电信网络诈骗' },
  { topic: '农村土地承包法与宅基地纠纷预防', months: [3, 4, 9, 10] },
  { topic: '劳动合同法与农民工讨薪维权', months: [1, 2, 12] },
  { topic: '3·15消费者权益保护法宣讲', months: [3] },
  { topic: '未成年人保护法解读', months: [6] },
  { topic: '6·26国际禁毒日禁毒法宣传', months: [6] },
  { topic: '安全生产法宣讲', months: [6] },
  { topic: '扫黑除恶常态化法治宣传' },
  { topic: '老年人权益保障与防范养老诈骗' },
  { topic: '道路交通安全法宣讲', months: [2, 10] },
  { topic: '反家庭暴力法解读', months: [3] },
  { topic: '人民调解法与矛盾纠纷化解' },
  { topic: '乡村振兴促进法解读', months: [6, 7, 8, 9, 10, 11, 12] },
  { topic: '法律援助法解读', months: [8, 9, 10, 11, 12] },
  { topic: '个人信息保护法解读', months: [11, 12] },
  { topic: '12·4国家宪法日：弘扬宪法精神', months: [12] },
  { topic: '森林防火与野生动物保护法律知识', months: [3, 4, 11] },
  { topic: '信访条例与依法表达诉求' },
];

// ---------------------------------------------------------------------------
// Builder: ids, lanes and the ordered list of steps.
// ---------------------------------------------------------------------------

interface Unit {
  readonly id: string;
  readonly key: string;
  readonly level: NetworkUnit['level'];
  readonly urban: boolean;
  /** How busy the unit is, relative to its peers. */
  readonly activity: number;
  readonly mediators: readonly string[];
}

class Lane {
  private last = -Infinity;
  private count = 0;

  constructor(
    private readonly year: YearBuilder,
    readonly id: string,
  ) {}

  /**
   * Adds a command issued at `at` (ms); the lane's commands are issued at
   * strictly increasing whole seconds. Answers the instant used.
   */
  command(collection: string, action: string | null, body: Record<string, unknown>, at: number, recordId?: string): number {
    const issued = Math.floor(Math.max(at, this.last + 1000) / 1000) * 1000;
    this.last = issued;
    const command: DemoCommand = {
      collection,
      action,
      ...(recordId === undefined ? {} : { id: recordId }),
      body,
      commandId: deterministicId('demo', this.year.runKey, this.id, this.count++),
      now: formatInstant(issued),
    };
    this.year.addRecordStep(issued, { kind: 'command', phase: 'records', lane: this.id, command });
    return issued;
  }
}

class YearBuilder {
  private readonly setup: DemoStep[] = [];
  private readonly persons: DemoStep[] = [];
  private readonly records: Array<{ readonly at: number; readonly step: DemoStep }> = [];
  private readonly lanes = new Map<string, Lane>();
  private personCount = 0;

  constructor(
    readonly runKey: string,
    private readonly names: Random,
  ) {}

  id(kind: string, n: number): string {
    return deterministicId('demo', this.runKey, kind, n);
  }

  /** The lane of a record; a chain (call → work order, consultation → mediation) shares its first record's lane. */
  lane(id: string): Lane {
    let lane = this.lanes.get(id);
    if (!lane) this.lanes.set(id, (lane = new Lane(this, id)));
    return lane;
  }

  /** Registers an invented person in the vault (a step of the `persons` phase) and answers the id. */
  person(): string {
    const id = this.id('person', this.personCount++);
    const phone = inventPhone(this.names);
    const person: DemoPerson = { id, name: inventName(this.names), ...(phone === undefined ? {} : { phone }) };
    this.persons.push({ kind: 'person', phase: 'persons', lane: id, person });
    return id;
  }

  addSetupStep(step: DemoStep): void {
    this.setup.push(step);
  }

  addRecordStep(at: number, step: DemoStep): void {
    this.records.push({ at, step });
  }

  build(): DemoStep[] {
    // Stable: steps of one lane keep their order (their instants only increase).
    const records = [...this.records].sort((a, b) => a.at - b.at).map((r) => r.step);
    return [...this.setup, ...this.persons, ...records];
  }
}

// ---------------------------------------------------------------------------
// The year.
// ---------------------------------------------------------------------------

export function generateSyntheticYear(options: SyntheticYearOptions = {}): SyntheticYear {
  const seed = String(options.seed ?? DEFAULT_DEMO_SEED);
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`scale must be in (0, 10], got ${scale}`);
  const runKey = scale === 1 ? seed : `${seed}@${scale}`;
  const random = new Random(runKey);
  const year = new YearBuilder(runKey, random.fork('names'));
  const scaled = (n: number) => Math.round(n * scale);
  const between = (r: Random, range: readonly [number, number]) => scaled(r.int(range[0], range[1]));

  const network = registerNetwork(year, random.fork('network'));

  const consultations = planConsultations(year, network, random.fork('consultations'), {
    cityPersonsServed: between(random.fork('consultations/city'), SHAPE.cityPersonsServed),
    stationPersonsServed: between(random.fork('consultations/stations'), SHAPE.stationPersonsServed),
    referralsFromStations: scaled(SHAPE.referralsToMediation.stations),
    referralsFromCity: scaled(SHAPE.referralsToMediation.city),
  });

  const mediations = planMediations(year, network, random.fork('mediations'), {
    peoplesAccepted: between(random.fork('mediations/people'), SHAPE.peoplesMediationsAccepted),
    peoplesClaimedYuan: between(random.fork('mediations/claimed'), SHAPE.peoplesClaimedYuan),
    administrativeAccepted: scaled(SHAPE.administrativeMediationsAccepted),
    administrativeClaimedYuan: scaled(SHAPE.administrativeClaimedYuan),
    referred: consultations.referredMediations,
  });

  emitConsultations(year, consultations.plans, random.fork('consultations/emit'));
  for (const plan of mediations) emitMediation(year, plan, random.fork(`mediation/${plan.id}`));
  generateHotline(year, network, random.fork('hotline'), between(random.fork('hotline/volume'), SHAPE.hotlineCalls));
  generateLectures(year, network, random.fork('lectures'), between(random.fork('lectures/volume'), SHAPE.lecturesHeld));

  return { seed, scale, steps: year.build() };
}

// ---------------------------------------------------------------------------
// Network.
// ---------------------------------------------------------------------------

interface Network {
  readonly city: Unit;
  readonly townships: readonly Unit[];
  readonly villages: readonly Unit[];
  /** Townships and villages: where people's mediation, station consultations and lectures happen. */
  readonly stations: readonly Unit[];
  readonly operators: readonly string[];
}

const LEVEL_PHASE: Readonly<Record<NetworkUnit['level'], DemoPhase>> = { city: 'city', township: 'townships', village: 'villages' };

function registerNetwork(year: YearBuilder, random: Random): Network {
  const registeredAt = formatInstant(atTime(YEAR_START, 8 * 3600));
  const byKey = new Map(demoNetwork.units.map((u) => [u.key, u]));
  const byId = new Map(demoNetwork.units.map((u) => [networkUnitId(DEMO_NETWORK_NAME, u.key), u]));
  for (const invocation of networkInvocations(demoNetwork, DEMO_NETWORK_NAME)) {
    const unit = byId.get(invocation.id)!;
    year.addSetupStep({
      kind: 'command',
      phase: LEVEL_PHASE[unit.level],
      lane: invocation.id,
      command: {
        collection: invocation.collection,
        action: invocation.action,
        // A create takes its record id from the body, as the executor's follow-ups pass it.
        body: { ...invocation.body, id: invocation.id },
        commandId: invocation.commandId,
        now: registeredAt,
      },
    });
  }

  const units = demoNetwork.units.map((u): Unit => {
    const parent = u.parentKey === null ? undefined : byKey.get(u.parentKey);
    const urban = u.key === 'devzone' || u.name.includes('街道') || (parent?.name.includes('街道') ?? false);
    const mediatorCount = u.level === 'city' ? 6 : u.level === 'township' ? 4 : 2;
    return {
      id: networkUnitId(DEMO_NETWORK_NAME, u.key),
      key: u.key,
      level: u.level,
      urban,
      activity: u.level === 'city' ? 1 : random.logNormal(1, 0.45),
      mediators: Array.from({ length: mediatorCount }, (_, i) => deterministicId('demo', 'user', 'mediator', u.key, i)),
    };
  });
  const townships = units.filter((u) => u.level === 'township');
  const villages = units.filter((u) => u.level === 'village');
  return {
    city: units.find((u) => u.level === 'city')!,
    townships,
    villages,
    stations: [...townships, ...villages],
    operators: Array.from({ length: 8 }, (_, i) => deterministicId('demo', 'user', 'operator', i)),
  };
}

/** Stations weighted by activity; township stations carry `townshipShare` of the load. */
function stationTable(network: Network, townshipShare: number): WeightedTable<Unit> {
  const t = network.townships.reduce((s, u) => s + u.activity, 0);
  const v = network.villages.reduce((s, u) => s + u.activity, 0);
  return new WeightedTable<Unit>([
    ...network.townships.map((u) => [u, (townshipShare * u.activity) / t] as const),
    ...network.villages.map((u) => [u, ((1 - townshipShare) * u.activity) / v] as const),
  ]);
}

// ---------------------------------------------------------------------------
// Day weights: seasons, weekends, holidays.
// ---------------------------------------------------------------------------

/** Disputes: up in the weeks before 春节 and after it, and at harvest (Sep–Oct). */
// prettier-ignore
const DISPUTE_MONTH = [1.25, 1.2, 1.05, 1.0, 0.9, 0.85, 0.9, 0.95, 1.15, 1.15, 1.0, 1.05];

function disputeDayWeight(date: string, office: boolean): number {
  let w = DISPUTE_MONTH[monthOf(date) - 1]!;
  const toFestival = daysBetween(date, SPRING_FESTIVAL);
  if (toFestival > 0 && toFestival <= 28) w *= 1.3; // 年关: wages, debts, family
  if (toFestival < 0 && toFestival >= -16) w *= 1.2; // after the holiday: family and neighbour quarrels surface
  if (isHoliday(date)) w *= office ? 0.05 : 0.3;
  else if (!isWorkingDay(date)) w *= office ? 0.08 : 0.45;
  return w;
}

function consultationDayWeight(date: string, office: boolean): number {
  let w = disputeDayWeight(date, office);
  if (monthOf(date) === 3 || monthOf(date) === 12) w *= 1.05; // publicity months bring visitors
  return w;
}

function daySampler(weight: (date: string) => number): WeightedTable<string> {
  return new WeightedTable(yearDates().map((d) => [d, weight(d)] as const));
}

function categoryFor(random: Random, weights: Weights, date: string): CategoryCode {
  const month = monthOf(date);
  return random.weighted(weights.map(([code, w]) => [code, w * seasonalCategoryFactor(code, month)] as const));
}

/** An instant on `date`: office hours on working days, a shorter day otherwise. */
function officeInstant(random: Random, date: string): number {
  const seconds = isWorkingDay(date) ? officeSeconds(random) : random.uniform(9 * 3600, 16 * 3600);
  return atTime(date, seconds);
}

// ---------------------------------------------------------------------------
// Consultations.
// ---------------------------------------------------------------------------

interface ReferredMediation {
  readonly id: string;
  readonly unit: Unit;
  readonly category: CategoryCode;
  readonly registeredOn: string;
  readonly parties: ReadonlyArray<{ readonly personId: string; readonly role: PartyRole }>;
  readonly lane: string;
  /** The referral instant: the mediation's lifecycle continues after it. */
  readonly referredAt: number;
}

type Resolution =
  | { readonly kind: 'answer'; readonly at: number }
  | { readonly kind: 'refer'; readonly target: 'legal-aid' | 'notary' | 'other'; readonly at: number }
  | { readonly kind: 'refer-mediation'; readonly at: number; readonly mediation: ReferredMediation };

interface ConsultationPlan {
  readonly id: string;
  readonly unit: Unit;
  readonly channel: 'visit' | 'phone' | 'online';
  readonly receivedAt: number;
  readonly personsServed: number;
  readonly category: CategoryCode;
  personId: string | null;
  resolution: Resolution;
}

// prettier-ignore
const PERSONS_SERVED: ReadonlyArray<readonly [number, number]> = [[1, 72], [2, 16], [3, 7], [4, 3], [5, 2]];

function planConsultations(
  year: YearBuilder,
  network: Network,
  random: Random,
  shape: { cityPersonsServed: number; stationPersonsServed: number; referralsFromStations: number; referralsFromCity: number },
): { plans: ConsultationPlan[]; referredMediations: ReferredMediation[] } {
  const plans: ConsultationPlan[] = [];
  const cityDays = daySampler((d) => consultationDayWeight(d, true));
  const stationDays = daySampler((d) => consultationDayWeight(d, false));
  const stations = stationTable(network, 0.45);

  const fill = (target: number, atCity: boolean) => {
    let served = 0;
    while (served < target) {
      const unit = atCity ? network.city : stations.draw(random);
      const date = (atCity ? cityDays : stationDays).draw(random);
      const channel = atCity ? random.oneOf({ visit: 55, phone: 40, online: 5 }) : random.oneOf({ visit: 85, phone: 12, online: 3 });
      const personsServed = Math.min(random.weighted(PERSONS_SERVED), target - served);
      served += personsServed;
      const receivedAt = officeInstant(random, date);
      const category = categoryFor(random, unit.urban || atCity ? CONSULTATION_URBAN : CONSULTATION_RURAL, date);
      plans.push({
        id: year.id('consultation', plans.length),
        unit,
        channel,
        receivedAt,
        personsServed,
        category,
        personId: random.chance(0.3) ? year.person() : null,
        resolution: resolveConsultation(random, channel, receivedAt),
      });
    }
  };
  fill(shape.cityPersonsServed, true);
  fill(shape.stationPersonsServed, false);

  // A few visitors' disputes go straight to mediation (DOMAIN.md: a referral opens a mediation).
  const referredMediations: ReferredMediation[] = [];
  const refer = (candidates: ConsultationPlan[], count: number, targetOf: (plan: ConsultationPlan) => Unit) => {
    for (const plan of random.shuffle(candidates).slice(0, count)) {
      plan.personId ??= year.person();
      const unit = targetOf(plan);
      const referredAt = plan.receivedAt + random.int(15, 50) * MINUTE;
      const parties = [
        { personId: plan.personId, role: 'applicant' as const },
        { personId: year.person(), role: 'respondent' as const },
      ];
      if (random.chance(0.15)) parties.push({ personId: year.person(), role: 'respondent' as const });
      const mediation: ReferredMediation = {
        id: year.id('mediation/referred', referredMediations.length),
        unit,
        category: plan.category,
        registeredOn: dateOf(plan.receivedAt),
        parties,
        lane: plan.id,
        referredAt,
      };
      referredMediations.push(mediation);
      plan.resolution = { kind: 'refer-mediation', at: referredAt, mediation };
    }
  };
  const eligible = (plan: ConsultationPlan) =>
    plan.channel === 'visit' &&
    plan.resolution.kind === 'answer' &&
    DISPUTE_CATEGORIES_FOR_REFERRAL.has(plan.category) &&
    dateOf(plan.receivedAt) <= '2021-11-30';
  const townships = network.townships;
  refer(
    plans.filter((p) => p.unit.level !== 'city' && eligible(p)),
    shape.referralsFromStations,
    (p) => p.unit,
  );
  refer(
    plans.filter((p) => p.unit.level === 'city' && eligible(p)),
    shape.referralsFromCity,
    () => random.pick(townships),
  );
  return { plans, referredMediations };
}

function resolveConsultation(random: Random, channel: ConsultationPlan['channel'], receivedAt: number): Resolution {
  const r = random.float();
  const referAt = receivedAt + random.int(10, 45) * MINUTE;
  if (r < 0.03) return { kind: 'refer', target: 'legal-aid', at: referAt };
  if (r < 0.036) return { kind: 'refer', target: 'notary', at: referAt };
  if (r < 0.048) return { kind: 'refer', target: 'other', at: referAt };
  const at =
    channel === 'visit'
      ? receivedAt + random.int(10, 50) * MINUTE
      : channel === 'phone'
        ? receivedAt + random.int(4, 25) * MINUTE
        : nextOfficeTime(receivedAt + random.int(1, 20) * HOUR, random);
  return { kind: 'answer', at };
}

function emitConsultations(year: YearBuilder, plans: readonly ConsultationPlan[], random: Random): void {
  for (const plan of plans) {
    const lane = year.lane(plan.id);
    lane.command(
      'consultations',
      null,
      {
        id: plan.id,
        orgUnitId: plan.unit.id,
        channel: plan.channel,
        receivedAt: formatInstant(plan.receivedAt),
        personsServed: plan.personsServed,
        category: plan.category,
        ...(plan.personId === null ? {} : { personId: plan.personId }),
      },
      plan.receivedAt,
    );
    const res = plan.resolution;
    // Records are often typed in a little after the visit.
    const enteredAt = res.at + random.int(0, 30) * MINUTE;
    if (res.kind === 'answer') {
      lane.command('consultations', 'answer', { answeredAt: formatInstant(res.at) }, enteredAt, plan.id);
    } else if (res.kind === 'refer') {
      lane.command('consultations', 'refer', { target: res.target, referredAt: formatInstant(res.at) }, enteredAt, plan.id);
    }
    // A referral to mediation is emitted with the mediation's lifecycle (same lane), see emitMediation.
  }
}

// ---------------------------------------------------------------------------
// Mediations.
// ---------------------------------------------------------------------------

interface MediationPlan {
  readonly id: string;
  readonly lane: string;
  readonly unit: Unit;
  readonly kind: Extract<MediationKind, 'people' | 'administrative'>;
  readonly source: 'application' | 'initiative' | 'referral';
  readonly category: CategoryCode;
  readonly parties: ReadonlyArray<{ readonly personId: string; readonly role: PartyRole }>;
  readonly registeredOn: string;
  /** Set when a consultation's referral registers the mediation (no claimed amount then). */
  readonly referral: ReferredMediation | null;
  claimedYuan: number | null;
  acceptedOn: string | null;
  outcome: 'rejected' | 'agreed' | 'terminated';
  timing: 'normal' | 'late' | 'extended';
  reassign: boolean;
}

function planMediations(
  year: YearBuilder,
  network: Network,
  random: Random,
  shape: {
    peoplesAccepted: number;
    peoplesClaimedYuan: number;
    administrativeAccepted: number;
    administrativeClaimedYuan: number;
    referred: readonly ReferredMediation[];
  },
): MediationPlan[] {
  const stationDays = daySampler((d) => disputeDayWeight(d, false));
  const cityDays = daySampler((d) => disputeDayWeight(d, true));
  const stations = stationTable(network, 0.4);
  const plans: MediationPlan[] = [];

  const parties = (): MediationPlan['parties'] => {
    const n = Number(random.oneOf({ 2: 76, 3: 14, 4: 6, 5: 3, 6: 1 }));
    const roles: PartyRole[] = ['applicant', 'respondent'];
    for (let i = 2; i < n; i++) roles.push(random.oneOf({ applicant: 35, respondent: 45, other: 20 }));
    return roles.map((role) => ({ personId: year.person(), role }));
  };
  const acceptanceDelay = () => Number(random.oneOf({ 0: 50, 1: 30, 2: 12, 3: 8 }));

  const direct = (kind: MediationPlan['kind'], n: number, rejected: number) => {
    const list: MediationPlan[] = [];
    for (let i = 0; i < n + rejected; i++) {
      const unit = kind === 'people' ? stations.draw(random) : network.city;
      const registeredOn = (kind === 'people' ? stationDays : cityDays).draw(random);
      list.push({
        id: year.id(`mediation/${kind}`, i),
        lane: year.id(`mediation/${kind}`, i),
        unit,
        kind,
        source:
          kind === 'people'
            ? random.oneOf({ application: 62, initiative: 25, referral: 13 })
            : random.oneOf({ application: 80, initiative: 15, referral: 5 }),
        category: categoryFor(
          random,
          kind === 'administrative' ? ADMINISTRATIVE : unit.urban ? PEOPLES_URBAN : PEOPLES_RURAL,
          registeredOn,
        ),
        parties: parties(),
        registeredOn,
        referral: null,
        claimedYuan: null,
        acceptedOn: i < n ? minDate(addDays(registeredOn, acceptanceDelay()), YEAR_END) : null,
        outcome: i < n ? 'agreed' : 'rejected',
        timing: 'normal',
        reassign: false,
      });
    }
    return list;
  };

  // People's mediation at stations and workrooms: the direct registrations plus the referred ones.
  const peoplesDirect = direct(
    'people',
    shape.peoplesAccepted - shape.referred.length,
    Math.round(shape.peoplesAccepted * SHAPE.peoplesRejectedShare),
  );
  const peoplesReferred = shape.referred.map((r): MediationPlan => ({
    id: r.id,
    lane: r.lane,
    unit: r.unit,
    kind: 'people',
    source: 'referral',
    category: r.category,
    parties: r.parties,
    registeredOn: r.registeredOn,
    referral: r,
    claimedYuan: null,
    acceptedOn: minDate(addDays(r.registeredOn, acceptanceDelay()), YEAR_END),
    outcome: 'agreed',
    timing: 'normal',
    reassign: false,
  }));
  const peoplesAccepted = [...peoplesDirect, ...peoplesReferred].filter((p) => p.acceptedOn !== null);
  assignOutcomes(random, peoplesAccepted, SHAPE.peoplesSuccessRate, { late: 0.06, extended: 0.03, reassign: 0.02 });
  assignPeoplesAmounts(
    random,
    peoplesDirect.filter((p) => p.acceptedOn !== null),
    shape.peoplesClaimedYuan,
  );
  for (const p of peoplesDirect.filter((m) => m.acceptedOn === null)) p.claimedYuan = smallClaim(random, p.category);

  // Administrative mediation (行政调解) at the city centre: many small amounts, some with none.
  const administrative = direct('administrative', shape.administrativeAccepted, Math.round(shape.administrativeAccepted * 0.02));
  const administrativeAccepted = administrative.filter((p) => p.acceptedOn !== null);
  assignOutcomes(random, administrativeAccepted, SHAPE.administrativeSuccessRate, { late: 0.03, extended: 0.01, reassign: 0 });
  assignAdministrativeAmounts(random, administrativeAccepted, shape.administrativeClaimedYuan);
  for (const p of administrative.filter((m) => m.acceptedOn === null))
    p.claimedYuan = random.chance(0.8) ? roundTo(random.logNormal(1500, 0.7), 10) : null;

  plans.push(...peoplesDirect, ...peoplesReferred, ...administrative);
  return plans;
}

/** Exact shares (not coin flips), so a small scaled year keeps the proportions. */
function assignOutcomes(
  random: Random,
  accepted: MediationPlan[],
  successRate: number,
  shares: { late: number; extended: number; reassign: number },
): void {
  const n = accepted.length;
  const terminated = n - Math.round(n * successRate);
  random.shuffle(accepted).forEach((p, i) => (p.outcome = i < terminated ? 'terminated' : 'agreed'));
  // Late and extended cases need room before the year ends for a 30-day limit and more.
  const roomy = random.shuffle(accepted.filter((p) => p.acceptedOn! <= '2021-10-31'));
  const late = Math.round(n * shares.late);
  const extended = Math.round(n * shares.extended);
  roomy.forEach((p, i) => (p.timing = i < late ? 'late' : i < late + extended ? 'extended' : 'normal'));
  const reassign = Math.round(n * shares.reassign);
  random
    .shuffle(accepted.filter((p) => p.acceptedOn! <= '2021-11-30'))
    .slice(0, reassign)
    .forEach((p) => (p.reassign = true));
}

function roundTo(yuan: number, step: number): number {
  return Math.max(step, Math.round(yuan / step) * step);
}

function smallClaim(random: Random, category: CategoryCode): number {
  const median = MEDIAN_CLAIM_YUAN[category] ?? 3000;
  const yuan = Math.min(300_000, Math.max(200, random.logNormal(median, 0.9)));
  return roundTo(yuan, yuan < 10_000 ? 10 : 100);
}

/**
 * Claimed amounts of the accepted people's mediations: most a few thousand
 * yuan; about one case in twenty (contracts, business, land, demolition)
 * carries the rest of the total in the millions, so the sum is the target.
 */
function assignPeoplesAmounts(random: Random, accepted: MediationPlan[], targetYuan: number): void {
  if (accepted.length === 0) return;
  const bigCount = Math.max(1, Math.round(accepted.length * 0.05));
  const preferred = random.shuffle(accepted.filter((p) => LARGE_CLAIM_CATEGORIES.has(p.category)));
  const others = random.shuffle(accepted.filter((p) => !LARGE_CLAIM_CATEGORIES.has(p.category)));
  const big = [...preferred, ...others].slice(0, bigCount);
  const bigSet = new Set(big);
  let small = 0;
  for (const p of accepted) {
    if (bigSet.has(p)) continue;
    p.claimedYuan = smallClaim(random, p.category);
    small += p.claimedYuan;
  }
  distribute(random, big, targetYuan - small, 1000, 0.8);
}

/** 90.3万元 over 420 cases: a couple of thousand yuan each on average; some cases have no amount. */
function assignAdministrativeAmounts(random: Random, accepted: MediationPlan[], targetYuan: number): void {
  const withAmount = accepted.filter(() => random.chance(0.88));
  if (withAmount.length === 0) return;
  distribute(random, withAmount, targetYuan, 10, 0.75);
}

/** Splits `totalYuan` over `plans` with log-normal weights, rounded to `step`; the largest takes the remainder. */
function distribute(random: Random, plans: MediationPlan[], totalYuan: number, step: number, sigma: number): void {
  if (plans.length === 0) return;
  const weights = plans.map(() => random.logNormal(1, sigma));
  const sum = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  let largest = 0;
  plans.forEach((p, i) => {
    p.claimedYuan = roundTo((totalYuan * weights[i]!) / sum, step);
    given += p.claimedYuan;
    if (p.claimedYuan > plans[largest]!.claimedYuan!) largest = i;
  });
  plans[largest]!.claimedYuan! += totalYuan - given;
}

const MEDIATION_DUE_DAYS = 30;

/** Register (unless a referral registers it), then accept or reject, sessions, conclusion, follow-ups and closing. */
function emitMediation(year: YearBuilder, plan: MediationPlan, random: Random): void {
  const lane = year.lane(plan.lane);
  const at = (date: string) => officeInstant(random, date);
  const id = plan.id;
  const mediations = 'mediations';

  if (plan.referral) {
    const r = plan.referral;
    lane.command(
      'consultations',
      'refer',
      {
        target: 'mediation',
        targetOrgUnitId: r.unit.id,
        referredAt: formatInstant(r.referredAt),
        kind: 'people',
        parties: r.parties.map((p) => ({ ...p })),
        mediationId: r.id,
      },
      r.referredAt + random.int(0, 20) * MINUTE,
      plan.lane,
    );
  } else {
    lane.command(
      mediations,
      null,
      {
        id,
        orgUnitId: plan.unit.id,
        kind: plan.kind,
        source: plan.source,
        category: plan.category,
        parties: plan.parties.map((p) => ({ ...p })),
        ...(plan.claimedYuan === null ? {} : { claimedAmountFen: plan.claimedYuan * 100 }),
        registeredOn: plan.registeredOn,
      },
      at(plan.registeredOn),
    );
  }

  if (plan.acceptedOn === null) {
    const rejectedOn = minDate(addDays(plan.registeredOn, Number(random.oneOf({ 0: 50, 1: 30, 2: 20 }))), YEAR_END);
    const reason = random.oneOf({ 'already-handled': 40, 'out-of-scope': 30, 'party-refused': 25, other: 5 });
    lane.command(mediations, 'reject', { reason, rejectedOn }, at(rejectedOn), id);
    return;
  }

  const acceptedOn = plan.acceptedOn;
  const mediators = random.shuffle(plan.unit.mediators).slice(0, random.chance(0.35) ? 2 : 1);
  lane.command(mediations, 'accept', { acceptedOn, mediatorIds: mediators }, at(acceptedOn), id);

  // When the case concludes, in days after acceptance.
  const dueOn = addDays(acceptedOn, MEDIATION_DUE_DAYS);
  let days: number;
  let extension: { on: string; newDueOn: string } | null = null;
  if (plan.timing === 'late') days = MEDIATION_DUE_DAYS + random.int(1, 22);
  else if (plan.timing === 'extended') {
    const newDueOn = addDays(dueOn, random.int(15, 30));
    extension = { on: addDays(acceptedOn, random.int(22, 29)), newDueOn };
    days = random.int(MEDIATION_DUE_DAYS + 1, daysBetween(acceptedOn, newDueOn));
  } else {
    const median = plan.kind === 'administrative' ? 5 : plan.outcome === 'terminated' ? 12 : 7;
    days = Math.min(28, Math.round(random.logNormal(median, 0.75)));
  }
  if (plan.reassign) days = Math.max(days, 3);
  const concludedOn = minDate(addDays(acceptedOn, days), YEAR_END);
  const span = daysBetween(acceptedOn, concludedOn);

  // Sessions, an extension and a change of mediators, in date order.
  const sessionCount =
    Number(plan.kind === 'administrative' ? random.oneOf({ 1: 70, 2: 25, 3: 5 }) : random.oneOf({ 1: 45, 2: 30, 3: 15, 4: 7, 5: 3 })) +
    (plan.timing === 'normal' ? 0 : 1);
  const sessionDates = [addDays(acceptedOn, random.int(0, Math.min(3, span)))];
  for (let i = 1; i < sessionCount; i++) sessionDates.push(addDays(acceptedOn, random.int(0, span)));
  if (random.chance(0.7)) sessionDates.push(concludedOn);
  const handling: Array<{ on: string; rank: number; emit: () => void }> = [...new Set(sessionDates)].map((heldOn) => ({
    on: heldOn,
    rank: 1,
    emit: () => lane.command(mediations, 'sessions', { heldOn }, at(heldOn), id),
  }));
  if (extension) {
    const { on, newDueOn } = extension;
    handling.push({ on, rank: 2, emit: () => lane.command(mediations, 'extend', { newDueOn, partiesConsented: true }, at(on), id) });
  }
  if (plan.reassign) {
    const on = addDays(acceptedOn, random.int(1, Math.max(1, span - 1)));
    const others = plan.unit.mediators.filter((m) => !mediators.includes(m));
    const next = others.length > 0 ? [random.pick(others)] : [...mediators].reverse().slice(0, 1);
    handling.push({ on, rank: 0, emit: () => lane.command(mediations, 'reassign', { mediatorIds: next }, at(on), id) });
  }
  handling.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank)).forEach((h) => h.emit());

  if (plan.outcome === 'terminated') {
    const reason = random.oneOf({ 'no-agreement': 45, 'party-refused': 30, withdrawn: 15, obstacle: 7, other: 3 });
    lane.command(mediations, 'terminate', { reason, terminatedOn: concludedOn }, at(concludedOn), id);
    const closedOn = workingDayOnOrAfter(addDays(concludedOn, random.int(1, 10)));
    lane.command(mediations, 'close', { closedOn }, at(closedOn), id);
    return;
  }

  // Agreement: written for anything substantial; the agreed amount is what the parties settled on.
  const claimed = plan.claimedYuan;
  const form = claimed !== null && claimed >= 5000 ? (random.chance(0.92) ? 'written' : 'oral') : random.chance(0.55) ? 'written' : 'oral';
  const agreedYuan =
    claimed === null
      ? random.chance(0.4)
        ? 0
        : roundTo(random.logNormal(3000, 0.9), 10)
      : Math.max(0, Math.round(claimed * random.uniform(0.45, 1)));
  lane.command(mediations, 'agreement', { form, effectiveOn: concludedOn, agreedAmountFen: agreedYuan * 100 }, at(concludedOn), id);

  // Follow-ups after the agreement: judicial confirmation (人民调解法 Art 33: both parties, within
  // 30 days of the agreement taking effect), performance visits (回访), then the file is closed.
  const after: Array<{ on: string; rank: number; emit: () => void }> = [];
  if (plan.kind === 'people' && form === 'written' && random.chance(claimed !== null && claimed >= 100_000 ? 0.45 : 0.12)) {
    const appliedOn = addDays(concludedOn, random.int(1, 25));
    after.push({ on: appliedOn, rank: 0, emit: () => lane.command(mediations, 'judicial-confirmation', { appliedOn }, at(appliedOn), id) });
    const decidedOn = addDays(appliedOn, random.int(5, 20));
    const result = random.oneOf({ confirmed: 90, withdrawn: 6, 'not-confirmed': 4 });
    after.push({
      on: decidedOn,
      rank: 1,
      emit: () => lane.command(mediations, 'judicial-confirmation-decision', { result, decidedOn }, at(decidedOn), id),
    });
  }
  if (random.chance(plan.kind === 'people' ? 0.85 : 0.4)) {
    const first = addDays(concludedOn, random.int(7, 30));
    const performance = random.oneOf({ full: 88, partial: 9, none: 3 });
    after.push({
      on: first,
      rank: 2,
      emit: () => lane.command(mediations, 'performance', { performance, recordedOn: first }, at(first), id),
    });
    if (performance !== 'full') {
      const second = addDays(first, random.int(15, 40));
      const later = random.oneOf({ full: 60, partial: 30, none: 10 });
      after.push({
        on: second,
        rank: 3,
        emit: () => lane.command(mediations, 'performance', { performance: later, recordedOn: second }, at(second), id),
      });
    }
  }
  after.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank)).forEach((s) => s.emit());
  const lastOn = after.reduce((d, s) => maxDate(d, s.on), concludedOn);
  const closedOn = workingDayOnOrAfter(addDays(lastOn, random.int(1, 12)));
  lane.command(mediations, 'close', { closedOn }, at(closedOn), id);
}

// ---------------------------------------------------------------------------
// The 12348 hotline: calls, callbacks and work orders.
// ---------------------------------------------------------------------------

// prettier-ignore
const HOTLINE_MONTH = [1.15, 1.05, 1.05, 1.0, 0.95, 0.95, 0.95, 0.95, 1.0, 0.95, 1.0, 1.05];
/** Calls by hour of day: around the clock, busiest mid-morning and mid-afternoon. */
const CALLBACK_REACH_ODDS = [0.75, 0.55, 0.4];
// prettier-ignore
const HOUR_WEIGHTS = [0.2, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 1.0, 3.0, 5.0, 5.5, 4.5, 2.5, 2.6, 4.5, 5.0, 4.6, 3.5, 2.0, 1.6, 1.3, 1.0, 0.6, 0.3];

function generateHotline(year: YearBuilder, network: Network, random: Random, calls: number): void {
  const days = daySampler((d) => {
    let w = HOTLINE_MONTH[monthOf(d) - 1]!;
    const toFestival = daysBetween(d, SPRING_FESTIVAL);
    if (toFestival > 0 && toFestival <= 21) w *= 1.25;
    if (isHoliday(d)) w *= 0.6;
    else if (!isWorkingDay(d)) w *= 0.75;
    return w;
  });
  const hours = new WeightedTable(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  const assignees = stationTable(network, 0.7);
  // Callers: some call more than once over the year.
  const callerPool: Array<string | undefined> = new Array(Math.max(1, Math.round(calls * 0.75))).fill(undefined);
  const caller = () => {
    const i = Math.floor(callerPool.length * Math.pow(random.float(), 1.6));
    return (callerPool[i] ??= year.person());
  };

  const drafts = Array.from({ length: calls }, () => {
    const date = days.draw(random);
    return atTime(date, hours.draw(random) * 3600 + random.uniform(0, 3600));
  }).sort((a, b) => a - b);

  drafts.forEach((offeredAt, n) => {
    const id = year.id('hotline-call', n);
    const lane = year.lane(id);
    const hour = Math.floor(((((offeredAt + 8 * HOUR) % DAY) + DAY) % DAY) / HOUR);
    const night = hour < 7 || hour >= 22;
    const outcome = night
      ? random.oneOf({ answered: 70, voicemail: 25, missed: 5 })
      : random.oneOf({ answered: 92, missed: 7.5, voicemail: 0.5 });
    const cls = random.oneOf({ consultation: 88, complaint: 8, suggestion: 4 });
    const category: CategoryCode | null =
      cls === 'suggestion'
        ? random.chance(0.5)
          ? '99'
          : null
        : random.chance(cls === 'complaint' ? 0.6 : 0.95)
          ? categoryFor(random, CONSULTATION_URBAN, dateOf(offeredAt))
          : null;
    const callerPersonId = random.chance(0.85) ? caller() : undefined;
    const operatorId = random.pick(network.operators);

    let answeredAt: number | null = null;
    let endedAt: number;
    if (outcome === 'answered') {
      const wait = random.chance(0.94) ? random.uniform(2, 14.5) : random.uniform(16, 75);
      answeredAt = offeredAt + wait * 1000;
      endedAt = answeredAt + Math.min(1800, Math.max(20, random.logNormal(200, 0.6))) * 1000;
    } else if (outcome === 'missed') {
      // About a third hang up within a few seconds (short abandons, not counted as offered).
      endedAt = offeredAt + (random.chance(0.3) ? random.uniform(1, 4.5) : random.uniform(6, 60)) * 1000;
    } else {
      endedAt = offeredAt + (random.uniform(25, 40) + random.uniform(15, 120)) * 1000;
    }
    const body: Record<string, unknown> = {
      id,
      orgUnitId: network.city.id,
      offeredAt: formatInstant(offeredAt),
      ...(answeredAt === null ? {} : { answeredAt: formatInstant(answeredAt), operatorId }),
      endedAt: formatInstant(endedAt),
      outcome,
      class: cls,
      ...(category === null ? {} : { category }),
      ...(callerPersonId === undefined ? {} : { callerPersonId }),
    };
    // Logged by the operator as the call ends (the ACD fills in the instants).
    const loggedAt = lane.command('hotline-calls', null, body, Math.ceil(endedAt / 1000) * 1000 + random.int(5, 60) * 1000);

    if (outcome !== 'answered') {
      if (callerPersonId === undefined || !random.chance(0.9)) return;
      // Callbacks: missed calls promptly, voicemail the next morning.
      let attemptAt =
        outcome === 'voicemail' ? nextOfficeTime(loggedAt + random.int(1, 30) * MINUTE, random) : loggedAt + random.int(3, 90) * MINUTE;
      // Up to three attempts, each less likely to reach the caller; a third only sometimes.
      for (const [attempt, p] of CALLBACK_REACH_ODDS.entries()) {
        if (attempt === 2 && !random.chance(0.3)) return;
        const reached = random.chance(p);
        const issued = lane.command('hotline-calls', 'callback', { at: formatInstant(attemptAt), reached }, attemptAt, id);
        if (reached) return;
        attemptAt = issued + random.int(1, 24) * HOUR;
      }
      return;
    }

    const handOver = random.chance(cls === 'complaint' ? 0.55 : cls === 'suggestion' ? 0.2 : 0.025);
    if (!handOver) {
      const closeAt = Math.ceil(endedAt / 1000) * 1000 + random.int(10, 300) * 1000;
      lane.command('hotline-calls', 'close', { at: formatInstant(Math.max(closeAt, loggedAt)) }, Math.max(closeAt, loggedAt), id);
      return;
    }
    emitWorkOrder(year, lane, id, n, loggedAt, assignees, random);
  });
}

function emitWorkOrder(
  year: YearBuilder,
  lane: Lane,
  callId: string,
  n: number,
  loggedAt: number,
  assignees: WeightedTable<Unit>,
  random: Random,
): void {
  const workOrderId = year.id('work-order', n);
  const urgent = random.chance(0.05);
  let unit = assignees.draw(random);
  // 转办: the hand-over creates the order and assigns it at the same instant (the command's issue time).
  let t = lane.command(
    'hotline-calls',
    'work-order',
    { assignToOrgUnitId: unit.id, urgent, workOrderId },
    loggedAt + random.int(1, 8) * MINUTE,
    callId,
  );
  const step = (action: string, body: Record<string, unknown>, at: number): number => {
    const issued = lane.command('work-orders', action, { ...body, at: formatInstant(Math.max(at, t)) }, Math.max(at, t), workOrderId);
    t = issued;
    return issued;
  };
  const office = (ms: number) => nextOfficeTime(ms, random);

  const round = (first: boolean) => {
    if (first && random.chance(0.04)) {
      step(
        'return',
        {
          reason: random.oneOf({ 'not-our-jurisdiction': 60, 'insufficient-information': 30, other: 10 }),
        },
        office(t + random.int(1, 5) * HOUR),
      );
      const other = assignees.draw(random);
      unit = other.id === unit.id ? assignees.draw(random) : other;
      step('assign', { orgUnitId: unit.id }, office(t + random.int(30, 180) * MINUTE));
    }
    step('acknowledge', {}, urgent ? t + random.int(5, 50) * MINUTE : office(t + random.int(30, 480) * MINUTE));
    const lateness = random.float();
    if (first && lateness < 0.05) {
      step('extend', { workingDays: random.int(10, 15) }, office(t + random.int(1, 3) * DAY));
      step('reply', { resultCode: replyResult(random) }, office(t + random.int(4, 11) * DAY));
    } else if (first && lateness < 0.09) {
      // Overran the 5 working days: the supervisor flags it (督办) and the reply follows.
      step('supervise', { reason: 'reply-overdue' }, office(t + random.int(7, 9) * DAY));
      step('reply', { resultCode: replyResult(random) }, office(t + random.int(1, 3) * DAY));
    } else {
      step('reply', { resultCode: replyResult(random) }, office(t + random.uniform(0.2, 4) * DAY));
    }
  };

  round(true);
  for (let visitRound = 0; ; visitRound++) {
    if (visitRound === 0 && random.chance(0.1)) {
      // The caller could not be visited: closed without a visit.
      step('close', {}, office(t + random.int(1, 3) * DAY));
      return;
    }
    const satisfaction =
      visitRound === 0
        ? random.oneOf({ 'very-satisfied': 45, satisfied: 35, basic: 12, unsatisfied: 6, 'very-unsatisfied': 2 })
        : random.oneOf({ 'very-satisfied': 30, satisfied: 45, basic: 25 });
    step('visit', { satisfaction }, office(t + random.int(4, 48) * HOUR));
    if (satisfaction !== 'unsatisfied' && satisfaction !== 'very-unsatisfied') {
      step('close', {}, t + random.int(5, 240) * MINUTE);
      return;
    }
    // Every unsatisfied rating is followed up within a working day: reopened and assigned again.
    step('reopen', {}, t + random.int(1, 6) * HOUR);
    if (random.chance(0.4)) unit = assignees.draw(random);
    step('assign', { orgUnitId: unit.id }, office(t + random.int(20, 120) * MINUTE));
    round(false);
  }
}

function replyResult(random: Random): string {
  return random.oneOf({ resolved: 55, explained: 35, referred: 7, other: 3 });
}

// ---------------------------------------------------------------------------
// Legal lectures (法治讲座).
// ---------------------------------------------------------------------------

function generateLectures(year: YearBuilder, network: Network, random: Random, held: number): void {
  const cancelled = Math.round(held * SHAPE.lecturesCancelledShare);
  const days = daySampler((d) => {
    const month = monthOf(d);
    let w = [0.7, 0.5, 1.4, 1.1, 1.2, 1.2, 0.8, 0.8, 0.9, 0.9, 1.0, 1.3][month - 1]!;
    if (d >= '2021-11-29' && d <= '2021-12-04') w *= 3; // 宪法宣传周
    if (daysBetween(d, SPRING_FESTIVAL) >= -7 && daysBetween(d, SPRING_FESTIVAL) <= 3) w *= 0.1;
    if (isHoliday(d)) w *= 0.3;
    else if (!isWorkingDay(d)) w *= 0.7;
    return w;
  });
  const stations = stationTable(network, 0.3);
  const cancelledIndexes = new Set(random.shuffle(Array.from({ length: held + cancelled }, (_, i) => i)).slice(0, cancelled));

  for (let i = 0; i < held + cancelled; i++) {
    const id = year.id('lecture', i);
    const lane = year.lane(id);
    const unit = stations.draw(random);
    const plannedOn = days.draw(random);
    const month = monthOf(plannedOn);
    const topic = random.weighted(
      LECTURE_TOPICS.map((t) => [t.topic, t.months === undefined ? 1 : t.months.includes(month) ? 4 : 0] as const),
    );
    const planAt = Math.max(atTime(YEAR_START, 9 * 3600), officeInstant(random, addDays(plannedOn, -random.int(3, 20))));
    lane.command('lectures', null, { id, orgUnitId: unit.id, plannedOn, topic }, planAt);
    if (cancelledIndexes.has(i)) {
      const reason = random.oneOf({
        rescheduled: 30,
        'speaker-unavailable': 25,
        weather: 20,
        'venue-unavailable': 10,
        'too-few-registrations': 10,
        other: 5,
      });
      lane.command('lectures', 'cancel', { reason }, Math.max(planAt, officeInstant(random, addDays(plannedOn, -random.int(0, 3)))), id);
      continue;
    }
    const heldOn = random.chance(0.88) ? plannedOn : minDate(addDays(plannedOn, random.int(1, 5)), YEAR_END);
    const base = unit.level === 'township' ? 70 : 35;
    const attendees = Math.round(Math.min(500, Math.max(8, random.logNormal(base * (month === 12 ? 1.5 : 1), 0.45))));
    const recordedAt = atTime(addDays(heldOn, Number(random.oneOf({ 0: 60, 1: 30, 2: 10 }))), random.uniform(16.5 * 3600, 18 * 3600));
    lane.command('lectures', 'hold', { heldOn, attendees }, recordedAt, id);
  }
}
