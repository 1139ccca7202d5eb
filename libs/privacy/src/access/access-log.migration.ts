import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The personal-data access log: every read of clear personal data (reveal,
 * export), every erasure or restriction and every phone lookup — who, whose,
 * which fields, why (a reason code, never free text: it could name the
 * person), when, under which request. Nothing personal in it, so it outlives
 * an erasure intact.
 */
export class PersonalDataAccessLog1764400200000 implements MigrationInterface {
  name = 'PersonalDataAccessLog1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'personal_data_access_log',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'id', type: 'varchar', length: '36', isUnique: true },
          { name: 'at', type: 'varchar', length: '40' },
          { name: 'actor_id', type: 'varchar', length: '64' },
          { name: 'actor_role', type: 'varchar', length: '20' },
          // The actor's unit when they read (null: network-wide): the audit trail clips to a subtree by it.
          { name: 'actor_org_unit_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'person_id', type: 'varchar', length: '36' },
          // reveal | export | restricted-reveal | erase | restrict | lookup
          { name: 'action', type: 'varchar', length: '20' },
          // Comma-separated field names: name,phone,idNumber.
          { name: 'fields', type: 'varchar', length: '100' },
          { name: 'reason', type: 'varchar', length: '40' },
          { name: 'request_id', type: 'varchar', length: '100', isNullable: true },
        ],
        indices: [
          { name: 'idx_pd_access_person', columnNames: ['person_id', 'seq'] },
          { name: 'idx_pd_access_actor', columnNames: ['actor_id', 'seq'] },
          { name: 'idx_pd_access_at', columnNames: ['at', 'seq'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('personal_data_access_log', true);
  }
}
