import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@pls/config';
import { EVENT_STORE } from '@pls/event-store';
import { UserDirectory } from '@pls/identity';
import { PersonVault } from '@pls/privacy';
import { CommandExecutor, type CommandRequest } from '../records/command-executor';
import { autoloadDemo } from './demo-autoload';

function fakeApp(head: number, execute: (r: CommandRequest) => Promise<unknown>) {
  const calls = { execute: 0, register: 0, accounts: 0 };
  const app = {
    get(token: unknown) {
      if (token === EVENT_STORE) return { headPosition: async () => head, readStream: async () => [] };
      if (token === UserDirectory) return { accounts: { byUsername: async () => null }, register: async () => (calls.accounts++, { repeated: false }) };
      if (token === CommandExecutor) return { execute: (r: CommandRequest) => (calls.execute++, execute(r)) };
      if (token === PersonVault) return { register: async (p: { id: string }) => (calls.register++, { id: p.id }) };
      throw new Error(`unexpected token ${String(token)}`);
    },
  } as unknown as INestApplicationContext;
  const lines: string[] = [];
  return { app, calls, lines, out: { isTTY: false, write: (s: string) => lines.push(s) } };
}

const embedded = loadConfig({ EVENT_STORE_URL: 'sqlite:/tmp/never-opened.db' });

describe('the demo auto-load', () => {
  it('loads into an empty store in embedded mode and says so', async () => {
    const { app, calls, lines, out } = fakeApp(0, async () => ({ extra: {} }));
    await autoloadDemo(app, embedded, { out, scale: 0.02 });
    expect(calls.execute).toBeGreaterThan(100);
    expect(calls.register).toBeGreaterThan(10);
    expect(lines.join('')).toMatch(/pls-desk demo: loaded [\d,]+ steps/);
    // The demo accounts, once the network is in, and who they are.
    expect(calls.accounts).toBe(5);
    expect(lines.join('')).toMatch(/demo accounts \(password pls-demo-2021 for each\)[\s\S]*dongpo\.worker/);
  });

  it('leaves a store that holds events alone', async () => {
    const { app, calls, lines, out } = fakeApp(5, async () => ({}));
    await autoloadDemo(app, embedded, { out, scale: 0.02 });
    expect(calls.execute).toBe(0);
    expect(lines).toEqual([]);
  });

  it('does nothing with PLS_DEMO off, or outside embedded mode', async () => {
    for (const config of [
      loadConfig({ EVENT_STORE_URL: 'sqlite:/tmp/never-opened.db', PLS_DEMO: 'off' }),
      loadConfig({ EVENT_STORE_URL: 'postgres://x@127.0.0.1/none', PLS_DEMO: 'on' }),
    ]) {
      const { app, calls, out } = fakeApp(0, async () => ({}));
      await autoloadDemo(app, config, { out, scale: 0.02 });
      expect(calls.execute).toBe(0);
    }
  });

  it('reports a failure in one line and resolves (the server keeps running)', async () => {
    const { app, lines, out } = fakeApp(0, async () => {
      throw new Error('the SQLite event store is closed\nwith a second line');
    });
    await expect(autoloadDemo(app, embedded, { out, scale: 0.02 })).resolves.toBeUndefined();
    const failure = lines.filter((l) => l.includes('load stopped'));
    expect(failure).toHaveLength(1);
    expect(failure[0]!.trim().split('\n')).toHaveLength(1);
    expect(failure[0]).toContain('the SQLite event store is closed');
  });
});
