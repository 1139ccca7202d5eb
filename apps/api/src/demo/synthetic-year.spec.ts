import { isUuid } from '@pls/event-sourcing';
import { DEMO_NETWORK_NAME, networkUnitId } from '@pls/org';
import { validateRegisterPerson } from '@pls/privacy';
import { isBusinessDate, isInstant, shanghaiDate } from '@pls/reference';
import { createHash } from 'node:crypto';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../records/catalogue';
import { fieldErrors } from '../records/json-schema';
import { RouteRegistry } from '../records/route-registry';
import { isWorkingDay } from './calendar';
import { Random, mulberry32 } from './random';
import { DEMO_PHASES, generateSyntheticYear, type DemoCommand, type DemoStep, type SyntheticYear } from './synthetic-year';
import { fenToWanYuan, summariseYear } from './year-summary';

const fingerprint = (year: SyntheticYear) => createHash('sha256').update(JSON.stringify(year.steps)).digest('hex');
const commandsOf = (year: SyntheticYear): DemoCommand[] =>
  year.steps.filter((s): s is Extract<DemoStep, { kind: 'command' }> => s.kind === 'command').map((s) => s.command);

const YUAN = 100;

describe('the seeded PRNG', () => {
  it('is mulberry32: the same seed gives the same sequence', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('forks independent streams by label', () => {
    expect(new Random('s').fork('a').float()).toBe(new Random('s').fork('a').float());
    expect(new Random('s').fork('a').float()).not.toBe(new Random('s').fork('b').float());
  });
});

describe('the synthetic year', () => {
  const year = generateSyntheticYear();
  const summary = summariseYear(year.steps);
  const commands = commandsOf(year);

  it('is the same for the same seed, and another for another seed or scale', () => {
    expect(fingerprint(generateSyntheticYear())).toBe(fingerprint(year));
    expect(fingerprint(generateSyntheticYear({ seed: 'another' }))).not.toBe(fingerprint(year));
    const small = generateSyntheticYear({ scale: 0.05 });
    const ids = new Set(commands.map((c) => c.commandId));
    // The org units are the same network whatever the scale; every other command is the scale's own.
    expect(commandsOf(small).filter((c) => c.collection !== 'org-units' && ids.has(c.commandId))).toEqual([]);
  });

  it('gives every command body that passes its route’s JSON schema', () => {
    const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
    const invalid: string[] = [];
    for (const c of commands) {
      const mounted = registry.route(c.collection, c.action);
      if (!mounted) {
        invalid.push(`${c.collection} ${c.action}: no route`);
        continue;
      }
      if (!mounted.validate(c.body)) invalid.push(`${c.collection} ${c.action}: ${JSON.stringify(fieldErrors(mounted.validate))}`);
      if (!isInstant(c.now) || !c.now.endsWith('+08:00')) invalid.push(`${c.commandId}: now ${c.now}`);
    }
    expect(invalid.slice(0, 10)).toEqual([]);
  });

  it('registers valid, invented persons', () => {
    const persons = year.steps.flatMap((s) => (s.kind === 'person' ? [s.person] : []));
    expect(persons.length).toBe(summary.persons);
    for (const p of persons) expect(() => validateRegisterPerson(p)).not.toThrow();
    expect(persons.every((p) => /^.某/.test(p.name))).toBe(true);
    expect(new Set(persons.map((p) => p.id)).size).toBe(persons.length);
  });

  it('has one command id per command, and record ids that are UUIDs', () => {
    expect(new Set(commands.map((c) => c.commandId)).size).toBe(commands.length);
    const creates = commands.filter((c) => c.action === null).map((c) => c.body['id']);
    expect(new Set(creates).size).toBe(creates.length);
    expect(creates.every(isUuid)).toBe(true);
    expect(commands.filter((c) => c.action !== null).every((c) => isUuid(c.id))).toBe(true);
  });

  it('runs phases in order: org units by level, persons, then records in business-time order', () => {
    const phases = year.steps.map((s) => DEMO_PHASES.indexOf(s.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    const records = year.steps.filter((s): s is Extract<DemoStep, { kind: 'command' }> => s.phase === 'records');
    const times = records.map((s) => Date.parse(s.command.now));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Within a lane the commands are issued at strictly increasing instants.
    const last = new Map<string, number>();
    const outOfOrder: string[] = [];
    for (const s of records) {
      const t = Date.parse(s.command.now);
      if (t <= (last.get(s.lane) ?? -Infinity)) outOfOrder.push(s.command.commandId);
      last.set(s.lane, t);
    }
    expect(outOfOrder).toEqual([]);
  });

  it('creates its records on business dates of 2021', () => {
    expect(summary.firstDate! >= '2021-01-01').toBe(true);
    expect(summary.lastDate! <= '2021-12-31').toBe(true);
    const notDates = commands.flatMap((c) =>
      Object.entries(c.body).filter(([field, value]) => /On$/.test(field) && !isBusinessDate(value)),
    );
    expect(notDates).toEqual([]);
  });

  it('is shaped like the report: 380+ people’s mediations, 7480余万元, about 95% success', () => {
    const people = summary.mediations.people;
    expect(people.accepted).toBeGreaterThanOrEqual(380);
    expect(people.accepted).toBeLessThan(390);
    expect(fenToWanYuan(people.claimedAmountFen)).toMatch(/^748[0-8]\.\d\d$/);
    const successRate = people.agreed / people.accepted;
    expect(successRate).toBeGreaterThan(0.93);
    expect(successRate).toBeLessThan(0.97);
    expect(people.rejected).toBeGreaterThan(0);
    expect(people.terminated).toBeGreaterThan(0);
    expect(people.late).toBeGreaterThan(0);
    expect(people.extended).toBeGreaterThan(0);
    expect(people.judicialConfirmations).toBeGreaterThan(0);
    expect(people.viaReferral).toBeGreaterThan(0);
    expect(people.closed).toBe(people.accepted);
  });

  it('draws claimed amounts from a heavy tail: most a few thousand yuan, a few in the millions', () => {
    const claims = summary.mediations.people.claims;
    const median = claims[Math.floor(claims.length / 2)]!;
    expect(median).toBeGreaterThan(1_000 * YUAN);
    expect(median).toBeLessThan(10_000 * YUAN);
    const millions = claims.filter((c) => c >= 1_000_000 * YUAN).length;
    expect(millions).toBeGreaterThanOrEqual(3);
    expect(millions).toBeLessThan(claims.length * 0.08);
  });

  it('has 420 administrative mediations at the city centre involving 90.3万元', () => {
    const administrative = summary.mediations.administrative;
    expect(administrative.accepted).toBe(420);
    expect(fenToWanYuan(administrative.claimedAmountFen)).toBe('90.30');
    expect(administrative.agreed / administrative.accepted).toBeGreaterThan(0.85);
  });

  it('serves 6,400+ persons at the city centre and 12,000+ at stations and workrooms', () => {
    const { city, stations } = summary.consultations;
    expect(city.personsServed).toBeGreaterThan(6_400);
    expect(city.personsServed).toBeLessThan(6_500);
    expect(stations.personsServed).toBeGreaterThan(12_000);
    expect(stations.personsServed).toBeLessThan(12_100);
    expect(summary.consultations.answered / summary.consultations.count).toBeGreaterThan(0.9);
    expect(summary.consultations.referred['mediation']).toBe(summary.mediations.people.viaReferral);
  });

  it('answers most hotline calls within seconds, calls back missed callers, and follows work orders to their end', () => {
    const h = summary.hotline;
    expect(h.calls).toBeGreaterThan(3_000);
    expect(h.calls).toBeLessThan(4_000);
    expect(h.answered / h.calls).toBeGreaterThan(0.85);
    expect(h.answeredWithin15s / h.answered).toBeGreaterThan(0.9);
    expect(h.answeredWithin15s).toBeLessThan(h.answered); // some waited longer than 15 s
    expect(h.missed).toBeGreaterThan(0);
    expect(h.voicemail).toBeGreaterThan(0);
    expect(h.callbacksReached).toBeGreaterThan(0);
    expect(h.workOrders).toBeGreaterThan(100);
    expect(h.workOrdersClosed).toBe(h.workOrders);
    expect(h.reopened).toBe(h.unsatisfied);
    expect(h.closedDirectly + h.workOrders).toBe(h.answered);
  });

  it('holds 1,000+ lectures and cancels a few', () => {
    expect(summary.lectures.held).toBeGreaterThan(1_000);
    expect(summary.lectures.held).toBeLessThan(1_100);
    expect(summary.lectures.cancelled).toBeGreaterThan(0);
    expect(summary.lectures.cancelled).toBeLessThan(summary.lectures.held * 0.05);
  });

  it('follows the seasons: busier before 春节 than in early summer, more labour disputes in January', () => {
    const consultations = commands.filter((c) => c.collection === 'consultations' && c.action === null);
    const perDay = (from: string, to: string) => {
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      return (
        consultations.filter(
          (c) => shanghaiDate(c.body['receivedAt'] as string) >= from && shanghaiDate(c.body['receivedAt'] as string) <= to,
        ).length / days
      );
    };
    expect(perDay('2021-01-15', '2021-02-10')).toBeGreaterThan(1.3 * perDay('2021-06-01', '2021-06-30'));
    const labourShare = (month: string) => {
      const ofMonth = consultations.filter((c) => (c.body['receivedAt'] as string).startsWith(month));
      return ofMonth.filter((c) => c.body['category'] === '10').length / ofMonth.length;
    };
    expect(labourShare('2021-01')).toBeGreaterThan(labourShare('2021-07'));
    // The city centre is an office: next to nothing on public holidays.
    const atCity = consultations.filter((c) => c.body['orgUnitId'] === networkUnitId(DEMO_NETWORK_NAME, 'city'));
    const offDays = atCity.filter((c) => !isWorkingDay(shanghaiDate(c.body['receivedAt'] as string)));
    expect(offDays.length / atCity.length).toBeLessThan(0.05);
  });

  it('keeps the category mix plausible: neighbours and family disputes lead people’s mediation', () => {
    const counts = new Map<string, number>();
    for (const c of commands) {
      if (c.collection === 'mediations' && c.action === null && c.body['kind'] === 'people') {
        counts.set(c.body['category'] as string, (counts.get(c.body['category'] as string) ?? 0) + 1);
      }
    }
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([code]) => code);
    expect(top).toEqual(expect.arrayContaining(['01', '02']));
  });

  it('scales every volume and sum down for tests', () => {
    const small = summariseYear(generateSyntheticYear({ scale: 0.05 }).steps);
    expect(small.orgUnits).toBe(96);
    expect(small.mediations.people.accepted).toBeGreaterThanOrEqual(19);
    expect(small.mediations.people.accepted).toBeLessThanOrEqual(20);
    expect(small.mediations.administrative.accepted).toBe(21);
    expect(small.consultations.city.personsServed).toBeGreaterThanOrEqual(320);
    expect(small.consultations.city.personsServed).toBeLessThanOrEqual(325);
    expect(small.commands).toBeLessThan(summary.commands * 0.08);
  });
});
