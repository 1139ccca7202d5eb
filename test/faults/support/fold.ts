/* What the read model must hold, folded straight from the log by rules
 * restated here from DOMAIN.md / API.md for the event kinds the writers
 * append — sharing no code with the projections. */
import type { RecordedEvent } from '@pls/event-store';
import type { DataSource } from 'typeorm';

export interface Sums {
  facts: number;
  amountFen: number;
  amountMissing: number;
  countValue: number;
  onTime: number;
}

export interface Expected {
  /** `<business day>|<unit>|<metric>` → sums: the statistics' daily buckets summed over category, kind and source. */
  readonly buckets: Map<string, Sums>;
  /** `<record type>|<status>` → rows of case_list. */
  readonly cases: Map<string, number>;
  readonly orgUnits: number;
}

const zero = (): Sums => ({ facts: 0, amountFen: 0, amountMissing: 0, countValue: 0, onTime: 0 });

export function fold(events: readonly RecordedEvent[]): Expected {
  const buckets = new Map<string, Sums>();
  const add = (
    day: string,
    unit: string,
    metric: string,
    more: { amount?: number | null; hasAmount?: boolean; count?: number; onTime?: boolean } = {},
  ) => {
    const key = `${day}|${unit}|${metric}`;
    const s = buckets.get(key) ?? zero();
    s.facts += 1;
    if (more.hasAmount) {
      if (more.amount === null || more.amount === undefined) s.amountMissing += 1;
      else s.amountFen += more.amount;
    } else s.amountMissing += 1; // facts without an amount column count as "missing" in the buckets
    s.countValue += more.count ?? 0;
    if (more.onTime) s.onTime += 1;
    buckets.set(key, s);
  };
  const status = new Map<string, string>(); // stream → record type|status
  let orgUnits = 0;
  for (const e of events) {
    const d = e.data as any;
    switch (e.type) {
      case 'OrgUnitRegistered':
        orgUnits += 1;
        break;
      case 'MediationRegistered':
        status.set(e.stream, 'mediation|registered');
        break;
      case 'MediationRejected':
        add(d.rejectedOn, d.orgUnitId, 'mediation.rejected');
        status.set(e.stream, 'mediation|rejected');
        break;
      case 'MediationAccepted':
        add(d.acceptedOn, d.orgUnitId, 'mediation.accepted', { hasAmount: true, amount: d.claimedAmountFen, count: d.partyCount });
        status.set(e.stream, 'mediation|accepted');
        break;
      case 'MediationAgreementReached':
        add(d.effectiveOn, d.orgUnitId, 'mediation.succeeded', { hasAmount: true, amount: d.agreedAmountFen, onTime: d.onTime });
        status.set(e.stream, 'mediation|agreed');
        break;
      case 'MediationTerminated':
        add(d.terminatedOn, d.orgUnitId, 'mediation.terminated', { onTime: d.onTime });
        status.set(e.stream, 'mediation|terminated');
        break;
      case 'ConsultationOpened':
        add(d.receivedOn, d.orgUnitId, 'consultation.opened', { count: d.personsServed });
        status.set(e.stream, 'consultation|opened');
        break;
      case 'ConsultationAnswered':
        add(d.answeredOn, d.orgUnitId, 'consultation.closed');
        status.set(e.stream, 'consultation|answered');
        break;
      case 'ConsultationReferred':
        add(d.receivedOn, d.orgUnitId, 'consultation.referred');
        add(d.referredOn, d.orgUnitId, 'consultation.closed');
        status.set(e.stream, 'consultation|referred');
        break;
      case 'LecturePlanned':
        status.set(e.stream, 'lecture|planned');
        break;
      case 'LectureHeld':
        add(d.heldOn, d.orgUnitId, 'lecture.held', { count: d.attendees });
        status.set(e.stream, 'lecture|held');
        break;
      case 'LectureCancelled':
        status.set(e.stream, 'lecture|cancelled');
        break;
      case 'HotlineCallLogged': {
        // Offered unless abandoned within 5 s; answered within 15 s of the offer is timely.
        if (d.outcome !== 'missed' || d.waitSeconds >= 5) add(d.offeredOn, d.orgUnitId, 'hotline.offered');
        if (d.outcome === 'missed') add(d.offeredOn, d.orgUnitId, 'hotline.missed');
        if (d.outcome === 'answered') {
          add(d.offeredOn, d.orgUnitId, 'hotline.answered');
          if (Date.parse(d.answeredAt) - Date.parse(d.offeredAt) <= 15_000) add(d.offeredOn, d.orgUnitId, 'hotline.answeredWithin15s');
        } else status.set(e.stream, `hotline-call|${d.outcome}`); // a missed call awaits a callback: a case
        break;
      }
      default:
        throw new Error(`the fold does not know ${e.type}`);
    }
  }
  const cases = new Map<string, number>();
  for (const s of status.values()) cases.set(s, (cases.get(s) ?? 0) + 1);
  return { buckets, cases, orgUnits };
}

export async function readAllEvents(store: { readAll(after: number, limit: number): Promise<RecordedEvent[]> }): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll(all.length === 0 ? 0 : all[all.length - 1]!.position, 5000);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The same shape read back from the read model: the daily buckets, the facts, the case list, the org tree. */
export async function readModelOf(
  db: DataSource,
): Promise<{ daily: Map<string, Sums>; facts: Map<string, Sums>; cases: Map<string, number>; orgUnits: number }> {
  const sums = (rows: Array<Record<string, unknown>>) =>
    new Map(
      rows.map((r) => [
        `${r.business_day}|${r.unit_id}|${r.metric}`,
        {
          facts: Number(r.facts),
          amountFen: Number(r.amount_fen),
          amountMissing: Number(r.amount_missing),
          countValue: Number(r.count_value),
          onTime: Number(r.on_time),
        },
      ]),
    );
  const daily = sums(
    await db.query(`SELECT business_day, unit_id, metric, SUM(fact_count) AS facts, SUM(amount_fen) AS amount_fen, SUM(amount_missing) AS amount_missing,
                           SUM(count_value) AS count_value, SUM(on_time_count) AS on_time
                      FROM stat_daily GROUP BY business_day, unit_id, metric`),
  );
  const facts = sums(
    await db.query(`SELECT business_day, unit_id, metric, COUNT(*) AS facts, COALESCE(SUM(amount_fen), 0) AS amount_fen,
                           SUM(CASE WHEN amount_fen IS NULL THEN 1 ELSE 0 END) AS amount_missing,
                           COALESCE(SUM(count_value), 0) AS count_value, SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END) AS on_time
                      FROM stat_facts GROUP BY business_day, unit_id, metric`),
  );
  const caseRows = (await db.query(`SELECT record_type, status, COUNT(*) AS n FROM case_list GROUP BY record_type, status`)) as Array<
    Record<string, unknown>
  >;
  const cases = new Map(caseRows.map((r) => [`${r.record_type}|${r.status}`, Number(r.n)]));
  const [units] = (await db.query(`SELECT COUNT(*) AS n FROM org_units`)) as Array<{ n: unknown }>;
  return { daily, facts, cases, orgUnits: Number(units!.n) };
}

/** Per metric: facts the read model lacks (lost) and holds beyond the log (double-counted). */
export function discrepancies(
  expected: Map<string, Sums>,
  actual: Map<string, Sums>,
): { lost: number; doubled: number; differing: string[] } {
  let lost = 0;
  let doubled = 0;
  const differing: string[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(key) ?? zero();
    const a = actual.get(key) ?? zero();
    if (a.facts < e.facts) lost += e.facts - a.facts;
    if (a.facts > e.facts) doubled += a.facts - e.facts;
    if (JSON.stringify(e) !== JSON.stringify(a)) differing.push(`${key}: expected ${JSON.stringify(e)}, read model ${JSON.stringify(a)}`);
  }
  return { lost, doubled, differing };
}
