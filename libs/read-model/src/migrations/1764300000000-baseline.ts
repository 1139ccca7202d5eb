import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Checkpoints of projection runners and stored answers to idempotent requests. */
export class Baseline1764300000000 implements MigrationInterface {
  name = 'Baseline1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'projection_checkpoints',
        columns: [
          { name: 'name', type: 'varchar', length: '100', isPrimary: true },
          { name: 'position', type: 'bigint', default: 0 },
          { name: 'updated_at', type: 'varchar', length: '40' },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'scope', type: 'varchar', length: '100', isPrimary: true },
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'status', type: 'int' },
          { name: 'body', type: 'text' },
          { name: 'headers', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '40' },
        ],
        indices: [{ name: 'idx_idempotency_created', columnNames: ['created_at'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_keys', true);
    await q.dropTable('projection_checkpoints', true);
  }
}
