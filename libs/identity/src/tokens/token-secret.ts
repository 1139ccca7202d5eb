import { ConfigError, sqlitePath, type AppConfig } from '@pls/config';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export const TOKEN_SECRET_VARIABLE = 'PLS_TOKEN_SECRET';
export const TOKEN_SECRET_FILE_NAME = 'token.secret';

type SecretConfig = Pick<AppConfig, 'mode' | 'databaseUrl' | 'databaseKind' | 'eventStoreUrl' | 'tokenSecret'>;

/**
 * The secret access tokens are signed with, read once at start-up.
 *
 * - `PLS_TOKEN_SECRET` set (≥ 32 characters, checked by loadConfig): used.
 * - unset in server or scale-out mode: refuses to start (one line). A secret
 *   per replica would make each replica refuse the others' tokens.
 * - unset in embedded mode: `token.secret` beside the SQLite database, made
 *   on the first start (0600), so signed-in users stay signed in across
 *   restarts. An in-memory database gets a throw-away secret.
 */
export function loadTokenSecret(config: SecretConfig, warn: (line: string) => void = (line) => process.stderr.write(`pls-desk: warning: ${line}\n`)): Buffer {
  if (config.tokenSecret) return Buffer.from(config.tokenSecret, 'utf8');
  if (config.mode !== 'embedded') {
    throw new ConfigError(TOKEN_SECRET_VARIABLE, `is required in ${config.mode} mode to sign access tokens (at least 32 characters, e.g. \`openssl rand -base64 32\`; the same in every API process)`);
  }
  const database = sqlitePath(config.databaseKind === 'sqlite' ? config.databaseUrl : config.eventStoreUrl);
  if (database === ':memory:' || database === '') return randomBytes(32);
  const file = join(dirname(database), TOKEN_SECRET_FILE_NAME);
  try {
    return readOrCreate(file, warn);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(TOKEN_SECRET_VARIABLE, `is not set and ${file} cannot be read or created (${(error as Error).message})`);
  }
}

function readOrCreate(file: string, warn: (line: string) => void): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  // Written privately and linked into place: two processes starting together agree on one secret.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, `${randomBytes(48).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      warn(`${file} was readable by others (mode ${mode.toString(8)}); set it to 0600`);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new ConfigError(TOKEN_SECRET_VARIABLE, `is not set and ${file} holds fewer than 32 characters`);
  return Buffer.from(text, 'utf8');
}
