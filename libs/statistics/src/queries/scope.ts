import { END_OF_TIME, FIRST_DAY, LAST_DAY } from '../facts/org-periods';

/** SQL text and its parameters, in the order the placeholders appear. */
export interface Fragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Rows of `stat_org_periods` that were the known truth at `asOf` (`null`: now). */
function known(alias: string, asOf: string | null): Fragment {
  return asOf === null
    ? { sql: `${alias}.known_to = ?`, params: [END_OF_TIME] }
    : { sql: `${alias}.known_from <= ? AND ${alias}.known_to > ?`, params: [asOf, asOf] };
}

/**
 * `m(unit_id, valid_from, valid_to, okey)`: the units in `orgUnitId`'s subtree,
 * each with the business days on which it rolled up there, and `okey` — the
 * direct child of `orgUnitId` it rolls up through (or the unit itself).
 *
 * A fact at unit U on day D belongs to the subtree when some row has
 * `unit_id = U` and `valid_from ≤ D < valid_to`: the tree *as it stood on the
 * fact's business day* (a village moved on 1 April keeps March with its old
 * township, even when March is entered in May), *as known at `asOf`*.
 * Levels are fixed (city → township → village, PARENT_LEVEL), so two hops
 * reach every descendant; a unit's periods partition time, so no (unit, day)
 * matches twice.
 */
export function subtree(orgUnitId: string, asOf: string | null): Fragment {
  const k1 = known('p1', asOf);
  const k2 = known('p2', asOf);
  const k1b = known('p1', asOf);
  return {
    sql: `m (unit_id, valid_from, valid_to, okey) AS (
      SELECT CAST(? AS varchar(64)), CAST(? AS varchar(10)), CAST(? AS varchar(10)), CAST(? AS varchar(64))
      UNION ALL
      SELECT p1.unit_id, p1.valid_from, p1.valid_to, p1.unit_id
        FROM stat_org_periods p1 WHERE p1.parent_id = ? AND ${k1.sql}
      UNION ALL
      SELECT p2.unit_id,
             CASE WHEN p2.valid_from > p1.valid_from THEN p2.valid_from ELSE p1.valid_from END,
             CASE WHEN p2.valid_to < p1.valid_to THEN p2.valid_to ELSE p1.valid_to END,
             p1.unit_id
        FROM stat_org_periods p1 JOIN stat_org_periods p2 ON p2.parent_id = p1.unit_id
       WHERE p1.parent_id = ? AND ${k1b.sql} AND ${k2.sql}
    )`,
    params: [orgUnitId, FIRST_DAY, LAST_DAY, orgUnitId, orgUnitId, ...k1.params, orgUnitId, ...k1b.params, ...k2.params],
  };
}
