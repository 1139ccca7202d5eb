/* Browser-test support: Debian's Chromium driven by playwright-core (which
 * never downloads a browser), the real API listening on a temporary SQLite
 * store, and the built web UI it serves. Without /usr/bin/chromium the
 * browser specs are skipped with a printed reason, except with CI=true,
 * where a missing browser fails the run. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pls/config';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createApi } from '../../../apps/api/src/bootstrap';

export const CHROMIUM = process.env.PLS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const REPO = resolve(__dirname, '../../..');
export const ARTIFACTS = join(REPO, 'test', 'artifacts');
const WEB = join(REPO, 'apps', 'web');

/** `describe`, or a skip with a printed reason when Chromium is missing (an error under CI=true). */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error(`CI=true requires the browser tests: ${reason}`);
      });
    });
    return;
  }
  process.stdout.write(`\n[skip] ${reason}: the browser tests of "${name}" are skipped (set CI=true to make this an error)\n`);
  describe.skip(name, body);
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds apps/web/dist unless it is newer than every source of the UI. */
export function ensureWebBuilt(): void {
  const index = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newest(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs, statSync(join(WEB, 'vite.config.mts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}

export interface RunningApi {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The network-wide admin the browser API starts with (PLS_BOOTSTRAP_ADMIN); the specs create their other users with him. */
export const BROWSER_ADMIN = { username: 'browser.admin', password: 'browser-admin-pass' } as const;

/** Signs in through the login form (any earlier session of the tab dropped) and waits for the workspace of the role. */
export async function signIn(page: Page, baseUrl: string, account: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.evaluate(() => (globalThis as any).sessionStorage.clear());
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-page').waitFor({ state: 'detached' });
}

/** The whole API in this process (embedded mode), listening on a free port, on a fresh SQLite file. */
export async function startApi(): Promise<RunningApi> {
  const dir = mkdtempSync(join(tmpdir(), 'pls-browser-'));
  const config = loadConfig({
    EVENT_STORE_URL: `sqlite:${dir}/pls.db`,
    PLS_DEMO: 'off',
    PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
    PLS_BOOTSTRAP_ADMIN: `${BROWSER_ADMIN.username}:${BROWSER_ADMIN.password}`,
    PORT: '0',
  });
  const app = await createApi(config, { logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  open(options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** One Chromium per workspace, each with a fresh profile directory. */
export function browsers(): Browser {
  const contexts: BrowserContext[] = [];
  const dirs: string[] = [];
  return {
    async open(options) {
      const { chromium } = await import('playwright-core');
      const dir = mkdtempSync(join(tmpdir(), 'pls-chromium-'));
      dirs.push(dir);
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
        acceptDownloads: true,
        ...options,
      });
      contexts.push(context);
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(30_000); // generous: the whole suite runs beside other heavy specs
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** A PNG of the page under test/artifacts/ (git-ignored): the whole page from the top, or what the viewport shows. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  const fullPage = options.fullPage ?? true;
  if (fullPage) await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await page.waitForTimeout(400); // let charts and transitions settle
  await page.screenshot({ path, fullPage });
  return path;
}

/** Collects page errors and failed API calls other than the expected ones, for a readable failure. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}
