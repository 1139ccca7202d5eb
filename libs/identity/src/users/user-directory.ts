import { deterministicId, fold, handleCommand, streamName, type CommandResult } from '@pls/event-sourcing';
import type { EventStore } from '@pls/event-store';
import { orgUnitDecider, subtreeIds, type OrgUnitEvent } from '@pls/org';
import type { DataSource } from 'typeorm';
import { AccountStore, usernameKey, type Account } from '../accounts/account-store';
import { PasswordHasher, passwordProblem } from '../passwords/password-hasher';
import type { Role } from '../roles';
import type { RevocationReason, SessionStore } from '../sessions/session-store';
import type { UserCommand } from './user.commands';
import { userDecider } from './user.decider';
import { UsernameTakenError, userRefusals } from './user.errors';
import { USER_STREAM, type UserEvent } from './user.events';
import type { RegisteredUser, UserState } from './user.state';

/** Who acts and when; event ids derive from `commandId`, so a retried request appends nothing twice. */
export interface UserWriteMeta {
  readonly commandId: string;
  /** A user id, or a system actor (`system:bootstrap`, `system:cli`, `system:demo`). */
  readonly actorId: string;
  readonly now: string;
}

/**
 * The acting admin's reach: the root of the subtree he manages, `null` for a
 * network-wide admin (and for the system: bootstrap, CLI, demo).
 */
export type ActorScope = { readonly orgUnitId: string | null };
export const NETWORK_WIDE: ActorScope = { orgUnitId: null };

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly orgUnitId: string | null;
  readonly status: 'active' | 'deactivated';
}

export interface LockOutSettings {
  /** Consecutive failures that lock an account (default 5). */
  readonly maxFailedLogins: number;
  /** How long the lock lasts (default 15 min). */
  readonly lockoutSeconds: number;
}

export type SignIn =
  | { readonly kind: 'ok'; readonly user: UserView }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'locked'; readonly until: string }
  | { readonly kind: 'deactivated' };

/** A `pending` account older than this whose registration never reached the log gives its username up. */
const ABANDONED_PENDING_MS = 60_000;

/**
 * Users: the stream `user-<id>` holds what happened (registered, role, scope,
 * deactivation, password changed — ids only); the account table holds the
 * username, the argon2id hash and the lock-out counters. The two cannot be
 * written in one transaction (the log and the read model are separate
 * stores), so every write is ordered to converge when retried with the same
 * command id (Idempotency-Key):
 *
 * - register: the account row is reserved `pending` (username unique) →
 *   `UserRegistered` appended (event id from the command id) → row `active`.
 *   A crash after the reservation leaves a pending row that no sign-in
 *   accepts; the retry finds its own reservation and finishes; a pending
 *   row abandoned for a minute gives its username to the next registration.
 *   A sign-in that finds a pending row whose event exists repairs the row.
 * - role, scope, deactivation: sessions revoked (if the decision changes
 *   anything) → event appended → row copied from the stream. Sign-in and
 *   refresh read role, scope and status from the stream, never the copy.
 * - password: new hash stored → sessions revoked → `UserPasswordChanged{}`
 *   appended; a crash in between leaves the change in force and the retry
 *   records it.
 */
export class UserDirectory {
  readonly accounts: AccountStore;

  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    private readonly lockOut: LockOutSettings,
  ) {
    this.accounts = new AccountStore(db);
  }

  async register(
    input: { readonly userId?: string; readonly username: string; readonly password: string; readonly role: Role; readonly orgUnitId: string | null },
    meta: UserWriteMeta,
    actor: ActorScope,
  ): Promise<CommandResult<UserState>> {
    const problem = passwordProblem(input.password);
    if (problem) throw userRefusals.weakPassword('password', `The password ${problem}`);
    const userId = input.userId ?? deterministicId('user', meta.commandId);
    const command: UserCommand = {
      type: 'RegisterUser',
      data: { userId, role: input.role, orgUnitId: input.orgUnitId },
      metadata: { commandId: meta.commandId, actorId: meta.actorId, now: meta.now },
    };
    if (input.orgUnitId === null) {
      if (actor.orgUnitId !== null) throw userRefusals.outOfScope('orgUnitId');
    } else {
      await this.checkOrgUnit(input.orgUnitId);
      await this.checkReach(actor, input.orgUnitId, 'orgUnitId');
    }
    // Refusals the decision makes (a scope only admins may lack, an id in use) come before anything is written.
    const { state, repeat } = await this.load(userId, meta.commandId);
    if (!repeat) userDecider.decide(command, state);

    const hash = await this.hasher.hash(input.password);
    const reservation = { userId, username: input.username, passwordHash: hash, role: input.role, orgUnitId: input.orgUnitId, status: 'pending' as const, commandId: meta.commandId, createdAt: meta.now };
    let held = await this.accounts.reserve(reservation, meta.now);
    if (held.commandId !== meta.commandId && (await this.abandoned(held, meta.now))) {
      await this.accounts.dropPending(held.userId);
      held = await this.accounts.reserve(reservation, meta.now);
    }
    if (held.commandId !== meta.commandId) {
      if (usernameKey(held.username) === usernameKey(input.username)) throw userRefusals.usernameTaken();
      throw userRefusals.alreadyRegistered();
    }
    const result = await this.handle(userId, command);
    await this.syncRow(userId, result.state, meta.now);
    return result;
  }

  changeRole(userId: string, role: Role, meta: UserWriteMeta, actor: ActorScope) {
    return this.change(userId, { type: 'ChangeUserRole', data: { userId, role }, metadata: this.commandMeta(meta) }, actor, 'role-changed');
  }

  async changeScope(userId: string, orgUnitId: string | null, meta: UserWriteMeta, actor: ActorScope) {
    if (orgUnitId === null) {
      if (actor.orgUnitId !== null) throw userRefusals.outOfScope('orgUnitId');
    } else {
      await this.checkOrgUnit(orgUnitId);
      await this.checkReach(actor, orgUnitId, 'orgUnitId');
    }
    return this.change(userId, { type: 'ChangeUserScope', data: { userId, orgUnitId }, metadata: this.commandMeta(meta) }, actor, 'scope-changed');
  }

  deactivate(userId: string, meta: UserWriteMeta, actor: ActorScope) {
    return this.change(userId, { type: 'DeactivateUser', data: { userId }, metadata: this.commandMeta(meta) }, actor, 'deactivated');
  }

  reactivate(userId: string, meta: UserWriteMeta, actor: ActorScope) {
    return this.change(userId, { type: 'ReactivateUser', data: { userId }, metadata: this.commandMeta(meta) }, actor, null);
  }

  /** An admin sets a new password; every session of the user ends. */
  async resetPassword(userId: string, password: string, meta: UserWriteMeta, actor: ActorScope): Promise<CommandResult<UserState>> {
    const problem = passwordProblem(password);
    if (problem) throw userRefusals.weakPassword('password', `The password ${problem}`);
    const { state } = await this.load(userId, meta.commandId);
    const user = this.reachable(state);
    await this.checkReach(actor, user.orgUnitId, null);
    return this.setPassword(user.id, password, 'admin', meta);
  }

  /** The user changes her own password, knowing the current one; every session of hers ends. */
  async changeOwnPassword(userId: string, current: string, next: string, meta: UserWriteMeta): Promise<CommandResult<UserState>> {
    const problem = passwordProblem(next);
    if (problem) throw userRefusals.weakPassword('newPassword', `The new password ${problem}`);
    const account = await this.accounts.byId(userId);
    if (!account) throw userRefusals.notFound();
    if (!(await this.hasher.verify(account.passwordHash, current))) {
      // A stolen access token must not become a way to guess the password: these count like failed sign-ins.
      const until = new Date(Date.parse(meta.now) + this.lockOut.lockoutSeconds * 1000).toISOString();
      await this.accounts.recordFailure(userId, this.lockOut.maxFailedLogins, until, meta.now);
      throw userRefusals.wrongPassword();
    }
    const { state, repeat } = await this.load(userId, meta.commandId);
    if (!repeat) userDecider.decide({ type: 'RecordPasswordChange', data: { userId, by: 'self' }, metadata: this.commandMeta(meta) }, state);
    return this.setPassword(userId, next, 'self', meta);
  }

  /**
   * Checks a sign-in. Unknown usernames cost one argon2 verification like a
   * wrong password, and both answer `invalid`; the `maxFailedLogins`-th
   * consecutive failure locks the account (in the database: every process).
   */
  async signIn(username: string, password: string, now: Date): Promise<SignIn> {
    const nowText = now.toISOString();
    const account = await this.accounts.byUsername(username);
    if (!account) return this.hasher.verifyNothing(password).then(() => ({ kind: 'invalid' }));
    if (account.lockedUntil !== null && account.lockedUntil > nowText) {
      await this.hasher.verifyNothing(password);
      return { kind: 'locked', until: account.lockedUntil };
    }
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      if (account.status === 'pending') return { kind: 'invalid' };
      const until = new Date(now.getTime() + this.lockOut.lockoutSeconds * 1000).toISOString();
      const locked = await this.accounts.recordFailure(account.userId, this.lockOut.maxFailedLogins, until, nowText);
      return locked ? { kind: 'locked', until: locked } : { kind: 'invalid' };
    }
    const state = await this.state(account.userId);
    if (state.status === 'none') return { kind: 'invalid' };
    if (account.status === 'pending' || account.status !== state.status || account.role !== state.role || account.orgUnitId !== state.orgUnitId) {
      await this.syncRow(account.userId, state, nowText);
    }
    if (state.status === 'deactivated') return { kind: 'deactivated' };
    if (account.failedLogins > 0 || account.lockedUntil !== null) await this.accounts.recordSuccess(account.userId, nowText);
    if (this.hasher.needsRehash(account.passwordHash)) await this.accounts.setPasswordHash(account.userId, await this.hasher.hash(password), nowText);
    return { kind: 'ok', user: viewOf(account, state) };
  }

  /** The user as her stream says now (role, scope, status) with her username; `null` if unknown. */
  async current(userId: string): Promise<UserView | null> {
    const account = await this.accounts.byId(userId);
    if (!account) return null;
    const state = await this.state(userId);
    return state.status === 'none' ? null : viewOf(account, state);
  }

  async get(userId: string, actor: ActorScope): Promise<UserView> {
    const view = await this.current(userId);
    if (!view) throw userRefusals.notFound();
    await this.checkReach(actor, view.orgUnitId, null);
    return view;
  }

  /** The users the admin manages: those in his subtree (all, network-wide). */
  async list(actor: ActorScope): Promise<UserView[]> {
    const ids = actor.orgUnitId === null ? null : ((await subtreeIds(this.db, actor.orgUnitId)) ?? [actor.orgUnitId]);
    return (await this.accounts.list(ids)).map((a) => ({ id: a.userId, username: a.username, role: a.role, orgUnitId: a.orgUnitId, status: a.status === 'deactivated' ? 'deactivated' : 'active' }));
  }

  /**
   * The first admin, from `PLS_BOOTSTRAP_ADMIN`: network-wide, created once.
   * Ids derive from the username, so two processes starting together write
   * the same reservation and the same event, and only one of each lands.
   * An existing account under that username is left as it is.
   */
  async ensureBootstrapAdmin(username: string, password: string, now: Date): Promise<{ id: string; created: boolean }> {
    const key = usernameKey(username);
    const existing = await this.accounts.byUsername(username);
    if (existing && existing.status !== 'pending') return { id: existing.userId, created: false };
    try {
      const result = await this.register(
        { userId: deterministicId('bootstrap-admin', key), username, password, role: 'admin', orgUnitId: null },
        { commandId: deterministicId('bootstrap-admin-command', key), actorId: 'system:bootstrap', now: now.toISOString() },
        NETWORK_WIDE,
      );
      return { id: deterministicId('bootstrap-admin', key), created: !result.repeated };
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
      const holder = await this.accounts.byUsername(username);
      return { id: holder!.userId, created: false };
    }
  }

  private async setPassword(userId: string, password: string, by: 'self' | 'admin', meta: UserWriteMeta): Promise<CommandResult<UserState>> {
    const now = new Date(meta.now);
    await this.accounts.setPasswordHash(userId, await this.hasher.hash(password), meta.now);
    await this.sessions.revokeUser(userId, 'password-changed', now);
    return this.handle(userId, { type: 'RecordPasswordChange', data: { userId, by }, metadata: this.commandMeta(meta) });
  }

  private async change(userId: string, command: UserCommand, actor: ActorScope, ends: RevocationReason | null): Promise<CommandResult<UserState>> {
    const { state, repeat } = await this.load(userId, command.metadata.commandId);
    const user = this.reachable(state);
    await this.checkReach(actor, user.orgUnitId, null);
    const decided = repeat ? [] : userDecider.decide(command, state);
    if (ends !== null && (decided.length > 0 || repeat)) await this.sessions.revokeUser(userId, ends, new Date(command.metadata.now));
    const result = await this.handle(userId, command);
    await this.syncRow(userId, result.state, command.metadata.now);
    return result;
  }

  private handle(userId: string, command: UserCommand): Promise<CommandResult<UserState>> {
    return handleCommand(this.store, streamName(USER_STREAM, userId), userDecider, command, {
      metadataFor: (state) => ({ orgUnitId: state.status === 'none' ? null : state.orgUnitId }),
    });
  }

  private async syncRow(userId: string, state: UserState, now: string): Promise<void> {
    if (state.status === 'none') return;
    await this.accounts.sync(userId, state, now);
  }

  private async load(userId: string, commandId: string): Promise<{ state: UserState; repeat: boolean }> {
    const events = await this.store.readStream(streamName(USER_STREAM, userId));
    return {
      state: fold(userDecider, events as unknown as UserEvent[]),
      repeat: events.some((e) => e.metadata['commandId'] === commandId),
    };
  }

  private async state(userId: string): Promise<UserState> {
    return (await this.load(userId, '')).state;
  }

  private reachable(state: UserState): RegisteredUser {
    if (state.status === 'none') throw userRefusals.notFound();
    return state;
  }

  /** The org unit must exist and be open, as its own stream says (the tree projection may lag). */
  private async checkOrgUnit(orgUnitId: string): Promise<void> {
    const events = await this.store.readStream(streamName('orgunit', orgUnitId));
    const unit = fold(orgUnitDecider, events as unknown as OrgUnitEvent[]);
    if (unit.status === 'none') throw userRefusals.orgUnitNotFound();
    if (unit.status === 'closed') throw userRefusals.orgUnitClosed();
  }

  /** A scoped admin reaches only units inside his subtree; a network-wide one (or a user with no unit, for him only) everything. */
  private async checkReach(actor: ActorScope, orgUnitId: string | null, field: string | null): Promise<void> {
    if (actor.orgUnitId === null) return;
    if (orgUnitId === null) throw userRefusals.outOfScope(field ?? undefined);
    if (orgUnitId === actor.orgUnitId) return;
    const reach = await subtreeIds(this.db, actor.orgUnitId);
    if (!reach || !reach.includes(orgUnitId)) throw userRefusals.outOfScope(field ?? undefined);
  }

  private async abandoned(held: Account, now: string): Promise<boolean> {
    if (held.status !== 'pending') return false;
    if (Date.parse(now) - Date.parse(held.createdAt) < ABANDONED_PENDING_MS) return false;
    return (await this.store.readStream(streamName(USER_STREAM, held.userId))).length === 0;
  }

  private commandMeta(meta: UserWriteMeta) {
    return { commandId: meta.commandId, actorId: meta.actorId, now: meta.now };
  }
}

function viewOf(account: Account, state: RegisteredUser): UserView {
  return { id: account.userId, username: account.username, role: state.role, orgUnitId: state.orgUnitId, status: state.status };
}
