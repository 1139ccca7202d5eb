/* `npm run cli -- vault …` as an operator runs it after putting a new master key first in PLS_VAULT_MASTER_KEY. */
import { generateMasterKeyText, MasterKeyring, PersonVault } from '@pls/privacy';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { openRig, type Rig } from './testing/rebuild-rig';

const ROOT = join(__dirname, '../../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('pls-desk cli: vault', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig('sqlite');
  });
  afterAll(() => rig.close());

  it('rewraps every data key under the new master key in batches; with the old key gone everything still opens', async () => {
    const oldText = generateMasterKeyText('k1');
    const newText = generateMasterKeyText('k2');
    const before = new PersonVault(rig.db, MasterKeyring.parse(oldText));
    const people = [];
    for (let i = 0; i < 5; i++)
      people.push({ id: (await before.register({ name: `林${i}`, phone: `1370000000${i}` })).id, name: `林${i}`, phone: `1370000000${i}` });
    const env = { EVENT_STORE_URL: rig.url, DATABASE_URL: rig.databaseUrl, PLS_VAULT_MASTER_KEY: `${newText},${oldText}` };

    const status = await cli(['vault', 'status'], env);
    expect(status.code).toBe(0);
    expect(
      status.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)),
    ).toEqual([
      ['key', 'id', 'state', 'data', 'keys'],
      ['k2', 'active', '0'],
      ['k1', 'configured', '5'],
    ]);

    const rewrapped = await cli(['vault', 'rewrap', '--batch', '2'], env);
    expect(rewrapped.stderr).toBe('');
    expect(rewrapped.code).toBe(0);
    expect(rewrapped.stdout).toContain('rewrapped 2 data keys under k2\nrewrapped 4 data keys under k2\nrewrapped 5 data keys under k2\n');
    expect(rewrapped.stdout).toContain('every data key is wrapped by k2: the other keys may now leave PLS_VAULT_MASTER_KEY');
    expect(rewrapped.stdout).toContain('re-indexed 5 phone numbers under k2');

    const after = new PersonVault(rig.db, MasterKeyring.parse(newText));
    for (const p of people) expect(await after.reveal(p.id)).toEqual({ ...p, idNumber: null });
    const alone = await cli(['vault', 'status'], { ...env, PLS_VAULT_MASTER_KEY: newText });
    expect(alone.stdout).toMatch(/k2\s+active\s+5/);
  }, 240_000);

  it('prints a new master key line, and answers a mistake in one line', async () => {
    const generated = await cli(['vault', 'keygen', 'k2027'], {});
    expect(generated.code).toBe(0);
    const line = generated.stdout.split('\n')[0]!;
    expect(MasterKeyring.parse(line).activeKid).toBe('k2027');
    const wrong = await cli(['vault', 'rewrap', '--batch', 'many'], {});
    expect([wrong.code, wrong.stderr]).toEqual([2, 'pls-desk cli: "vault rewrap" takes only --batch <n> (1-999999)\n']);
  }, 240_000);
});
