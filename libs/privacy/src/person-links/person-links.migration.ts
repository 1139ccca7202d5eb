import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Which records name which persons (the `person-links` projection): ids,
 * units, user ids, open/closed and a date — nothing personal.
 */
export class PersonLinks1764400100000 implements MigrationInterface {
  name = 'PersonLinks1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'person_link_records',
        columns: [
          { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
          // `mediations`, `hotline-calls` …: the API collection (the stream category for a type this lib does not know).
          { name: 'collection', type: 'varchar', length: '40' },
          { name: 'org_unit_id', type: 'varchar', length: '36', isNullable: true },
          // JSON array of the record's own workers' user ids (mediators, the work order's acknowledging handler).
          { name: 'worker_ids', type: 'varchar', length: '2000' },
          { name: 'open', type: 'integer' },
          { name: 'closed_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'updated_position', type: 'bigint' },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'person_links',
        columns: [
          { name: 'person_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'idx_person_links_record', columnNames: ['record_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('person_links', true);
    await q.dropTable('person_link_records', true);
  }
}
