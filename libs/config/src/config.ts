/**
 * Runtime configuration from the environment, validated once at start-up.
 * A bad value is reported in one line naming the variable; nothing starts.
 */
export interface AppConfig {
  readonly eventStoreUrl: string;
  readonly eventStoreKind: 'sqlite' | 'postgres' | 'kurrentdb';
  readonly databaseUrl: string;
  readonly databaseKind: 'sqlite' | 'postgres';
  /** Absent: jobs and live fan-out run in-process (embedded mode). */
  readonly redisUrl: string | null;
  readonly port: number;
  readonly host: string;
  /** Load the demo network and a synthetic year into an empty store. */
  readonly demo: boolean;
  readonly bootstrapAdmin: { readonly username: string; readonly password: string } | null;
  readonly mode: 'embedded' | 'server' | 'scale-out';
  /**
   * `PLS_VAULT_MASTER_KEY`: master key(s) of the personal-data vault, `base64`
   * or `kid:base64,kid2:base64` (first active). Parsed and checked by
   * `loadMasterKeyring` in @pls/privacy; required outside embedded mode.
   */
  readonly vaultMasterKey?: string;
  /**
   * `PLS_TOKEN_SECRET`: the secret access tokens are signed with (at least 32
   * characters). Every API process of one deployment needs the same.
   */
  readonly tokenSecret?: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/pls.db';

const STORE_SCHEMES: Record<string, AppConfig['eventStoreKind']> = {
  'sqlite:': 'sqlite',
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'kurrentdb:': 'kurrentdb',
  'kurrentdb+discover:': 'kurrentdb',
  'esdb:': 'kurrentdb',
  'esdb+discover:': 'kurrentdb',
};

function schemeOf(variable: string, url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(url);
  if (!m) throw new ConfigError(variable, `"${url}" is not a URL (expected e.g. ${DEFAULT_EVENT_STORE_URL} or postgres://host/db)`);
  return m[1]!.toLowerCase();
}

export function storeKindOf(url: string, variable = 'EVENT_STORE_URL'): AppConfig['eventStoreKind'] {
  const kind = STORE_SCHEMES[schemeOf(variable, url)];
  if (!kind) {
    throw new ConfigError(variable, `unsupported scheme in "${url}" (use sqlite:, postgres://, kurrentdb:// or esdb://)`);
  }
  return kind;
}

/** `sqlite:./data/pls.db`, `sqlite:///abs/path.db`, `sqlite::memory:` → a path better-sqlite3 opens. */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^sqlite:/i, '').replace(/^\/\//, '');
  const path = rest.split('?')[0]!;
  return path === '' ? './data/pls.db' : path;
}

function flag(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(on|true|1|yes)$/i.test(value)) return true;
  if (/^(off|false|0|no)$/i.test(value)) return false;
  throw new ConfigError(variable, `"${value}" is not on/off`);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const eventStoreUrl = env['EVENT_STORE_URL'] || DEFAULT_EVENT_STORE_URL;
  const eventStoreKind = storeKindOf(eventStoreUrl);

  const databaseUrl = env['DATABASE_URL'] || (eventStoreKind === 'kurrentdb' ? '' : eventStoreKind === 'sqlite' ? readModelBeside(eventStoreUrl) : eventStoreUrl);
  if (!databaseUrl) throw new ConfigError('DATABASE_URL', 'is required when the event store is KurrentDB (read models live in PostgreSQL)');
  const dbKind = storeKindOf(databaseUrl, 'DATABASE_URL');
  if (dbKind === 'kurrentdb') throw new ConfigError('DATABASE_URL', 'must be a sqlite: or postgres:// URL');

  const redisUrl = env['REDIS_URL'] || null;
  if (redisUrl !== null && !/^rediss?:\/\//i.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', `"${redisUrl}" must start with redis:// or rediss://`);
  }

  const portText = env['PORT'] ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `"${portText}" is not a port number (0-65535)`);
  }

  let bootstrapAdmin: AppConfig['bootstrapAdmin'] = null;
  const admin = env['PLS_BOOTSTRAP_ADMIN'];
  if (admin) {
    const i = admin.indexOf(':');
    if (i < 1 || i === admin.length - 1) throw new ConfigError('PLS_BOOTSTRAP_ADMIN', 'must be name:password');
    bootstrapAdmin = { username: admin.slice(0, i), password: admin.slice(i + 1) };
  }

  const embedded = eventStoreKind === 'sqlite';
  return {
    eventStoreUrl,
    eventStoreKind,
    databaseUrl,
    databaseKind: dbKind,
    redisUrl,
    port,
    host: env['HOST'] || '0.0.0.0',
    demo: flag('PLS_DEMO', env['PLS_DEMO'], embedded),
    bootstrapAdmin,
    mode: eventStoreKind === 'kurrentdb' ? 'scale-out' : embedded ? 'embedded' : 'server',
    vaultMasterKey: env['PLS_VAULT_MASTER_KEY'] || undefined,
    tokenSecret: tokenSecret(env['PLS_TOKEN_SECRET']),
  };
}

function tokenSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 32) throw new ConfigError('PLS_TOKEN_SECRET', 'must be at least 32 characters');
  return value;
}

/**
 * `postgres://…/db?schema=x` → the URL without `schema`, and `x`. Lets one
 * database hold several isolated stores (tests use a schema each).
 */
export function postgresTarget(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/**
 * Embedded mode keeps the read models in a file beside the log
 * (`pls.db` → `pls.read.db`), not in the log's own file: the log's writer and
 * the read models' transactions would otherwise wait on one SQLite write lock,
 * and better-sqlite3 waits synchronously — blocking the thread the other
 * holder needs to finish.
 */
export function readModelBeside(eventStoreUrl: string): string {
  const path = sqlitePath(eventStoreUrl);
  if (path === ':memory:') return eventStoreUrl;
  return `sqlite:${/\.db$/i.test(path) ? path.replace(/\.db$/i, '.read.db') : `${path}.read.db`}`;
}
