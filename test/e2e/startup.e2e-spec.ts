import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPEC_ADMIN, SPEC_ADMIN_ENV, signInByHttp } from '@test/support/sign-in';

/**
 * Start-up as an operator meets it: the real entry point in a child process.
 * A bad configuration is one line on stderr and exit code 1; a good one
 * answers /health; a second start on the same data is harmless.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps/api/src/main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMain(env: Record<string, string>, until?: (out: string) => boolean, timeoutMs = 30_000): Promise<Run & { kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { code: null as number | null, stdout: '', stderr: '' };
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((run.code = code), resolve())));
  child.stdout.on('data', (d) => (run.stdout += d));
  child.stderr.on('data', (d) => (run.stderr += d));
  const kill = async () => {
    if (run.code === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no result within ${timeoutMs} ms: ${run.stdout} ${run.stderr}`));
    }, timeoutMs);
    const check = () => {
      if (until?.(run.stdout)) {
        clearTimeout(timer);
        resolve({ ...run, kill, get code() { return run.code; } } as Run & { kill(): Promise<void> });
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolve({ ...run, kill });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const KEY = Buffer.alloc(32, 7).toString('base64');
const TOKEN_SECRET = 'a-token-secret-of-at-least-32-characters';

describe('start-up', () => {
  it.each([
    [{ EVENT_STORE_URL: 'mysql://db/pls' }, /EVENT_STORE_URL: unsupported scheme/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ EVENT_STORE_URL: 'postgres://postgres@127.0.0.1:1/pls', PLS_VAULT_MASTER_KEY: KEY, PLS_TOKEN_SECRET: TOKEN_SECRET }, /cannot reach PostgreSQL/i],
    [{ EVENT_STORE_URL: 'sqlite:/etc/passwd/pls.db' }, /cannot (open SQLite|read or create the vault key file)/i],
    [{ REDIS_URL: 'redis://127.0.0.1:1', PLS_DEMO: 'off' }, /cannot reach Redis at 127\.0\.0\.1:1/],
    [{ EVENT_STORE_URL: 'postgres://postgres@127.0.0.1:5432/pls', PLS_TOKEN_SECRET: TOKEN_SECRET }, /PLS_VAULT_MASTER_KEY/],
    [{ EVENT_STORE_URL: 'postgres://postgres@127.0.0.1:5432/pls', PLS_VAULT_MASTER_KEY: KEY }, /PLS_TOKEN_SECRET: is required in server mode/],
    [{ EVENT_STORE_URL: 'postgres://postgres@127.0.0.1:5432/pls', PLS_VAULT_MASTER_KEY: KEY, PLS_TOKEN_SECRET: 'short' }, /PLS_TOKEN_SECRET: must be at least 32 characters/],
  ])('refuses %j in one line with exit code 1', async (env, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-start-'));
    const run = await runMain({ EVENT_STORE_URL: `sqlite:${dir}/pls.db`, ...env });
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n').filter((l) => !/warning/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pls-desk: cannot start: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 40_000);

  it('answers /health in embedded mode with no server, and starts again on the same data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-start-'));
    // No PLS_TOKEN_SECRET: embedded mode keeps one in token.secret (0600), so a token outlives a restart.
    const env = { EVENT_STORE_URL: `sqlite:${dir}/pls.db`, PLS_DEMO: 'off', PLS_VAULT_MASTER_KEY: KEY, PLS_BOOTSTRAP_ADMIN: SPEC_ADMIN_ENV };
    let authorization = '';
    for (let round = 0; round < 2; round++) {
      const port = await freePort();
      const started = Date.now();
      const run = await runMain({ ...env, PORT: String(port) }, (out) => out.includes('listening'));
      try {
        expect(run.code).toBeNull();
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', kind: 'sqlite' } } });
        expect(Date.now() - started).toBeLessThan(20_000);
        authorization ||= await signInByHttp(`http://127.0.0.1:${port}`);
        const me = await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`, { headers: { authorization } });
        expect([me.status, ((await me.json()) as { username: string }).username]).toEqual([200, SPEC_ADMIN.username]);
        expect(statSync(join(dir, 'token.secret')).mode & 0o777).toBe(0o600);
      } finally {
        await run.kill();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
