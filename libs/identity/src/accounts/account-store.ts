import { exclusive } from '@pls/read-model';
import type { DataSource } from 'typeorm';
import type { Role } from '../roles';

export const ACCOUNTS_TABLE = 'identity_accounts';

export type AccountStatus = 'pending' | 'active' | 'deactivated';

export interface Account {
  readonly userId: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly orgUnitId: string | null;
  readonly status: AccountStatus;
  readonly commandId: string;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

interface Row {
  user_id: string;
  username: string;
  password_hash: string;
  role: Role;
  org_unit_id: string | null;
  status: AccountStatus;
  command_id: string;
  failed_logins: number | string;
  locked_until: string | null;
  created_at: string;
}

/** One account per username, case- and form-insensitively. */
export function usernameKey(username: string): string {
  return username.normalize('NFC').toLowerCase();
}

const COLUMNS = ['user_id', 'username', 'password_hash', 'role', 'org_unit_id', 'status', 'command_id', 'failed_logins', 'locked_until', 'created_at'];

/**
 * The account table: username, hash, lock-out counters and a copy of role,
 * scope and status for lists. Writes take their turn on SQLite (`exclusive`).
 */
export class AccountStore {
  constructor(private readonly db: DataSource) {}

  /** Inserts the account unless its username (or user id) exists; answers the row that holds the username now. */
  async reserve(account: Omit<Account, 'failedLogins' | 'lockedUntil'>, now: string): Promise<Account> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .insert()
        .into(ACCOUNTS_TABLE)
        .values({
          user_id: account.userId,
          username: account.username,
          username_key: usernameKey(account.username),
          password_hash: account.passwordHash,
          role: account.role,
          org_unit_id: account.orgUnitId,
          status: account.status,
          command_id: account.commandId,
          failed_logins: 0,
          locked_until: null,
          created_at: now,
          updated_at: now,
        })
        .orIgnore()
        .execute(),
    );
    const held = await this.byUsername(account.username);
    if (held) return held;
    // The user id was taken under another username.
    const byId = await this.byId(account.userId);
    if (byId) return byId;
    throw new Error('the account was neither stored nor found');
  }

  async byUsername(username: string): Promise<Account | null> {
    return this.one('a.username_key = :key', { key: usernameKey(username) });
  }

  async byId(userId: string): Promise<Account | null> {
    return this.one('a.user_id = :id', { id: userId });
  }

  /** Accounts whose org unit is among `orgUnitIds` (`null`: every account), by username. */
  async list(orgUnitIds: readonly string[] | null): Promise<Account[]> {
    const q = this.db.createQueryBuilder().select(COLUMNS.map((c) => `a.${c}`)).from(ACCOUNTS_TABLE, 'a').where("a.status <> 'pending'");
    if (orgUnitIds !== null) {
      if (orgUnitIds.length === 0) return [];
      q.andWhere('a.org_unit_id IN (:...ids)', { ids: orgUnitIds });
    }
    const rows = await q.orderBy('a.username_key', 'ASC').getRawMany<Row>();
    return rows.map(toAccount);
  }

  /** Copies role, scope and status from the user's stream (the truth) into the row. */
  async sync(userId: string, state: { role: Role; orgUnitId: string | null; status: 'active' | 'deactivated' }, now: string): Promise<void> {
    await this.update(userId, { role: state.role, org_unit_id: state.orgUnitId, status: state.status, updated_at: now });
  }

  async setPasswordHash(userId: string, hash: string, now: string): Promise<void> {
    await this.update(userId, { password_hash: hash, failed_logins: 0, locked_until: null, updated_at: now });
  }

  /**
   * One more failed sign-in, counted in the database so every API process
   * sees it: the `max`-th consecutive failure locks the account until
   * `lockUntil` and starts the count again. Answers the lock's end, if locked.
   */
  async recordFailure(userId: string, max: number, lockUntil: string, now: string): Promise<string | null> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .update(ACCOUNTS_TABLE)
        .set({
          locked_until: () => `CASE WHEN failed_logins + 1 >= ${Number(max)} THEN :lockUntil ELSE locked_until END`,
          failed_logins: () => `CASE WHEN failed_logins + 1 >= ${Number(max)} THEN 0 ELSE failed_logins + 1 END`,
          updated_at: now,
        })
        .where('user_id = :userId', { userId })
        .setParameter('lockUntil', lockUntil)
        .execute(),
    );
    const after = await this.byId(userId);
    return after?.lockedUntil && after.lockedUntil > now ? after.lockedUntil : null;
  }

  async recordSuccess(userId: string, now: string): Promise<void> {
    await this.update(userId, { failed_logins: 0, locked_until: null, updated_at: now });
  }

  /** Drops a `pending` row whose registration never reached the log (see UserDirectory.register). */
  async dropPending(userId: string): Promise<void> {
    await exclusive(this.db, () =>
      this.db.createQueryBuilder().delete().from(ACCOUNTS_TABLE).where("user_id = :userId AND status = 'pending'", { userId }).execute(),
    );
  }

  private async update(userId: string, values: Record<string, unknown>): Promise<void> {
    await exclusive(this.db, () => this.db.createQueryBuilder().update(ACCOUNTS_TABLE).set(values).where('user_id = :userId', { userId }).execute());
  }

  private async one(where: string, params: Record<string, unknown>): Promise<Account | null> {
    const row = await this.db
      .createQueryBuilder()
      .select(COLUMNS.map((c) => `a.${c}`))
      .from(ACCOUNTS_TABLE, 'a')
      .where(where, params)
      .getRawOne<Row>();
    return row ? toAccount(row) : null;
  }
}

function toAccount(r: Row): Account {
  // Raw selects of `a.col` come back as `a_col` in TypeORM.
  const raw = r as unknown as Record<string, unknown>;
  const get = (c: string) => (raw[`a_${c}`] !== undefined ? raw[`a_${c}`] : raw[c]);
  return {
    userId: get('user_id') as string,
    username: get('username') as string,
    passwordHash: get('password_hash') as string,
    role: get('role') as Role,
    orgUnitId: (get('org_unit_id') as string | null) ?? null,
    status: get('status') as AccountStatus,
    commandId: get('command_id') as string,
    failedLogins: Number(get('failed_logins') ?? 0),
    lockedUntil: (get('locked_until') as string | null) ?? null,
    createdAt: get('created_at') as string,
  };
}
