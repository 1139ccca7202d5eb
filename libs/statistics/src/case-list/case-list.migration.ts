import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { CASE_ASSIGNEES_TABLE, CASE_LIST_TABLE, CASE_UNITS_TABLE } from './case-list.row';

/** The case list (work queue): one row per record, its assignees, and the projection's own org paths. */
export class CaseList1764500100000 implements MigrationInterface {
  name = 'CaseList1764500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: CASE_LIST_TABLE,
        columns: [
          { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'record_type', type: 'varchar', length: '20' },
          { name: 'unit_id', type: 'varchar', length: '36' },
          // `/city/township/village/` as the tree stands now: a unit's subtree is every path starting with its own.
          { name: 'unit_path', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '30' },
          // JSON array of user ids; `case_list_assignees` is the form queries search.
          { name: 'assignee_ids', type: 'text', isNullable: true },
          { name: 'category', type: 'varchar', length: '10', isNullable: true },
          { name: 'kind', type: 'varchar', length: '20', isNullable: true },
          { name: 'opened_on', type: 'varchar', length: '10' },
          { name: 'due_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'concluded_on', type: 'varchar', length: '10', isNullable: true },
          // 0/1 rather than boolean: the same value binds and reads alike on SQLite and PostgreSQL.
          { name: 'open', type: 'smallint' },
          { name: 'supervised', type: 'int', default: 0 },
          { name: 'updated_position', type: 'bigint' },
        ],
        indices: [
          { name: 'idx_case_list_unit_path', columnNames: ['unit_path'] },
          { name: 'idx_case_list_unit', columnNames: ['unit_id'] },
          { name: 'idx_case_list_open_due', columnNames: ['open', 'due_on'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: CASE_ASSIGNEES_TABLE,
        columns: [
          { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'assignee_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'idx_case_list_assignees_assignee', columnNames: ['assignee_id'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: CASE_UNITS_TABLE,
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'path', type: 'varchar', length: '200' },
        ],
        indices: [{ name: 'idx_case_list_units_path', columnNames: ['path'] }],
      }),
      true,
    );
    if (q.connection.options.type === 'postgres') {
      // A plain btree serves `LIKE 'prefix%'` only under the C collation; this one serves it under any.
      await q.query(`CREATE INDEX IF NOT EXISTS idx_case_list_unit_path_prefix ON ${CASE_LIST_TABLE} (unit_path varchar_pattern_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable(CASE_UNITS_TABLE, true);
    await q.dropTable(CASE_ASSIGNEES_TABLE, true);
    await q.dropTable(CASE_LIST_TABLE, true);
  }
}
