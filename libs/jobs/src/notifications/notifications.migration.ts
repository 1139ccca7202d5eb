import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `notifications` (per user or unit, derived from events), the projection's
 * own `notification_work_orders` (the hotline unit and whether the order was
 * ever rated unsatisfied, for visit-due notices), and `notification_reads`
 * (who read what: a user's action, not derived, so a rebuild keeps it —
 * notification ids are the same on every rebuild).
 */
export class Notifications1764600000000 implements MigrationInterface {
  name = 'Notifications1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'recipient_type', type: 'varchar', length: '10' },
          { name: 'recipient_id', type: 'varchar', length: '64' },
          { name: 'record_type', type: 'varchar', length: '20' },
          { name: 'record_id', type: 'varchar', length: '64' },
          { name: 'reason', type: 'varchar', length: '30', isNullable: true },
          { name: 'at', type: 'varchar', length: '30' },
          { name: 'position', type: 'bigint' },
        ],
        indices: [{ name: 'idx_notifications_recipient', columnNames: ['recipient_id', 'position'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'notification_work_orders',
        columns: [
          { name: 'work_order_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'hotline_unit_id', type: 'varchar', length: '36' },
          { name: 'unsatisfied', type: 'int', default: 0 },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'notification_reads',
        columns: [
          { name: 'notification_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'read_at', type: 'varchar', length: '30' },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_reads', true);
    await q.dropTable('notification_work_orders', true);
    await q.dropTable('notifications', true);
  }
}
