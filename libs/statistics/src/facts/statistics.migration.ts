import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ROLLUP_SUMS, rollUpAll } from './rollup';

/**
 * The statistics read model:
 * - `stat_facts`: one row per countable fact (drill-down, `asOf`, cohorts, backlog);
 * - `stat_daily`: the facts summed per day, unit and dimension (the fast path for "as of now");
 * - `stat_org_units` and `stat_org_periods`: the org tree with its history, in
 *   business time (which parent a unit rolls up to on a day) and in record time
 *   (since when that was known), so a moved unit's past stays where it was and
 *   a report re-run `asOf` an instant sees the tree as it was known then.
 */
export class Statistics1764500200000 implements MigrationInterface {
  name = 'Statistics1764500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stat_facts',
        columns: [
          { name: 'fact_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'record_id', type: 'varchar', length: '64' },
          { name: 'record_type', type: 'varchar', length: '20' },
          { name: 'metric', type: 'varchar', length: '40' },
          { name: 'business_day', type: 'varchar', length: '10' },
          { name: 'unit_id', type: 'varchar', length: '64' },
          { name: 'category', type: 'varchar', length: '8', isNullable: true },
          { name: 'kind', type: 'varchar', length: '20', isNullable: true },
          { name: 'source', type: 'varchar', length: '20', isNullable: true },
          { name: 'amount_fen', type: 'bigint', isNullable: true },
          { name: 'count_value', type: 'bigint', isNullable: true },
          // 0/1 rather than boolean: the same parameter binds on both drivers.
          { name: 'on_time', type: 'smallint', isNullable: true },
          { name: 'recorded_at', type: 'varchar', length: '30' },
          { name: 'position', type: 'bigint' },
        ],
        // Every read of the facts filters on metric and day (figures, drill-down, backlog) or looks a
        // record up (cohorts, backlog closers, a callback's call); more indexes would only slow rebuilds.
        indices: [
          { name: 'idx_stat_facts_metric_day', columnNames: ['metric', 'business_day'] },
          { name: 'idx_stat_facts_record', columnNames: ['record_id', 'metric'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'stat_daily',
        columns: [
          // day|unit|metric|category|kind|source ('' for none): NULLs never collide in a unique key.
          { name: 'bucket', type: 'varchar', length: '240', isPrimary: true },
          { name: 'business_day', type: 'varchar', length: '10' },
          { name: 'unit_id', type: 'varchar', length: '64' },
          { name: 'record_type', type: 'varchar', length: '20' },
          { name: 'metric', type: 'varchar', length: '40' },
          { name: 'category', type: 'varchar', length: '8', isNullable: true },
          { name: 'kind', type: 'varchar', length: '20', isNullable: true },
          { name: 'source', type: 'varchar', length: '20', isNullable: true },
          { name: 'fact_count', type: 'bigint', default: 0 },
          { name: 'amount_fen', type: 'bigint', default: 0 },
          { name: 'amount_missing', type: 'bigint', default: 0 },
          { name: 'count_value', type: 'bigint', default: 0 },
          { name: 'on_time_count', type: 'bigint', default: 0 },
        ],
        indices: [
          { name: 'idx_stat_daily_unit_day', columnNames: ['unit_id', 'business_day'] },
          { name: 'idx_stat_daily_day', columnNames: ['business_day'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'stat_org_units',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'parent_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'level', type: 'varchar', length: '10' },
          { name: 'registered_at', type: 'varchar', length: '30' },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'stat_org_periods',
        columns: [
          // `<event id>:<n>`: a replayed registration or move adds nothing.
          { name: 'period_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'unit_id', type: 'varchar', length: '64' },
          { name: 'parent_id', type: 'varchar', length: '64', isNullable: true },
          // Business time: the unit rolls up to parent_id on days in [valid_from, valid_to).
          { name: 'valid_from', type: 'varchar', length: '10' },
          { name: 'valid_to', type: 'varchar', length: '10' },
          // Record time: this row was the known truth for instants in [known_from, known_to).
          { name: 'known_from', type: 'varchar', length: '30' },
          { name: 'known_to', type: 'varchar', length: '30' },
        ],
        indices: [
          { name: 'idx_stat_org_periods_parent', columnNames: ['parent_id'] },
          { name: 'idx_stat_org_periods_unit', columnNames: ['unit_id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stat_org_periods', true);
    await q.dropTable('stat_org_units', true);
    await q.dropTable('stat_daily', true);
    await q.dropTable('stat_facts', true);
  }
}

/**
 * `stat_rollup` (see rollup.ts): the daily buckets summed per ancestor unit and
 * month, so a subtree's summary over whole months reads one unit's rows. An existing
 * read model is upgraded in place: the rollup is filled from its `stat_daily`
 * and org periods, in the migration's transaction.
 */
export class StatisticsRollup1764700100000 implements MigrationInterface {
  name = 'StatisticsRollup1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stat_rollup',
        columns: [
          // The ancestor (or the unit itself) whose subtree the sums belong to.
          { name: 'unit_id', type: 'varchar', length: '64', isPrimary: true },
          // 'm': a month row (the only grain so far; in the key so that another could sit apart).
          { name: 'grain', type: 'varchar', length: '1', isPrimary: true },
          // YYYY-MM.
          { name: 'period', type: 'varchar', length: '10', isPrimary: true },
          { name: 'metric', type: 'varchar', length: '40', isPrimary: true },
          ...ROLLUP_SUMS.map((name) => ({ name, type: 'bigint', default: 0 })),
        ],
      }),
      true,
    );
    await rollUpAll(q, q.connection.options.type === 'postgres' ? 'postgres' : 'sqlite');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stat_rollup', true);
  }
}

export const STATISTICS_MIGRATIONS = [Statistics1764500200000, StatisticsRollup1764700100000];
