import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Notifications1764600000000 } from '../notifications/notifications.migration';

/** `deadlines`: every time limit derived from the events, pending or settled. */
export class Deadlines1764500000000 implements MigrationInterface {
  name = 'Deadlines1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deadlines',
        columns: [
          { name: 'deadline_id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'record_id', type: 'varchar', length: '64' },
          { name: 'record_type', type: 'varchar', length: '20' },
          { name: 'org_unit_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'basis', type: 'varchar', length: '60' },
          // Instants as ISO-8601 UTC text (`toISOString`): they sort and compare as text on both databases.
          { name: 'started_at', type: 'varchar', length: '30' },
          { name: 'due_at', type: 'varchar', length: '30' },
          { name: 'working_days', type: 'int', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'closed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'created_position', type: 'bigint' },
          { name: 'updated_position', type: 'bigint' },
        ],
        indices: [
          // The scheduler's and the reconcile pass's question: pending, by due time.
          { name: 'idx_deadlines_status_due', columnNames: ['status', 'due_at'] },
          { name: 'idx_deadlines_record', columnNames: ['record_id'] },
          // The enqueuer follows changes by the position that made them.
          { name: 'idx_deadlines_updated', columnNames: ['updated_position'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deadlines', true);
  }
}

export const JOBS_MIGRATIONS = [Deadlines1764500000000, Notifications1764600000000];
