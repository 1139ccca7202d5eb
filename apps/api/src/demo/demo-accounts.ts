import { deterministicId, DomainError } from '@pls/event-sourcing';
import { NETWORK_WIDE, UserDirectory, type Role } from '@pls/identity';
import { DEMO_NETWORK_NAME, networkUnitId } from '@pls/org';

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  /** Demo network key of the unit (`null`: network-wide). */
  readonly unitKey: string | null;
  /** What the account is for, as printed at start. */
  readonly label: string;
  /** A fixed user id: the village worker is one of the mediators the synthetic year assigns, so "my cases" has content. */
  readonly userId: string;
}

/** The demo's known password (a demo store only; README lists it). */
export const DEMO_PASSWORD = 'pls-demo-2021';

const account = (username: string, role: Role, unitKey: string | null, label: string, userId = deterministicId('demo', 'account', username)): DemoAccount => ({
  username,
  password: DEMO_PASSWORD,
  role,
  unitKey,
  label,
  userId,
});

/** One account per workspace of the web UI (README, "Demo accounts"). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('admin', 'admin', null, 'administrator, network-wide'),
  account('city.supervisor', 'supervisor', 'city', 'supervisor, 云川市公共法律服务中心'),
  account('qinghe.supervisor', 'supervisor', 't01', 'supervisor, 青河镇公共法律服务站'),
  // The first mediator of 东坡村: the synthetic year designates her on its mediations there.
  account('dongpo.worker', 'worker', 't01-v01', 'legal worker, 青河镇东坡村公共法律服务工作室', deterministicId('demo', 'user', 'mediator', 't01-v01', 0)),
  account('hotline.operator', 'operator', 'city', '12348 hotline operator, 云川市公共法律服务中心'),
];

/**
 * Creates the demo accounts that do not exist yet (the network must be loaded:
 * the users' units are checked). Idempotent: ids and command ids derive from
 * the usernames, and an existing username is left alone.
 */
export async function ensureDemoAccounts(users: UserDirectory, now: Date = new Date()): Promise<number> {
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    if (await users.accounts.byUsername(a.username)) continue;
    try {
      const result = await users.register(
        { userId: a.userId, username: a.username, password: a.password, role: a.role, orgUnitId: a.unitKey === null ? null : networkUnitId(DEMO_NETWORK_NAME, a.unitKey) },
        { commandId: deterministicId('demo', 'account-command', a.username), actorId: 'system:demo', now: now.toISOString() },
        NETWORK_WIDE,
      );
      if (!result.repeated) created++;
    } catch (error) {
      // Taken meanwhile (another process), or the user already registered: nothing to do.
      if (!(error instanceof DomainError) || !['USER.USERNAME_TAKEN', 'USER.ALREADY_REGISTERED'].includes(error.code)) throw error;
    }
  }
  return created;
}

/** The lines printed at start: who can sign in with what. */
export function demoAccountLines(): string[] {
  return [
    `demo accounts (password ${DEMO_PASSWORD} for each):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(18)} ${a.label}`),
  ];
}
