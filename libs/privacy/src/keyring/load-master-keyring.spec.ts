import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@pls/config';
import { loadMasterKeyring } from './load-master-keyring';

describe('loadMasterKeyring', () => {
  let dir: string;
  let warnings: string[];
  const warn = (line: string) => warnings.push(line);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pls-vault-key-'));
    warnings = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const embedded = (env: Record<string, string> = {}) => loadConfig({ EVENT_STORE_URL: `sqlite:${join(dir, 'data', 'pls.db')}`, ...env });
  const server = (env: Record<string, string> = {}) => loadConfig({ EVENT_STORE_URL: 'postgres://pg/pls', ...env });

  it('takes PLS_VAULT_MASTER_KEY when set, in any mode, silently', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadMasterKeyring(server({ PLS_VAULT_MASTER_KEY: `k7:${key}` }), { warn }).activeKid).toBe('k7');
    expect(loadMasterKeyring(embedded({ PLS_VAULT_MASTER_KEY: `k7:${key}` }), { warn }).activeKid).toBe('k7');
    expect(warnings).toEqual([]);
  });

  it('refuses an invalid key in one line naming the variable', () => {
    expect(() => loadMasterKeyring(server({ PLS_VAULT_MASTER_KEY: 'c2hvcnQ=' }), { warn })).toThrow(ConfigError);
    expect(() => loadMasterKeyring(server({ PLS_VAULT_MASTER_KEY: 'c2hvcnQ=' }), { warn })).toThrow(/^PLS_VAULT_MASTER_KEY: [^\n]+$/);
  });

  it.each(['server', 'scale-out'])('refuses to start in %s mode without the variable', (mode) => {
    const config = mode === 'server' ? server() : loadConfig({ EVENT_STORE_URL: 'kurrentdb://k:2113', DATABASE_URL: 'postgres://pg/pls' });
    try {
      loadMasterKeyring(config, { warn });
      throw new Error('started');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(new RegExp(`^PLS_VAULT_MASTER_KEY: is required in ${mode} mode`));
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('embedded without the variable: creates data/vault.key (0600) once, warns in one line, then reuses it', () => {
    const first = loadMasterKeyring(embedded(), { warn });
    const file = join(dir, 'data', 'vault.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).not.toContain('\n');

    const text = readFileSync(file, 'utf8');
    const second = loadMasterKeyring(embedded(), { warn });
    expect(second.activeKid).toBe(first.activeKid);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const dataKey = randomBytes(32);
    expect(second.unwrap(first.wrap(dataKey, 'p'), 'p').equals(dataKey)).toBe(true);
  });

  it('keeps the key next to the read-model database when that is SQLite', () => {
    loadMasterKeyring(embedded({ DATABASE_URL: `sqlite:${join(dir, 'read', 'rm.db')}` }), { warn });
    expect(statSync(join(dir, 'read', 'vault.key')).isFile()).toBe(true);
  });

  it('tightens a key file others could read', () => {
    loadMasterKeyring(embedded(), { warn });
    const file = join(dir, 'data', 'vault.key');
    chmodSync(file, 0o644);
    loadMasterKeyring(embedded(), { warn });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings.some((w) => w.includes('readable by others'))).toBe(true);
  });

  it('refuses a corrupt key file naming it', () => {
    const file = join(dir, 'vault.key');
    writeFileSync(file, 'garbage\n', { mode: 0o600 });
    expect(() => loadMasterKeyring(embedded(), { warn, keyFile: file })).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });

  it('uses a throw-away key for an in-memory database', () => {
    const ring = loadMasterKeyring(loadConfig({ EVENT_STORE_URL: 'sqlite::memory:' }), { warn });
    expect(ring.activeKid).toBe('ephemeral');
    expect(warnings).toHaveLength(1);
  });
});
