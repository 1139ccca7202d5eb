import { ConfigError } from '@pls/config';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokenSecret } from './token-secret';

describe('loadTokenSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pls-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const embedded = () => ({ mode: 'embedded' as const, databaseKind: 'sqlite' as const, databaseUrl: `sqlite:${dir}/pls.read.db`, eventStoreUrl: `sqlite:${dir}/pls.db` });

  it('uses PLS_TOKEN_SECRET when set', () =>
    expect(loadTokenSecret({ ...embedded(), tokenSecret: 'x'.repeat(32) }).toString()).toBe('x'.repeat(32)));

  it('refuses to start without it outside embedded mode, in one line naming the variable', () => {
    const start = () => loadTokenSecret({ mode: 'server', databaseKind: 'postgres', databaseUrl: 'postgres://h/db', eventStoreUrl: 'postgres://h/db' });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/^PLS_TOKEN_SECRET: is required in server mode[^\n]*$/);
  });

  it('keeps a generated secret in token.secret (0600) beside the database, the same on every start', () => {
    const first = loadTokenSecret(embedded(), () => undefined);
    const again = loadTokenSecret(embedded(), () => undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(again.equals(first)).toBe(true);
    expect(statSync(join(dir, 'token.secret')).mode & 0o777).toBe(0o600);
  });
});
