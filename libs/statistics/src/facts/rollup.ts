import { chunks, rows, valuesList, type Dialect, type SqlTarget } from '../sql';
import { END_OF_TIME } from './org-periods';

/**
 * `stat_rollup`: the daily buckets summed per metric, month and *ancestor*
 * unit — the unit itself, its parent and grandparent on the fact's business
 * day, in the tree as known now (exactly the units whose subtree counts the
 * fact, see `subtree`). A subtree's figures for whole months are then one unit
 * id's rows (12 per metric for a year instead of every bucket of every unit);
 * the days of a partial month at either edge of a period come from
 * `stat_daily` as before. `grain` is 'm' (month rows; the key leaves room for
 * other grains).
 *
 * Only months, not days: every bucket delta adds to three ancestors' rows, and
 * day rows would double that write cost for every event, while a period's
 * edges are at most two partial months of daily buckets.
 *
 * Kept in step with `stat_daily` in the same transaction: every delta of a
 * batch is added to its ancestors' rows (one read of the org periods, one
 * multi-row upsert); an org registration or move first takes the affected
 * units' buckets out under the old tree and puts them back under the new one
 * (a backdated move re-files the past).
 */
export const ROLLUP_SUMS = ['fact_count', 'amount_fen', 'amount_missing', 'count_value', 'on_time_count'] as const;

/** A daily-bucket delta summed per (day, unit, metric): what the rollup adds to the unit's ancestors. */
export interface RollupDelta {
  day: string;
  unit: string;
  metric: string;
  factCount: number;
  amountFen: number;
  amountMissing: number;
  countValue: number;
  onTimeCount: number;
}

/**
 * `WITH v(day, unit, metric, <sums>) AS (<source>), a AS (…)` — the rows of `v`
 * once per ancestor unit (`anc`) of `unit` on `day`, tree as known now (two hops:
 * the levels are fixed city → township → village). Parameters: the source's, then
 * END_OF_TIME twice.
 */
function ancestorsCte(source: string): string {
  const cols = 'v.day, v.metric, v.n, v.amt, v.miss, v.cnt, v.ot';
  return `v (day, unit, metric, n, amt, miss, cnt, ot) AS (${source}),
  a AS (
    SELECT v.unit AS anc, ${cols} FROM v
    UNION ALL
    SELECT p1.parent_id, ${cols} FROM v
      JOIN stat_org_periods p1 ON p1.unit_id = v.unit AND p1.known_to = ? AND v.day >= p1.valid_from AND v.day < p1.valid_to
     WHERE p1.parent_id IS NOT NULL
    UNION ALL
    SELECT p2.parent_id, ${cols} FROM v
      JOIN stat_org_periods p1 ON p1.unit_id = v.unit AND p1.known_to = ? AND v.day >= p1.valid_from AND v.day < p1.valid_to
      JOIN stat_org_periods p2 ON p2.unit_id = p1.parent_id AND p2.known_to = ? AND v.day >= p2.valid_from AND v.day < p2.valid_to
     WHERE p2.parent_id IS NOT NULL
  )`;
}

/** Adds the rows of `source` (day, unit, metric, n, amt, miss, cnt, ot), times `sign`, to the rollup. */
async function addToRollup(tx: SqlTarget, dialect: Dialect, source: string, params: readonly unknown[], sign: 1 | -1): Promise<void> {
  const s = (c: string) => (sign === 1 ? `SUM(${c})` : `-SUM(${c})`);
  const sums = `${s('n')}, ${s('amt')}, ${s('miss')}, ${s('cnt')}, ${s('ot')}`;
  await rows(
    tx,
    dialect,
    `WITH ${ancestorsCte(source)}
     INSERT INTO stat_rollup (unit_id, grain, period, metric, ${ROLLUP_SUMS.join(', ')})
     SELECT anc, 'm', SUBSTR(day, 1, 7), metric, ${sums} FROM a WHERE true GROUP BY anc, SUBSTR(day, 1, 7), metric
     ON CONFLICT (unit_id, grain, period, metric) DO UPDATE SET ${ROLLUP_SUMS.map((c) => `${c} = stat_rollup.${c} + excluded.${c}`).join(', ')}`,
    [...params, END_OF_TIME, END_OF_TIME, END_OF_TIME],
  );
}

interface Ancestry {
  parent: string | null;
  from: string;
  to: string;
  grandparent: string | null;
  gfrom: string;
  gto: string;
}

/**
 * The known-now periods of `units` with their parents' periods: enough to name
 * every ancestor of a unit on any day (one indexed read per batch).
 */
async function ancestryOf(tx: SqlTarget, dialect: Dialect, units: readonly string[]): Promise<Map<string, Ancestry[]>> {
  const out = new Map<string, Ancestry[]>();
  for (const part of chunks(units, 1, 500)) {
    const found = await rows<{
      unit_id: string;
      parent_id: string | null;
      valid_from: string;
      valid_to: string;
      gp: string | null;
      gfrom: string | null;
      gto: string | null;
    }>(
      tx,
      dialect,
      `SELECT p1.unit_id, p1.parent_id, p1.valid_from, p1.valid_to, p2.parent_id AS gp, p2.valid_from AS gfrom, p2.valid_to AS gto
         FROM stat_org_periods p1
         LEFT JOIN stat_org_periods p2 ON p2.unit_id = p1.parent_id AND p2.known_to = ?
        WHERE p1.known_to = ? AND p1.unit_id IN (${part.map(() => '?').join(', ')})`,
      [END_OF_TIME, END_OF_TIME, ...part],
    );
    for (const r of found) {
      const list = out.get(r.unit_id) ?? [];
      list.push({
        parent: r.parent_id,
        from: r.valid_from,
        to: r.valid_to,
        grandparent: r.gp,
        gfrom: r.gfrom ?? '',
        gto: r.gto ?? '',
      });
      out.set(r.unit_id, list);
    }
  }
  return out;
}

/** `unit` and its parent and grandparent on `day` (the tree as known now). */
function ancestorsOn(unit: string, day: string, ancestry: ReadonlyMap<string, Ancestry[]>): string[] {
  const found = [unit];
  let parent: string | null = null;
  for (const a of ancestry.get(unit) ?? []) {
    if (a.parent === null || day < a.from || day >= a.to) continue;
    parent = a.parent;
    if (a.grandparent !== null && day >= a.gfrom && day < a.gto) found.push(a.grandparent);
  }
  if (parent !== null) found.splice(1, 0, parent);
  return found;
}

const ROLLUP_COLUMNS = ['unit_id', 'grain', 'period', 'metric', ...ROLLUP_SUMS] as const;

/**
 * Adds a batch's daily deltas to every ancestor's day and month rows: ancestors
 * named in memory from one read of the org periods, the rows summed per key
 * (one row per ancestor, day or month and metric), one multi-row upsert.
 */
export async function rollUp(tx: SqlTarget, dialect: Dialect, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const ancestry = await ancestryOf(tx, dialect, [...new Set(deltas.map((d) => d.unit))]);
  const sums = new Map<string, [string, string, string, string, number, number, number, number, number]>();
  const add = (unit: string, grain: 'd' | 'm', period: string, d: RollupDelta) => {
    const key = `${unit}|${grain}|${period}|${d.metric}`;
    const row = sums.get(key);
    if (row) {
      row[4] += d.factCount;
      row[5] += d.amountFen;
      row[6] += d.amountMissing;
      row[7] += d.countValue;
      row[8] += d.onTimeCount;
    } else sums.set(key, [unit, grain, period, d.metric, d.factCount, d.amountFen, d.amountMissing, d.countValue, d.onTimeCount]);
  };
  for (const d of deltas) {
    for (const unit of ancestorsOn(d.unit, d.day, ancestry)) {
      add(unit, 'm', d.day.slice(0, 7), d);
    }
  }
  for (const part of chunks([...sums.values()], ROLLUP_COLUMNS.length)) {
    await rows(
      tx,
      dialect,
      `INSERT INTO stat_rollup (${ROLLUP_COLUMNS.join(', ')}) VALUES ${valuesList(part.length, ROLLUP_COLUMNS.length)}
       ON CONFLICT (unit_id, grain, period, metric) DO UPDATE SET ${ROLLUP_SUMS.map((c) => `${c} = stat_rollup.${c} + excluded.${c}`).join(', ')}`,
      part.flat(),
    );
  }
}

/** The daily buckets of `units`, summed per (day, unit, metric): what they contribute to the rollup. */
function dailyOf(units: readonly string[]): { sql: string; params: string[] } {
  return {
    sql: `SELECT business_day, unit_id, metric, SUM(fact_count), SUM(amount_fen), SUM(amount_missing), SUM(count_value), SUM(on_time_count)
            FROM stat_daily WHERE unit_id IN (${units.map(() => '?').join(', ')}) GROUP BY business_day, unit_id, metric`,
    params: [...units],
  };
}

/**
 * Units whose ancestors an org batch naming `named` may change: those units and
 * everything below them, two levels down (over all periods, so before or after
 * the change alike: only the named units' own periods change).
 */
export async function affectedUnits(tx: SqlTarget, dialect: Dialect, named: readonly string[]): Promise<string[]> {
  const all = new Set(named);
  let frontier = [...named];
  for (let level = 0; level < 2 && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const part of chunks(frontier, 1, 500)) {
      const found = await rows<{ unit_id: string }>(
        tx,
        dialect,
        `SELECT DISTINCT unit_id FROM stat_org_periods WHERE parent_id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of found) {
        if (!all.has(r.unit_id)) {
          all.add(r.unit_id);
          next.push(r.unit_id);
        }
      }
    }
    frontier = next;
  }
  return [...all];
}

/** Takes the buckets of `units` out of the rollup (-1, before an org change) or puts them back (+1, after it). */
export async function refile(tx: SqlTarget, dialect: Dialect, units: readonly string[], sign: 1 | -1): Promise<void> {
  for (const part of chunks(units, 1, 500)) {
    const source = dailyOf(part);
    await addToRollup(tx, dialect, source.sql, source.params, sign);
  }
  // Rows a unit's buckets left (its old ancestors') are dropped, not kept at zero: every bucket
  // counts at least one fact, so only those rows have none, and the rollup stays exactly what
  // filing every bucket under the current tree gives (a rebuild's rollup).
  if (sign === 1) await rows(tx, dialect, 'DELETE FROM stat_rollup WHERE fact_count = 0');
}

/** Builds the whole rollup from `stat_daily` (migration of an existing read model). */
export async function rollUpAll(tx: SqlTarget, dialect: Dialect): Promise<void> {
  await addToRollup(
    tx,
    dialect,
    `SELECT business_day, unit_id, metric, SUM(fact_count), SUM(amount_fen), SUM(amount_missing), SUM(count_value), SUM(on_time_count)
       FROM stat_daily GROUP BY business_day, unit_id, metric`,
    [],
    1,
  );
}
