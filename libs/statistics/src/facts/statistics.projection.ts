import type { RecordedEvent } from '@pls/event-store';
import type { BulkBuild, Projection } from '@pls/read-model';
import { reportCategory } from '@pls/reference';
import type { EntityManager } from 'typeorm';
import { chunks, dialectOf, rows, valuesList, type Dialect, type SqlTarget } from '../sql';
import { factsOf, recordIdOf, type Fact, type FactOptions } from './fact';
import { applyOrgEvents, ORG_EVENT_TYPES } from './org-periods';
import { affectedUnits, refile, rollUp, rollUpAll, type RollupDelta } from './rollup';

export const STATISTICS_PROJECTION = 'statistics';
export const STATISTICS_TABLES = ['stat_facts', 'stat_daily', 'stat_rollup', 'stat_org_units', 'stat_org_periods'] as const;

const FACT_COLUMNS = [
  'fact_id',
  'record_id',
  'record_type',
  'metric',
  'business_day',
  'unit_id',
  'category',
  'kind',
  'source',
  'amount_fen',
  'count_value',
  'on_time',
  'recorded_at',
  'position',
] as const;

const DAILY_COLUMNS = [
  'bucket',
  'business_day',
  'unit_id',
  'record_type',
  'metric',
  'category',
  'kind',
  'source',
  'fact_count',
  'amount_fen',
  'amount_missing',
  'count_value',
  'on_time_count',
] as const;

interface Bucket {
  bucket: string;
  fact: Fact;
  factCount: number;
  amountFen: number;
  amountMissing: number;
  countValue: number;
  onTimeCount: number;
}

/**
 * `statistics`: one row per countable fact in `stat_facts`, the same facts
 * summed per day and dimension in `stat_daily`, and the org history the
 * queries roll facts up by. A batch costs a handful of statements whatever its
 * size: facts go in as multi-row inserts that ignore ids already stored (a
 * replayed event adds nothing, even outside the runner's checkpoint guard),
 * and only the facts actually inserted are summed into one upsert per bucket.
 */
export function createStatisticsProjection(options: FactOptions = {}): Projection {
  return {
    name: STATISTICS_PROJECTION,
    tables: STATISTICS_TABLES,
    async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const dialect = dialectOf(tx.connection);
      const orgEvents = events.filter((e) => ORG_EVENT_TYPES.has(e.type));
      if (orgEvents.length > 0) {
        // The rollup files buckets under their ancestors: re-file the units whose ancestors may change.
        const named = [...new Set(orgEvents.map((e) => (e.data as { orgUnitId: string }).orgUnitId))];
        const affected = await affectedUnits(tx, dialect, named);
        await refile(tx, dialect, affected, -1);
        await applyOrgEvents(tx, dialect, orgEvents);
        await refile(tx, dialect, affected, 1);
      }
      const categories = await callCategories(tx, dialect, events);
      const facts = events.flatMap((e) => factsOf(e, options, { callCategory: (id) => categories.get(id) ?? null }));
      const inserted = await insertFacts(tx, dialect, facts);
      await upsertDaily(
        tx,
        dialect,
        facts.filter((f) => inserted.has(f.factId)),
      );
    },
    bulk: () => bulkBuild(options),
  };
}

/**
 * Indexes only queries read: a bulk build drops them on the empty tables and
 * creates them once after the load (a sort instead of a million random inserts).
 * Names and columns as in the migrations.
 */
const QUERY_INDEXES = [
  { name: 'idx_stat_facts_metric_day', table: 'stat_facts', columns: ['metric', 'business_day'] },
  { name: 'idx_stat_facts_record', table: 'stat_facts', columns: ['record_id', 'metric'] },
  { name: 'idx_stat_daily_unit_day', table: 'stat_daily', columns: ['unit_id', 'business_day'] },
  { name: 'idx_stat_daily_day', table: 'stat_daily', columns: ['business_day'] },
] as const;

/**
 * The rebuild's path (empty beside tables): facts are written batch by batch
 * (multi-row inserts, without the query indexes); the daily buckets are summed
 * in memory over the whole log and written once at the end; the rollup is then
 * derived from them in one `INSERT … SELECT` under the final org tree — what the
 * incremental path's deltas and re-filings add up to. The org history and the
 * facts go through the same code as `apply`; a callback's call category comes
 * from the call facts already written (kept in memory instead of looked up).
 */
function bulkBuild(options: FactOptions): BulkBuild {
  const buckets = new Map<string, Bucket>();
  const calls = new Map<string, string | null>();
  let dialect: Dialect = 'sqlite';
  return {
    async start(tx) {
      dialect = dialectOf(tx.connection);
      for (const index of QUERY_INDEXES) await tx.query(`DROP INDEX IF EXISTS ${index.name}`);
    },
    async add(events, tx) {
      const orgEvents = events.filter((e) => ORG_EVENT_TYPES.has(e.type));
      if (orgEvents.length > 0) await applyOrgEvents(tx, dialect, orgEvents);
      const categories = await callCategories(tx, dialect, events, calls);
      const facts = events.flatMap((e) => factsOf(e, options, { callCategory: (id) => categories.get(id) ?? null }));
      const inserted = await insertFacts(tx, dialect, facts);
      const kept = facts.filter((f) => inserted.has(f.factId));
      foldBuckets(buckets, kept);
      for (const f of kept) if (f.recordType === 'hotline-call') calls.set(f.recordId, f.category);
    },
    async finish(tx) {
      await writeBuckets(tx, dialect, [...buckets.values()]);
      buckets.clear();
      for (const index of QUERY_INDEXES) await tx.query(`CREATE INDEX ${index.name} ON ${index.table} (${index.columns.join(', ')})`);
      await rollUpAll(tx, dialect);
    },
  };
}

export const statisticsProjection = createStatisticsProjection();

/** Categories of the calls whose callbacks are in the batch: from the batch itself, else one lookup. */
async function callCategories(
  tx: SqlTarget,
  dialect: Dialect,
  events: readonly RecordedEvent[],
  /** A bulk build's memory of the call facts written so far (what the lookup would find). */
  written?: ReadonlyMap<string, string | null>,
): Promise<Map<string, string | null>> {
  const known = new Map<string, string | null>();
  const wanted = new Set<string>();
  for (const e of events) {
    if (e.type === 'HotlineCallLogged') {
      const { callId, category } = e.data as { callId: string; category: string | null };
      known.set(callId, category === null ? null : reportCategory(category));
    } else if (e.type === 'HotlineCallbackAttempted' && (e.data as { reached: boolean }).reached) {
      const id = recordIdOf(e.stream);
      if (known.has(id)) continue;
      if (written?.has(id)) known.set(id, written.get(id)!);
      else if (!written) wanted.add(id);
    }
  }
  for (const part of chunks([...wanted], 1, 500)) {
    const found = await rows<{ record_id: string; category: string | null }>(
      tx,
      dialect,
      `SELECT record_id, category FROM stat_facts WHERE record_type = 'hotline-call' AND record_id IN (${part.map(() => '?').join(', ')})`,
      part,
    );
    for (const r of found) known.set(r.record_id, r.category);
  }
  return known;
}

async function insertFacts(tx: SqlTarget, dialect: Dialect, facts: readonly Fact[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(facts, FACT_COLUMNS.length)) {
    const params = part.flatMap((f) => [
      f.factId,
      f.recordId,
      f.recordType,
      f.metric,
      f.businessDay,
      f.unitId,
      f.category,
      f.kind,
      f.source,
      f.amountFen,
      f.countValue,
      f.onTime === null ? null : f.onTime ? 1 : 0,
      f.recordedAt,
      f.position,
    ]);
    const returned = await rows<{ fact_id: string }>(
      tx,
      dialect,
      `INSERT INTO stat_facts (${FACT_COLUMNS.join(', ')}) VALUES ${valuesList(part.length, FACT_COLUMNS.length)}
       ON CONFLICT (fact_id) DO NOTHING RETURNING fact_id`,
      params,
    );
    for (const r of returned) inserted.add(r.fact_id);
  }
  return inserted;
}

export function bucketOf(f: Pick<Fact, 'businessDay' | 'unitId' | 'metric' | 'category' | 'kind' | 'source'>): string {
  return [f.businessDay, f.unitId, f.metric, f.category ?? '', f.kind ?? '', f.source ?? ''].join('|');
}

/** One upsert per bucket per batch: the batch is summed in memory first. */
async function upsertDaily(tx: SqlTarget, dialect: Dialect, facts: readonly Fact[]): Promise<void> {
  const buckets = new Map<string, Bucket>();
  foldBuckets(buckets, facts);
  if (buckets.size === 0) return;
  await writeBuckets(tx, dialect, [...buckets.values()]);
  await rollUp(tx, dialect, rollupDeltas(buckets.values()));
}

/** Adds `facts` to the in-memory sums per bucket. */
function foldBuckets(buckets: Map<string, Bucket>, facts: readonly Fact[]): void {
  for (const f of facts) {
    const key = bucketOf(f);
    let b = buckets.get(key);
    if (!b) {
      b = { bucket: key, fact: f, factCount: 0, amountFen: 0, amountMissing: 0, countValue: 0, onTimeCount: 0 };
      buckets.set(key, b);
    }
    b.factCount += 1;
    if (f.amountFen === null) b.amountMissing += 1;
    else b.amountFen += f.amountFen;
    b.countValue += f.countValue ?? 0;
    if (f.onTime) b.onTimeCount += 1;
  }
}

/** Adds the sums to `stat_daily`: multi-row upserts. */
async function writeBuckets(tx: SqlTarget, dialect: Dialect, buckets: readonly Bucket[]): Promise<void> {
  const sums = ['fact_count', 'amount_fen', 'amount_missing', 'count_value', 'on_time_count'];
  for (const part of chunks(buckets, DAILY_COLUMNS.length)) {
    const params = part.flatMap((b) => [
      b.bucket,
      b.fact.businessDay,
      b.fact.unitId,
      b.fact.recordType,
      b.fact.metric,
      b.fact.category,
      b.fact.kind,
      b.fact.source,
      b.factCount,
      b.amountFen,
      b.amountMissing,
      b.countValue,
      b.onTimeCount,
    ]);
    await rows(
      tx,
      dialect,
      `INSERT INTO stat_daily (${DAILY_COLUMNS.join(', ')}) VALUES ${valuesList(part.length, DAILY_COLUMNS.length)}
       ON CONFLICT (bucket) DO UPDATE SET ${sums.map((c) => `${c} = stat_daily.${c} + excluded.${c}`).join(', ')}`,
      params,
    );
  }
}

/** The buckets summed per (day, unit, metric): the rollup's grain. */
function rollupDeltas(buckets: Iterable<Bucket>): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const b of buckets) {
    const key = `${b.fact.businessDay}|${b.fact.unitId}|${b.fact.metric}`;
    let d = deltas.get(key);
    if (!d) {
      d = {
        day: b.fact.businessDay,
        unit: b.fact.unitId,
        metric: b.fact.metric,
        factCount: 0,
        amountFen: 0,
        amountMissing: 0,
        countValue: 0,
        onTimeCount: 0,
      };
      deltas.set(key, d);
    }
    d.factCount += b.factCount;
    d.amountFen += b.amountFen;
    d.amountMissing += b.amountMissing;
    d.countValue += b.countValue;
    d.onTimeCount += b.onTimeCount;
  }
  return [...deltas.values()];
}
