/* The CLI as an operator runs it: `npm run cli -- projections …` in a process of its own. */
import { PROJECTIONS } from '@pls/runtime';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { appendAll, buildIncrementally, history, openRig, snapshot, type Rig } from './testing/rebuild-rig';

const ROOT = join(__dirname, '../../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('pls-desk cli', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig('sqlite');
  });
  afterAll(() => rig.close());

  it('lists the projections with checkpoint, head and lag, and rebuilds one from the log', async () => {
    const head = await appendAll(rig.store, history(8, 2));
    const statistics = PROJECTIONS.find((p) => p.name === 'statistics')!;
    await buildIncrementally(rig.store, rig.db, statistics, 50);
    const before = await snapshot(rig.db, statistics);
    await rig.db.query('DELETE FROM stat_daily');
    const env = { EVENT_STORE_URL: rig.url, DATABASE_URL: rig.databaseUrl };

    const rebuilt = await cli(['projections', 'rebuild', 'statistics'], env);
    expect(rebuilt.stderr).not.toMatch(/cannot|Error/);
    expect(rebuilt.code).toBe(0);
    // Not a TTY here: plain progress lines, no carriage returns.
    expect(rebuilt.stdout).toMatch(
      new RegExp(`\\[##########\\] 100% ${head.toLocaleString('en-US')}/${head.toLocaleString('en-US')} events, [\\d,]+/s, ETA 0s\\n`),
    );
    expect(rebuilt.stdout).not.toContain('\r');
    expect(rebuilt.stdout).toContain(`rebuilt statistics: ${head.toLocaleString('en-US')} events`);
    expect(await snapshot(rig.db, statistics)).toEqual(before);

    const listed = await cli(['projections', 'list'], env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^projection\s+checkpoint\s+head\s+lag$/);
    expect(lines.find((l) => l.startsWith('statistics'))!.split(/\s+/)).toEqual(['statistics', String(head), String(head), '0']);
    expect(lines.find((l) => l.startsWith('org-tree'))!.split(/\s+/)).toEqual(['org-tree', '-', String(head), String(head)]);
  }, 60_000);

  it('answers a mistake in one line', async () => {
    const unknown = await cli(['projections', 'rebuild', 'nope'], { EVENT_STORE_URL: rig.url, DATABASE_URL: rig.databaseUrl });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`pls-desk cli: no projection "nope" (known: ${PROJECTIONS.map((p) => p.name).join(', ')})\n`);
    const unreachable = await cli(['projections', 'list'], { EVENT_STORE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^pls-desk cli: .*127\.0\.0\.1:1/);
  }, 60_000);
});
