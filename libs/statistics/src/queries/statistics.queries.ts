import { END_OF_TIME } from '../facts/org-periods';
import { STATISTICS_PROJECTION } from '../facts/statistics.projection';
import { StatisticsQueryError } from '../statistics.errors';
import type { BreakdownDimension, FactMetric, RecordType, SuccessRateDefinition } from '../statistics.metrics';
import { num } from '../sql';
import { areasOf, type Areas, type GroupFigures, type MetricSums } from './areas';
import { recordMetric, type RecordMetricName } from './record-metrics';
import { subtree } from './scope';
import type { SqlQuery, StatisticsReader } from './statistics.reader';

/** A period `[from, to)` of Asia/Shanghai days over a unit's subtree, as known at `asOf` (`null`: now). */
export interface FigureQuery {
  readonly orgUnitId: string;
  readonly from: string;
  readonly to: string;
  /** Normalised ISO instant (`toISOString()`), or `null` for everything recorded so far. */
  readonly asOf: string | null;
  readonly successRate: SuccessRateDefinition;
}

export interface BreakdownQuery extends FigureQuery {
  readonly by: BreakdownDimension;
}

export interface RecordsQuery extends FigureQuery {
  readonly metric: RecordMetricName;
  readonly page: number;
  readonly pageSize: number;
  /** Drill into one breakdown group: `by` and its `key` (`null`: the records without that attribute). */
  readonly group?: { readonly by: BreakdownDimension; readonly key: string | null };
}

export interface BacklogQuery {
  readonly orgUnitId: string;
  readonly on: string;
  readonly asOf: string | null;
}

/**
 * Where sums come from: `daily` buckets (exact for everything recorded so
 * far), `rollup` (whole months from the month sums per ancestor unit, the
 * edge days from daily buckets: a summary reads one unit's rows; breakdowns
 * read `daily` instead),
 * `facts` (exact for any `asOf`), or `auto` (rollup for a summary and daily for
 * a breakdown without `asOf`, facts with one). Tests pin a path to prove they
 * give the same numbers.
 */
export type ReadPath = 'auto' | 'facts' | 'daily' | 'rollup';

export type Summary = { orgUnitId: string; from: string; to: string; asOf: string | null; position: number } & Areas;
export type BreakdownGroup = { key: string | null } & Areas;
export interface Breakdown {
  orgUnitId: string;
  from: string;
  to: string;
  asOf: string | null;
  position: number;
  by: BreakdownDimension;
  groups: BreakdownGroup[];
}

export interface RecordItem {
  recordType: RecordType;
  recordId: string;
  unitId: string;
  businessDay: string;
  category: string | null;
  kind: string | null;
  source: string | null;
  amountFen: number | null;
  /** Party count, persons served or attendees, where the fact has one. */
  count: number | null;
}

export interface RecordsPage {
  metric: RecordMetricName;
  orgUnitId: string;
  from: string;
  to: string;
  asOf: string | null;
  position: number;
  /** For a rate, the records listed are its numerator's. */
  of: 'records' | 'numerator' | 'amount' | 'persons';
  definition?: SuccessRateDefinition;
  /** Number of records behind the figure: for a count, the figure itself. */
  total: number;
  /** Σ amount of all listed records (the figure for an amount metric). */
  sumAmountFen: number;
  /** Σ count of all listed records (the figure for a person count). */
  sumCount: number;
  page: number;
  pageSize: number;
  items: RecordItem[];
}

export interface Backlog {
  orgUnitId: string;
  on: string;
  asOf: string | null;
  position: number;
  open: { mediation: number; workOrder: number; consultation: number };
}

/** Metrics the summary sums (the others only feed drill-down, cohorts and the backlog). */
const SUMMED_METRICS: readonly FactMetric[] = [
  'mediation.accepted',
  'mediation.succeeded',
  'mediation.terminated',
  'mediation.rejected',
  'consultation.opened',
  'consultation.referred',
  'hotline.offered',
  'hotline.answered',
  'hotline.answeredWithin15s',
  'hotline.missed',
  'hotline.callbackReached',
  'workOrder.created',
  'workOrder.replied',
  'workOrder.visited',
  'workOrder.satisfied',
  'lecture.held',
];

const IN_SUMMED = SUMMED_METRICS.map((m) => `'${m}'`).join(', ');

/** The group key of a fact row `x` (with `m` the subtree row it matched); `null` for no grouping. */
function keyExpr(by: BreakdownDimension | null, x: string): string | null {
  switch (by) {
    case null:
      return null;
    case 'category':
      return `${x}.category`;
    case 'kind':
      return `${x}.kind`;
    case 'source':
      return `${x}.source`;
    case 'month':
      return `SUBSTR(${x}.business_day, 1, 7)`;
    case 'orgUnit':
      return 'm.okey';
  }
}

/** A fact row `x` on a day its unit rolled up into the subtree. */
const IN_SUBTREE = (x: string) =>
  `JOIN m ON m.unit_id = ${x}.unit_id AND ${x}.business_day >= m.valid_from AND ${x}.business_day < m.valid_to`;

export class StatisticsQueries {
  constructor(readonly reader: StatisticsReader) {}

  summary(q: FigureQuery, path: ReadPath = 'auto'): Promise<Summary> {
    const rollup = path === 'rollup' || (path === 'auto' && q.asOf === null);
    if (rollup && q.successRate !== 'cohort') return this.rollupSummary(q);
    return this.reader.snapshot(async (sql) => {
      await requireUnit(sql, q.orgUnitId);
      const position = await checkpoint(sql);
      const groups = await figures(sql, q, null, rollup ? 'rollup' : path);
      const figuresOfAll = groups.get(null) ?? emptyFigures();
      return { orgUnitId: q.orgUnitId, from: q.from, to: q.to, asOf: q.asOf, position, ...areasOf(figuresOfAll, q.successRate) };
    });
  }

  /**
   * The summary without `asOf` (and not of the cohort definition) in ONE statement,
   * which is its own consistent snapshot: the unit check, the checkpoint, the
   * rollup's sums and the distinct overdue work orders together — one round trip.
   */
  private async rollupSummary(q: FigureQuery): Promise<Summary> {
    const scope = subtree(q.orgUnitId, null);
    const sums = rollupSums(q);
    const found = await this.reader.statement<{
      k: string;
      metric: FactMetric | null;
      n: unknown;
      amount: unknown;
      missing: unknown;
      cnt: unknown;
      on_time: unknown;
    }>(
      `WITH ${scope.sql}
       SELECT 'sum' AS k, s.metric AS metric, s.n AS n, s.amount AS amount, s.missing AS missing, s.cnt AS cnt, s.on_time AS on_time
         FROM (${sums.sql}) s
       UNION ALL SELECT 'pos', NULL, c.position, 0, 0, 0, 0 FROM projection_checkpoints c WHERE c.name = ?
       UNION ALL SELECT 'unit', NULL, COUNT(*), 0, 0, 0, 0 FROM stat_org_units u WHERE u.id = ?
       UNION ALL SELECT 'overdue', NULL, COUNT(DISTINCT f.record_id), 0, 0, 0, 0
         FROM stat_facts f ${IN_SUBTREE('f')}
        WHERE f.metric = 'workOrder.supervised' AND f.business_day >= ? AND f.business_day < ?`,
      [...scope.params, ...sums.params, STATISTICS_PROJECTION, q.orgUnitId, q.from, q.to],
    );
    const figures: GroupFigures = { sums: new Map(), overdue: 0, cohortAgreed: 0 };
    let position = 0;
    let unit = 0;
    for (const r of found) {
      if (r.k === 'sum' && r.metric !== null) {
        (figures.sums as Map<FactMetric, MetricSums>).set(r.metric, {
          count: num(r.n),
          amountFen: num(r.amount),
          amountMissing: num(r.missing),
          countValue: num(r.cnt),
          onTime: num(r.on_time),
        });
      } else if (r.k === 'pos') position = num(r.n);
      else if (r.k === 'unit') unit = num(r.n);
      else if (r.k === 'overdue') (figures as { overdue: number }).overdue = num(r.n);
    }
    if (unit === 0) throw new StatisticsQueryError([{ field: 'orgUnitId', message: `no org unit ${q.orgUnitId}` }]);
    return { orgUnitId: q.orgUnitId, from: q.from, to: q.to, asOf: q.asOf, position, ...areasOf(figures, q.successRate) };
  }

  breakdown(q: BreakdownQuery, path: ReadPath = 'auto'): Promise<Breakdown> {
    return this.reader.snapshot(async (sql) => {
      await requireUnit(sql, q.orgUnitId);
      const position = await checkpoint(sql);
      const groups = await figures(sql, q, q.by, path);
      const keys = [...groups.keys()].sort(compareKeys);
      return {
        orgUnitId: q.orgUnitId,
        from: q.from,
        to: q.to,
        asOf: q.asOf,
        position,
        by: q.by,
        groups: keys.map((key) => ({ key, ...areasOf(groups.get(key)!, q.successRate) })),
      };
    });
  }

  records(q: RecordsQuery): Promise<RecordsPage> {
    return this.reader.snapshot(async (sql) => {
      await requireUnit(sql, q.orgUnitId);
      const position = await checkpoint(sql);
      const spec = recordMetric(q.metric, q.successRate);
      const scope = subtree(q.orgUnitId, q.asOf);
      const key = q.group ? keyExpr(q.group.by, 'f') : null;
      const asOf = q.asOf ?? END_OF_TIME;
      const params: unknown[] = [...scope.params, q.from, q.to, asOf];
      let extra = spec.where ? ` AND ${spec.where}` : '';
      if (spec.special === 'cohort') {
        extra += ` AND EXISTS (SELECT 1 FROM stat_facts s WHERE s.record_id = f.record_id AND (s.metric || '') = 'mediation.succeeded' AND s.recorded_at <= ?)`;
        params.push(asOf);
      }
      const rank =
        spec.special === 'overdue' ? 'ROW_NUMBER() OVER (PARTITION BY f.record_id ORDER BY f.business_day, f.position, f.fact_id)' : '1';
      const inner = `SELECT f.fact_id, f.record_type, f.record_id, f.unit_id, f.business_day, f.category, f.kind, f.source, f.amount_fen, f.count_value,
               f.position, ${key ?? 'NULL'} AS gkey, ${rank} AS rn
          FROM stat_facts f ${IN_SUBTREE('f')}
         WHERE f.metric IN (${spec.facts.map((m) => `'${m}'`).join(', ')}) AND f.business_day >= ? AND f.business_day < ? AND f.recorded_at <= ?${extra}`;
      let outerWhere = 'r.rn = 1';
      if (q.group) {
        if (q.group.key === null) outerWhere += ' AND r.gkey IS NULL';
        else {
          outerWhere += ' AND r.gkey = ?';
          params.push(q.group.key);
        }
      }
      const base = `WITH ${scope.sql} SELECT * FROM (${inner}) r WHERE ${outerWhere}`;
      const [totals] = await sql<{ n: unknown; amount: unknown; persons: unknown }>(
        `WITH ${scope.sql} SELECT COUNT(*) AS n, SUM(COALESCE(r.amount_fen, 0)) AS amount, SUM(COALESCE(r.count_value, 0)) AS persons
           FROM (${inner}) r WHERE ${outerWhere}`,
        params,
      );
      const page = await sql<{
        record_type: RecordType;
        record_id: string;
        unit_id: string;
        business_day: string;
        category: string | null;
        kind: string | null;
        source: string | null;
        amount_fen: unknown;
        count_value: unknown;
      }>(`${base} ORDER BY r.business_day, r.position, r.fact_id LIMIT ? OFFSET ?`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
      return {
        metric: q.metric,
        orgUnitId: q.orgUnitId,
        from: q.from,
        to: q.to,
        asOf: q.asOf,
        position,
        of: spec.of ?? 'records',
        ...(q.metric === 'mediation.successRate' ? { definition: q.successRate } : {}),
        total: num(totals?.n),
        sumAmountFen: num(totals?.amount),
        sumCount: num(totals?.persons),
        page: q.page,
        pageSize: q.pageSize,
        items: page.map((r) => ({
          recordType: r.record_type,
          recordId: r.record_id,
          unitId: r.unit_id,
          businessDay: r.business_day,
          category: r.category,
          kind: r.kind,
          source: r.source,
          amountFen: r.amount_fen === null || r.amount_fen === undefined ? null : num(r.amount_fen),
          count: r.count_value === null || r.count_value === undefined ? null : num(r.count_value),
        })),
      };
    });
  }

  /**
   * Open records on day `on` (bitemporal: the business day `on`, the events
   * recorded by `asOf`), over the subtree as it stood on `on`. Mediations:
   * accepted on or before `on`, not agreed or terminated by it. Consultations:
   * received on or before `on`, not answered or referred by it. Work orders:
   * not closed by `on`, counted at the unit holding them on `on` (the last
   * creation, assignment, return or reopening on or before it).
   */
  backlog(q: BacklogQuery): Promise<Backlog> {
    return this.reader.snapshot(async (sql) => {
      await requireUnit(sql, q.orgUnitId);
      const position = await checkpoint(sql);
      const asOf = q.asOf ?? END_OF_TIME;
      const scope = subtree(q.orgUnitId, q.asOf);
      const onDay = 'JOIN m ON m.unit_id = a.unit_id AND ? >= m.valid_from AND ? < m.valid_to';
      // The inner lookups must go by record (idx_stat_facts_record): `metric || ''` keeps the
      // planner off the (metric, business_day) index, which would scan every closing fact per record.
      const open = async (opened: string, closers: readonly string[], latestOnly: boolean) => {
        const latest = latestOnly
          ? ` AND NOT EXISTS (SELECT 1 FROM stat_facts b WHERE b.record_id = a.record_id AND (b.metric || '') = a.metric AND b.business_day <= ? AND b.recorded_at <= ?
                 AND (b.business_day > a.business_day OR (b.business_day = a.business_day AND b.position > a.position)))`
          : '';
        const [row] = await sql<{ n: unknown }>(
          `WITH ${scope.sql}
           SELECT COUNT(*) AS n FROM stat_facts a ${onDay}
            WHERE a.metric = '${opened}' AND a.business_day <= ? AND a.recorded_at <= ?${latest}
              AND NOT EXISTS (SELECT 1 FROM stat_facts c WHERE c.record_id = a.record_id
                                AND (c.metric || '') IN (${closers.map((m) => `'${m}'`).join(', ')}) AND c.business_day <= ? AND c.recorded_at <= ?)`,
          [...scope.params, q.on, q.on, q.on, asOf, ...(latestOnly ? [q.on, asOf] : []), q.on, asOf],
        );
        return num(row?.n);
      };
      return {
        orgUnitId: q.orgUnitId,
        on: q.on,
        asOf: q.asOf,
        position,
        open: {
          mediation: await open('mediation.accepted', ['mediation.succeeded', 'mediation.terminated'], false),
          workOrder: await open('workOrder.routed', ['workOrder.closed'], true),
          consultation: await open('consultation.opened', ['consultation.closed'], false),
        },
      };
    });
  }

  /** Whether `orgUnitId` names a unit the statistics know (validation of query parameters). */
  unitExists(orgUnitId: string): Promise<boolean> {
    return this.reader.snapshot(async (sql) => (await sql('SELECT id FROM stat_org_units WHERE id = ?', [orgUnitId])).length > 0);
  }
}

async function requireUnit(sql: SqlQuery, orgUnitId: string): Promise<void> {
  const found = await sql('SELECT id FROM stat_org_units WHERE id = ?', [orgUnitId]);
  if (found.length === 0) throw new StatisticsQueryError([{ field: 'orgUnitId', message: `no org unit ${orgUnitId}` }]);
}

async function checkpoint(sql: SqlQuery): Promise<number> {
  const [row] = await sql<{ position: unknown }>('SELECT position FROM projection_checkpoints WHERE name = ?', [STATISTICS_PROJECTION]);
  return num(row?.position);
}

/**
 * The summed metrics of `q.orgUnitId`'s subtree over `[q.from, q.to)`: the whole
 * months inside the period from `stat_rollup` (one unit's month rows), the days
 * of a partial month at either edge from `stat_daily` over the subtree (`m`:
 * the caller puts `WITH <subtree>` in front and its parameters first).
 */
function rollupSums(q: FigureQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const days: Array<[string, string]> = [];
  const firstMonth = q.from.endsWith('-01') ? q.from.slice(0, 7) : nextMonth(q.from.slice(0, 7));
  const endMonth = q.to.slice(0, 7);
  if (firstMonth < endMonth) {
    parts.push(`SELECT r.metric, r.fact_count AS n, r.amount_fen AS amount, r.amount_missing AS missing, r.count_value AS cnt, r.on_time_count AS on_time
                  FROM stat_rollup r WHERE r.unit_id = ? AND r.grain = 'm' AND r.period >= ? AND r.period < ? AND r.metric IN (${IN_SUMMED})`);
    params.push(q.orgUnitId, firstMonth, endMonth);
    if (q.from < `${firstMonth}-01`) days.push([q.from, `${firstMonth}-01`]);
    if (`${endMonth}-01` < q.to) days.push([`${endMonth}-01`, q.to]);
  } else if (q.from < q.to) days.push([q.from, q.to]);
  if (days.length > 0) {
    parts.push(`SELECT d.metric, d.fact_count AS n, d.amount_fen AS amount, d.amount_missing AS missing, d.count_value AS cnt, d.on_time_count AS on_time
                  FROM stat_daily d ${IN_SUBTREE('d')}
                 WHERE d.metric IN (${IN_SUMMED}) AND (${days.map(() => '(d.business_day >= ? AND d.business_day < ?)').join(' OR ')})`);
    params.push(...days.flat());
  }
  if (parts.length === 0)
    parts.push(
      'SELECT r.metric, r.fact_count AS n, r.amount_fen AS amount, r.amount_missing AS missing, r.count_value AS cnt, r.on_time_count AS on_time FROM stat_rollup r WHERE 1 = 0',
    );
  return {
    sql: `SELECT y.metric AS metric, SUM(y.n) AS n, SUM(y.amount) AS amount, SUM(y.missing) AS missing, SUM(y.cnt) AS cnt, SUM(y.on_time) AS on_time
            FROM (${parts.join(' UNION ALL ')}) y GROUP BY y.metric`,
    params,
  };
}

/** `YYYY-MM` → the month after it. */
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

function emptyFigures(): GroupFigures {
  return { sums: new Map(), overdue: 0, cohortAgreed: 0 };
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Every figure of the period, per group (`by = null`: one group, key `null`). */
async function figures(
  sql: SqlQuery,
  q: FigureQuery,
  by: BreakdownDimension | null,
  path: ReadPath,
): Promise<Map<string | null, GroupFigures>> {
  const useRollup = path === 'rollup' && by === null;
  const useDaily = path === 'daily' || ((path === 'auto' || path === 'rollup') && q.asOf === null);
  const asOf = q.asOf ?? END_OF_TIME;
  const scope = subtree(q.orgUnitId, q.asOf);
  const key = keyExpr(by, 'x');
  const groups = new Map<string | null, { sums: Map<FactMetric, MetricSums>; overdue: number; cohortAgreed: number }>();
  const group = (k: unknown) => {
    const gk = k === null || k === undefined ? null : String(k);
    let g = groups.get(gk);
    if (!g) {
      g = { sums: new Map(), overdue: 0, cohortAgreed: 0 };
      groups.set(gk, g);
    }
    return g;
  };

  const source = useDaily
    ? {
        sql: `SELECT d.metric, d.business_day, d.unit_id, d.category, d.kind, d.source, d.fact_count AS n, d.amount_fen AS amount,
                     d.amount_missing AS missing, d.count_value AS cnt, d.on_time_count AS on_time
                FROM stat_daily d WHERE d.business_day >= ? AND d.business_day < ? AND d.metric IN (${IN_SUMMED})`,
        params: [q.from, q.to],
      }
    : {
        sql: `SELECT f.metric, f.business_day, f.unit_id, f.category, f.kind, f.source, 1 AS n, COALESCE(f.amount_fen, 0) AS amount,
                     CASE WHEN f.amount_fen IS NULL THEN 1 ELSE 0 END AS missing, COALESCE(f.count_value, 0) AS cnt, COALESCE(f.on_time, 0) AS on_time
                FROM stat_facts f WHERE f.business_day >= ? AND f.business_day < ? AND f.recorded_at <= ? AND f.metric IN (${IN_SUMMED})`,
        params: [q.from, q.to, asOf],
      };
  type SumRow = { metric: FactMetric; gkey: unknown; n: unknown; amount: unknown; missing: unknown; cnt: unknown; on_time: unknown };
  const rolled = useRollup ? rollupSums(q) : null;
  const sums = rolled
    ? await sql<SumRow>(`WITH ${scope.sql} SELECT s.*, NULL AS gkey FROM (${rolled.sql}) s`, [...scope.params, ...rolled.params])
    : await sql<SumRow>(
        `WITH ${scope.sql}
     SELECT x.metric AS metric, ${key ?? 'NULL'} AS gkey, SUM(x.n) AS n, SUM(x.amount) AS amount, SUM(x.missing) AS missing,
            SUM(x.cnt) AS cnt, SUM(x.on_time) AS on_time
       FROM (${source.sql}) x ${IN_SUBTREE('x')}
      GROUP BY x.metric${key ? `, ${key}` : ''}`,
        [...scope.params, ...source.params],
      );
  for (const r of sums) {
    group(r.gkey).sums.set(r.metric, {
      count: num(r.n),
      amountFen: num(r.amount),
      amountMissing: num(r.missing),
      countValue: num(r.cnt),
      onTime: num(r.on_time),
    });
  }

  // 督办: distinct work orders; each counts once, in the group of its first supervision in P.
  const fkey = keyExpr(by, 'f');
  const overdue = await sql<{ gkey: unknown; n: unknown }>(
    `WITH ${scope.sql}
     SELECT y.gkey AS gkey, COUNT(*) AS n FROM (
       SELECT ${fkey ?? 'NULL'} AS gkey, ROW_NUMBER() OVER (PARTITION BY f.record_id ORDER BY f.business_day, f.position, f.fact_id) AS rn
         FROM stat_facts f ${IN_SUBTREE('f')}
        WHERE f.metric = 'workOrder.supervised' AND f.business_day >= ? AND f.business_day < ? AND f.recorded_at <= ?
     ) y WHERE y.rn = 1 GROUP BY y.gkey`,
    [...scope.params, q.from, q.to, asOf],
  );
  for (const r of overdue) group(r.gkey).overdue = num(r.n);

  if (q.successRate === 'cohort') {
    // Of the cases accepted in P, those with an agreement recorded by asOf, whatever its effective date.
    const cohort = await sql<{ gkey: unknown; n: unknown }>(
      `WITH ${scope.sql}
       SELECT y.gkey AS gkey, COUNT(*) AS n FROM (
         SELECT ${fkey ?? 'NULL'} AS gkey FROM stat_facts f ${IN_SUBTREE('f')}
          WHERE f.metric = 'mediation.accepted' AND f.business_day >= ? AND f.business_day < ? AND f.recorded_at <= ?
            AND EXISTS (SELECT 1 FROM stat_facts s WHERE s.record_id = f.record_id AND (s.metric || '') = 'mediation.succeeded' AND s.recorded_at <= ?)
       ) y GROUP BY y.gkey`,
      [...scope.params, q.from, q.to, asOf, asOf],
    );
    for (const r of cohort) group(r.gkey).cohortAgreed = num(r.n);
  }
  if (by === null) group(null);
  return groups;
}
