import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import { reportCategory } from '@pls/reference';
import type { EntityManager } from 'typeorm';
import { chunks, dialectOf, rows, valuesList, type Dialect, type SqlTarget } from '../sql';
import { factsOf, recordIdOf, type Fact, type FactOptions } from './fact';
import { applyOrgEvents, ORG_EVENT_TYPES } from './org-periods';

export const STATISTICS_PROJECTION = 'statistics';
export const STATISTICS_TABLES = ['stat_facts', 'stat_daily', 'stat_org_units', 'stat_org_periods'] as const;

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
      await applyOrgEvents(
        tx,
        dialect,
        events.filter((e) => ORG_EVENT_TYPES.has(e.type)),
      );
      const categories = await callCategories(tx, dialect, events);
      const facts = events.flatMap((e) => factsOf(e, options, { callCategory: (id) => categories.get(id) ?? null }));
      const inserted = await insertFacts(tx, dialect, facts);
      await upsertDaily(
        tx,
        dialect,
        facts.filter((f) => inserted.has(f.factId)),
      );
    },
  };
}

export const statisticsProjection = createStatisticsProjection();

/** Categories of the calls whose callbacks are in the batch: from the batch itself, else one lookup. */
async function callCategories(tx: SqlTarget, dialect: Dialect, events: readonly RecordedEvent[]): Promise<Map<string, string | null>> {
  const known = new Map<string, string | null>();
  const wanted = new Set<string>();
  for (const e of events) {
    if (e.type === 'HotlineCallLogged') {
      const { callId, category } = e.data as { callId: string; category: string | null };
      known.set(callId, category === null ? null : reportCategory(category));
    } else if (e.type === 'HotlineCallbackAttempted' && (e.data as { reached: boolean }).reached) {
      const id = recordIdOf(e.stream);
      if (!known.has(id)) wanted.add(id);
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
  const sums = ['fact_count', 'amount_fen', 'amount_missing', 'count_value', 'on_time_count'];
  for (const part of chunks([...buckets.values()], DAILY_COLUMNS.length)) {
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
