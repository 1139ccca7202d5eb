import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Callers found by phone number without storing it: one row per person with
 * a phone, the HMAC of the normalised number under a key derived from master
 * key `kid` (a blind index). Erasure deletes the row.
 */
export class VaultPhoneIndex1764400300000 implements MigrationInterface {
  name = 'VaultPhoneIndex1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vault_phone_index',
        columns: [
          { name: 'person_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kid', type: 'varchar', length: '64' },
          { name: 'digest', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'idx_vault_phone_digest', columnNames: ['digest'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('vault_phone_index', true);
  }
}
