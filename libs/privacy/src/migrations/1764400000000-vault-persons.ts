import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The personal-data vault: one row a person, nothing personal in clear.
 * `ciphertext` is the person's fields as one JSON document under the person's
 * own data key (AES-256-GCM, `iv` and `tag` beside it); `wrapped_key` is that
 * data key wrapped by master key `kid`. Binary values are base64 text, the
 * same on SQLite and PostgreSQL. Erasure (crypto-shredding) will clear
 * `wrapped_key` and set `erased_at`; the ciphertext then is noise.
 */
export class VaultPersons1764400000000 implements MigrationInterface {
  name = 'VaultPersons1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vault_persons',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kid', type: 'varchar', length: '64' },
          { name: 'wrapped_key', type: 'varchar', length: '128', isNullable: true },
          { name: 'iv', type: 'varchar', length: '24' },
          { name: 'ciphertext', type: 'text' },
          { name: 'tag', type: 'varchar', length: '32' },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'erased_at', type: 'varchar', length: '40', isNullable: true },
        ],
        // Re-wrapping after a master-key rotation walks the rows of an old kid.
        indices: [{ name: 'idx_vault_persons_kid', columnNames: ['kid'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('vault_persons', true);
  }
}
