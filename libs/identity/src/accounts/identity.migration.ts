import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What must never travel in an event: usernames (often a person's name), the
 * argon2id hash and the lock-out counters (`identity_accounts`), and login
 * sessions with their refresh tokens, stored as SHA-256 digests only
 * (`identity_sessions`, `identity_refresh_tokens`). Role, scope and status are
 * copied from the user's stream for lists; the stream stays authoritative.
 */
export class Identity1764600000000 implements MigrationInterface {
  name = 'Identity1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'identity_accounts',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '64' },
          // Lower-cased, NFC: `Wang` and `wang` are one account.
          { name: 'username_key', type: 'varchar', length: '64', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'org_unit_id', type: 'varchar', length: '36', isNullable: true },
          // `pending` until the user's UserRegistered event is stored (see UserDirectory.register).
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'command_id', type: 'varchar', length: '36' },
          { name: 'failed_logins', type: 'integer', default: 0 },
          { name: 'locked_until', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'updated_at', type: 'varchar', length: '40' },
        ],
        indices: [{ name: 'idx_identity_accounts_org_unit', columnNames: ['org_unit_id'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'identity_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'revoked_at', type: 'varchar', length: '40', isNullable: true },
          { name: 'revoked_reason', type: 'varchar', length: '40', isNullable: true },
          // Milliseconds since the epoch: every API process polls revocations newer than its last look.
          { name: 'revoked_ms', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: 'idx_identity_sessions_user', columnNames: ['user_id'] },
          { name: 'idx_identity_sessions_revoked', columnNames: ['revoked_ms'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'identity_refresh_tokens',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '36' },
          { name: 'issued_at', type: 'varchar', length: '40' },
          { name: 'expires_at', type: 'varchar', length: '40' },
          // Set when the token is exchanged; a second use of it is theft or a bug: the session ends.
          { name: 'used_at', type: 'varchar', length: '40', isNullable: true },
        ],
        indices: [{ name: 'idx_identity_refresh_tokens_session', columnNames: ['session_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('identity_refresh_tokens', true);
    await q.dropTable('identity_sessions', true);
    await q.dropTable('identity_accounts', true);
  }
}

export const IDENTITY_MIGRATIONS = [Identity1764600000000] as const;
