import { loadCorsOrigins } from './cors';
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
  /** `PLS_CORS_ORIGINS`: other browser origins allowed to call the API; none by default (same-origin only). */
  readonly corsOrigins?: readonly string[];
  /** Sign-in limits and token lifetimes (`PLS_LOGIN_*`, `PLS_*_TOKEN_TTL`); see {@link loadAuthSettings}. */
  readonly auth?: AuthSettings;
  /** The time limits (`PLS_*_DAYS`, `PLS_*_HOURS`, `PLS_VISIT_SAMPLE_RATE`); see {@link TIME_LIMIT_VARIABLES}. */
  readonly timeLimits: TimeLimits;
  /**
   * `PLS_RETENTION_YEARS`: years the records naming a person are kept after
   * they close; erasure asked before then restricts instead (PIPL Art 47).
   * Unset: the vault's default (3 years, see `@pls/privacy` retention).
   */
  readonly retentionYears?: number;
}

/**
 * Every time limit of the workflows (DOMAIN.md: all limits are settings).
 * Working days count from the day after the event (Asia/Shanghai calendar).
 */
export interface TimeLimits {
  /** A work order is assigned within this many working days of creation, return or reopening. */
  readonly assignWorkingDays: number;
  /** …or within this many clock hours when urgent. */
  readonly urgentAssignHours: number;
  /** The assigned unit replies within this many working days of the assignment. */
  readonly replyWorkingDays: number;
  /** An extension may set at most this many working days. */
  readonly maxReplyWorkingDays: number;
  /** An unsatisfied rating is followed up (reopened) within this many working days. */
  readonly followUpWorkingDays: number;
  /** A missed call is called back within this many working days; 0 = the same working day. */
  readonly callbackWorkingDays: number;
  /** A mediation's default due date: this many calendar days after acceptance. */
  readonly mediationDueDays: number;
  /** Share of replied work orders drawn for a satisfaction visit (回访), 0 … 1 (unsatisfied ratings are always visited again). */
  readonly visitSampleRate: number;
  /** A visit is due within this many working days of the reply. */
  readonly visitWorkingDays: number;
}

export const DEFAULT_TIME_LIMITS: TimeLimits = {
  assignWorkingDays: 1,
  urgentAssignHours: 1,
  replyWorkingDays: 5,
  maxReplyWorkingDays: 15,
  followUpWorkingDays: 1,
  callbackWorkingDays: 0,
  mediationDueDays: 30,
  visitSampleRate: 0.2,
  visitWorkingDays: 3,
};

/** The environment variable of each limit, and the least whole number it takes (the rate is a share instead). */
export const TIME_LIMIT_VARIABLES: Record<keyof TimeLimits, { readonly variable: string; readonly least: number; readonly most: number }> = {
  assignWorkingDays: { variable: 'PLS_ASSIGN_WORKING_DAYS', least: 1, most: 60 },
  urgentAssignHours: { variable: 'PLS_URGENT_ASSIGN_HOURS', least: 1, most: 72 },
  replyWorkingDays: { variable: 'PLS_REPLY_WORKING_DAYS', least: 1, most: 60 },
  maxReplyWorkingDays: { variable: 'PLS_MAX_REPLY_WORKING_DAYS', least: 1, most: 120 },
  followUpWorkingDays: { variable: 'PLS_FOLLOW_UP_WORKING_DAYS', least: 1, most: 60 },
  callbackWorkingDays: { variable: 'PLS_CALLBACK_WORKING_DAYS', least: 0, most: 60 },
  mediationDueDays: { variable: 'PLS_MEDIATION_DUE_DAYS', least: 1, most: 365 },
  visitSampleRate: { variable: 'PLS_VISIT_SAMPLE_RATE', least: 0, most: 1 },
  visitWorkingDays: { variable: 'PLS_VISIT_WORKING_DAYS', least: 1, most: 60 },
};

/** Reads the limits from `env`: whole numbers in range (the sample rate `0.2` or `20%`); one line naming the variable otherwise. */
export function loadTimeLimits(env: Record<string, string | undefined>): TimeLimits {
  const limits: Record<string, number> = { ...DEFAULT_TIME_LIMITS };
  for (const [key, { variable, least, most }] of Object.entries(TIME_LIMIT_VARIABLES)) {
    const text = env[variable]?.trim();
    if (text === undefined || text === '') continue;
    if (key === 'visitSampleRate') {
      const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
      const rate = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
      if (!(rate >= 0 && rate <= 1)) throw new ConfigError(variable, `"${text}" is not a share between 0 and 1 (e.g. 0.2 or 20%)`);
      limits[key] = rate;
      continue;
    }
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < least || value > most) {
      throw new ConfigError(variable, `"${text}" is not a whole number from ${least} to ${most}`);
    }
    limits[key] = value;
  }
  const result = limits as unknown as TimeLimits;
  if (result.maxReplyWorkingDays < result.replyWorkingDays) {
    throw new ConfigError('PLS_MAX_REPLY_WORKING_DAYS', `${result.maxReplyWorkingDays} is less than PLS_REPLY_WORKING_DAYS (${result.replyWorkingDays})`);
  }
  return result;
}

/** Sign-in hardening and token lifetimes: every limit is a setting. */
export interface AuthSettings {
  /** Consecutive failed sign-ins that lock an account (`PLS_LOGIN_MAX_FAILURES`, default 5). */
  readonly maxFailedLogins: number;
  /** How long the lock lasts (`PLS_LOGIN_LOCKOUT_SECONDS`, default 900). */
  readonly lockoutSeconds: number;
  /** Sign-in attempts per client address per minute (`PLS_LOGIN_RATE_LIMIT`, default 20). */
  readonly loginRatePerMinute: number;
  /** Access-token lifetime (`PLS_ACCESS_TOKEN_TTL`, seconds, default 900). */
  readonly accessTokenTtlSeconds: number;
  /** Refresh-token lifetime, renewed by each refresh (`PLS_REFRESH_TOKEN_TTL`, seconds, default 43200). */
  readonly refreshTokenTtlSeconds: number;
  /**
   * `PLS_TRUST_PROXY=on`: the API sits behind one reverse proxy that appends the client's address to
   * `X-Forwarded-For` (deploy/nginx.conf); the sign-in rate limit counts that address. Off: the socket's.
   */
  readonly trustProxy?: boolean;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  maxFailedLogins: 5,
  lockoutSeconds: 900,
  loginRatePerMinute: 20,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 43_200,
};

const AUTH_VARIABLES: Record<Exclude<keyof AuthSettings, 'trustProxy'>, { readonly variable: string; readonly least: number; readonly most: number }> = {
  maxFailedLogins: { variable: 'PLS_LOGIN_MAX_FAILURES', least: 1, most: 100 },
  lockoutSeconds: { variable: 'PLS_LOGIN_LOCKOUT_SECONDS', least: 1, most: 86_400 },
  loginRatePerMinute: { variable: 'PLS_LOGIN_RATE_LIMIT', least: 1, most: 1_000_000 },
  accessTokenTtlSeconds: { variable: 'PLS_ACCESS_TOKEN_TTL', least: 30, most: 86_400 },
  refreshTokenTtlSeconds: { variable: 'PLS_REFRESH_TOKEN_TTL', least: 60, most: 30 * 86_400 },
};

export function loadAuthSettings(env: Record<string, string | undefined>): AuthSettings {
  const settings: Record<string, number> = { ...(DEFAULT_AUTH_SETTINGS as unknown as Record<string, number>) };
  for (const [key, { variable, least, most }] of Object.entries(AUTH_VARIABLES)) {
    const text = env[variable]?.trim();
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < least || value > most) throw new ConfigError(variable, `"${text}" is not a whole number from ${least} to ${most}`);
    settings[key] = value;
  }
  return { ...(settings as unknown as AuthSettings), trustProxy: flag('PLS_TRUST_PROXY', env['PLS_TRUST_PROXY'], false) };
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
    corsOrigins: loadCorsOrigins(env['PLS_CORS_ORIGINS']),
    auth: loadAuthSettings(env),
    timeLimits: loadTimeLimits(env),
    retentionYears: retentionYears(env['PLS_RETENTION_YEARS']),
  };
}

function retentionYears(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) throw new ConfigError('PLS_RETENTION_YEARS', `"${text.slice(0, 20)}" is not a whole number of years (0-100)`);
  return Number(text);
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
