import type { AppConfig } from '@pls/config';
import { DEFAULT_AUTH_SETTINGS } from '@pls/config';
import { DomainError, newId } from '@pls/event-sourcing';
import { isRole, NETWORK_WIDE, PasswordHasher, SessionStore, UserDirectory, type Role } from '@pls/identity';
import type { Infrastructure } from '@pls/runtime';
import { CliError } from './projections';

export interface CreateUserOptions {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  /** `null`: a network-wide admin. */
  readonly orgUnitId: string | null;
}

const FLAGS = ['--username', '--password', '--role', '--org-unit'] as const;

/** `--username u --role r --org-unit <id|none> --password p` → the options, or a usage error (exit 2). */
export function parseCreateUser(args: readonly string[]): CreateUserOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (!(FLAGS as readonly string[]).includes(flag)) throw new CliError(`unknown option "${flag}" (users create takes ${FLAGS.join(', ')})`, 2);
    if (value === undefined || value.startsWith('--')) throw new CliError(`${flag} needs a value`, 2);
    values.set(flag, value);
  }
  for (const flag of FLAGS) if (!values.has(flag)) throw new CliError(`users create needs ${flag}`, 2);
  const role = values.get('--role')!;
  if (!isRole(role)) throw new CliError(`--role must be operator, worker, supervisor or admin (not "${role}")`, 2);
  const unit = values.get('--org-unit')!;
  return { username: values.get('--username')!, password: values.get('--password')!, role, orgUnitId: unit === 'none' ? null : unit };
}

/** Creates the user as the system (`system:cli`): the same rules, events and account row as `POST /api/v1/users`. */
export async function createUser(infra: Pick<Infrastructure, 'store' | 'readModel'> & { config: Pick<AppConfig, 'auth'> }, options: CreateUserOptions): Promise<string> {
  const settings = infra.config.auth ?? DEFAULT_AUTH_SETTINGS;
  const users = new UserDirectory(infra.store, infra.readModel, new PasswordHasher(), new SessionStore(infra.readModel, settings.refreshTokenTtlSeconds), settings);
  try {
    const result = await users.register(options, { commandId: newId(), actorId: 'system:cli', now: new Date().toISOString() }, NETWORK_WIDE);
    const id = result.state.status === 'none' ? '' : result.state.id;
    return `created user ${id} (${options.username}, ${options.role}, ${options.orgUnitId ?? 'network-wide'})`;
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`${error.code}: ${error.message}${error.field ? ` (${error.field})` : ''}`, 1);
    throw error;
  }
}
