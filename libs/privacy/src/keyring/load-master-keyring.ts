import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, sqlitePath, type AppConfig } from '@pls/config';
import { generateMasterKeyText, MasterKeyring, VAULT_MASTER_KEY_VARIABLE } from './master-keyring';

export const VAULT_KEY_FILE_NAME = 'vault.key';

export interface LoadMasterKeyringOptions {
  /** Where a one-line warning goes; default stderr. */
  readonly warn?: (line: string) => void;
  /** Embedded mode: the key file; default `vault.key` next to the SQLite database. */
  readonly keyFile?: string;
}

type KeyringConfig = Pick<AppConfig, 'mode' | 'databaseUrl' | 'databaseKind' | 'eventStoreUrl' | 'vaultMasterKey'>;

/**
 * The vault's master keys, read once at start-up.
 *
 * - `PLS_VAULT_MASTER_KEY` set: parsed (`base64` or `kid:base64,kid2:base64`,
 *   first active); a bad value throws a one-line {@link ConfigError}.
 * - unset in embedded mode: read from `vault.key` next to the SQLite database,
 *   created (mode 0600) on the first start; a one-line warning says so — a key
 *   kept beside the data it protects protects little against a copied disk.
 * - unset in server or scale-out mode: refuses to start. Generating a key per
 *   replica would make each replica unable to read the others' persons.
 */
export function loadMasterKeyring(config: KeyringConfig, options: LoadMasterKeyringOptions = {}): MasterKeyring {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`pls-desk: warning: ${line}\n`));
  if (config.vaultMasterKey !== undefined && config.vaultMasterKey !== null && config.vaultMasterKey.trim() !== '') {
    return MasterKeyring.parse(config.vaultMasterKey, VAULT_MASTER_KEY_VARIABLE);
  }
  if (config.mode !== 'embedded') {
    throw new ConfigError(
      VAULT_MASTER_KEY_VARIABLE,
      `is required in ${config.mode} mode to encrypt personal data (base64 of 32 bytes, e.g. \`openssl rand -base64 32\`)`,
    );
  }
  const keyFile = options.keyFile ?? defaultKeyFile(config);
  if (keyFile === null) {
    warn(`${VAULT_MASTER_KEY_VARIABLE} is not set and the database is in memory: personal data is encrypted under a throw-away key`);
    return MasterKeyring.parse(generateMasterKeyText('ephemeral'), 'generated key');
  }
  try {
    return readOrCreateKeyFile(keyFile, warn);
  } catch (error) {
    // File-system failures (a data path that cannot exist) get the file named; key errors already do.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw new Error(`cannot read or create the vault key file ${keyFile}: ${(error as Error).message}`, { cause: error });
  }
}

function defaultKeyFile(config: KeyringConfig): string | null {
  // Embedded mode always has a SQLite event log; the read model may be elsewhere.
  const url = config.databaseKind === 'sqlite' ? config.databaseUrl : config.eventStoreUrl;
  const database = sqlitePath(url);
  if (database === ':memory:' || database === '') return null;
  return join(dirname(database), VAULT_KEY_FILE_NAME);
}

function readOrCreateKeyFile(keyFile: string, warn: (line: string) => void): MasterKeyring {
  mkdirSync(dirname(keyFile), { recursive: true });
  // The api and the worker may start together: the key is written to a private
  // temporary file and linked into place, so only one process creates it and
  // no process ever reads a half-written file.
  const temporary = `${keyFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, `${generateMasterKeyText()}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(temporary, keyFile);
    warn(`${VAULT_MASTER_KEY_VARIABLE} is not set: generated a vault master key in ${keyFile} (mode 0600); set the variable for real use and keep the key apart from the data`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(VAULT_MASTER_KEY_VARIABLE, `is not set and ${keyFile} cannot be created (${(error as Error).message})`);
    }
    const mode = statSync(keyFile).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      chmodSync(keyFile, 0o600);
      warn(`${keyFile} was readable by others (mode ${mode.toString(8)}); set it to 0600`);
    }
    warn(`${VAULT_MASTER_KEY_VARIABLE} is not set: using the vault master key in ${keyFile}; set the variable for real use`);
  } finally {
    rmSync(temporary, { force: true });
  }
  let text: string;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new ConfigError(VAULT_MASTER_KEY_VARIABLE, `is not set and ${keyFile} cannot be read (${(error as Error).message})`);
  }
  return MasterKeyring.parse(text, keyFile);
}
