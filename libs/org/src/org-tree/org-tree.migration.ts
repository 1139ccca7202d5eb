import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The org tree as it stands now, with a materialised ancestor path for subtree filters. */
export class OrgTree1764300100000 implements MigrationInterface {
  name = 'OrgTree1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'org_units',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'level', type: 'varchar', length: '10' },
          { name: 'parent_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'code', type: 'varchar', length: '50', isNullable: true },
          // `/city/township/village/`: a unit's subtree is every path starting with its own.
          { name: 'path', type: 'varchar', length: '200' },
        ],
        indices: [
          { name: 'idx_org_units_parent', columnNames: ['parent_id'] },
          { name: 'idx_org_units_path', columnNames: ['path'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('org_units', true);
  }
}
