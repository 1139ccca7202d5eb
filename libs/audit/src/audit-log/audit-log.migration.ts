import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { AUDIT_EVENTS_TABLE } from './audit-log.row';

/** Who did what and when: one row per event of the log (its position), for the audit trail. */
export class AuditLog1764600100000 implements MigrationInterface {
  name = 'AuditLog1764600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: AUDIT_EVENTS_TABLE,
        columns: [
          { name: 'position', type: 'bigint', isPrimary: true },
          // The stream's category (`mediation`, `workorder`, `orgunit`, `person`, …) and the record's id.
          { name: 'stream_category', type: 'varchar', length: '60' },
          { name: 'record_id', type: 'varchar', length: '100' },
          { name: 'version', type: 'int' },
          { name: 'event_type', type: 'varchar', length: '100' },
          // A user id or a system actor (`system:deadlines`); null only for events written before actors were recorded.
          { name: 'actor_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'org_unit_id', type: 'varchar', length: '36', isNullable: true },
          // ISO-8601 in UTC (`…Z`): compares as text in both databases.
          { name: 'recorded_at', type: 'varchar', length: '30' },
        ],
        indices: [
          { name: 'idx_audit_events_record', columnNames: ['record_id', 'recorded_at', 'position'] },
          { name: 'idx_audit_events_actor', columnNames: ['actor_id', 'recorded_at', 'position'] },
          { name: 'idx_audit_events_time', columnNames: ['recorded_at', 'position'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable(AUDIT_EVENTS_TABLE, true);
  }
}
