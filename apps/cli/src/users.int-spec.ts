/* `npm run cli -- users create …` in a process of its own, on a fresh embedded store. */
import { loadConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure } from '@pls/runtime';
import { PasswordHasher, UserDirectory, SessionStore } from '@pls/identity';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCreateUser } from './users';

const ROOT = join(__dirname, '../../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('pls-desk cli users create', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pls-cli-users-'));
  const env = { EVENT_STORE_URL: `sqlite:${dir}/pls.db`, PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'), PLS_DEMO: 'off' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a network-wide admin who can sign in; a second time answers the taken username in one line', async () => {
    const args = ['users', 'create', '--username', 'first.admin', '--role', 'admin', '--org-unit', 'none', '--password', 'first-admin-pass'];
    const created = await cli(args, env);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^created user [0-9a-f-]{36} \(first\.admin, admin, network-wide\)\n$/);
    const again = await cli(args, env);
    expect([again.code, again.stderr]).toEqual([1, 'pls-desk cli: USER.USERNAME_TAKEN: This username is taken (username)\n']);

    const infra = await openInfrastructure(loadConfig(env));
    try {
      const users = new UserDirectory(infra.store, infra.readModel, new PasswordHasher(), new SessionStore(infra.readModel, 60), { maxFailedLogins: 5, lockoutSeconds: 900 });
      const signIn = await users.signIn('first.admin', 'first-admin-pass', new Date());
      expect(signIn).toMatchObject({ kind: 'ok', user: { username: 'first.admin', role: 'admin', orgUnitId: null } });
      const id = signIn.kind === 'ok' ? signIn.user.id : '';
      const events = await infra.store.readStream(`user-${id}`);
      expect(events.map((e) => [e.type, e.metadata['actorId']])).toEqual([['UserRegistered', 'system:cli']]);
    } finally {
      await closeInfrastructure(infra);
    }
  }, 90_000);

  it('refuses missing or unknown options with exit code 2', () => {
    expect(() => parseCreateUser(['--username', 'x'])).toThrow(/needs --password/);
    expect(() => parseCreateUser(['--username', 'x', '--role', 'boss', '--org-unit', 'none', '--password', 'p'])).toThrow(/--role must be/);
    expect(() => parseCreateUser(['--nickname', 'x'])).toThrow(/unknown option/);
    expect(parseCreateUser(['--username', 'w', '--role', 'worker', '--org-unit', 'u-1', '--password', 'p'])).toEqual({ username: 'w', role: 'worker', orgUnitId: 'u-1', password: 'p' });
  });
});
