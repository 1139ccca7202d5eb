import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@pls/config';
import { EVENT_STORE, type EventStore } from '@pls/event-store';
import { UserDirectory } from '@pls/identity';
import { DEMO_NETWORK_NAME, networkUnitId } from '@pls/org';
import { PersonVault } from '@pls/privacy';
import { withEagerReferrals } from '../jobs/reactions';
import { CommandExecutor } from '../records/command-executor';
import { demoAccountLines, ensureDemoAccounts } from './demo-accounts';
import { DemoLoadError, loadDemo, type DemoTarget } from './demo-loader';
import { formatDuration, progressReporter, type ProgressSink } from './progress';
import { generateSyntheticYear } from './synthetic-year';

export interface DemoAutoloadOptions {
  readonly out?: ProgressSink;
  /** Default: the synthetic year at full size. */
  readonly scale?: number;
}

const PREFIX = 'pls-desk demo: ';
const START_DELAY_MS = 500;

/**
 * Loads the demo network and the synthetic year into an EMPTY store, in the
 * background of a server that is already listening (so /health answers at
 * once). Embedded mode with `PLS_DEMO` on only; a store that holds any event
 * is left alone. Never rejects: a failure is one line and the server runs on.
 * Stops dispatching on SIGINT/SIGTERM, while Nest shuts the app down.
 */
export async function autoloadDemo(app: INestApplicationContext, config: AppConfig, options: DemoAutoloadOptions = {}): Promise<void> {
  const out = options.out ?? process.stdout;
  const say = (line: string) => out.write(`${PREFIX}${line}\n`);
  if (!config.demo) return;
  if (config.mode !== 'embedded') {
    // Several API processes share a server-mode store: loading stays an explicit step there.
    say('PLS_DEMO is on, but the demo loads by itself only in embedded mode; run `npm run demo` to load it into this store');
    return;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('the server is shutting down'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let done = 0;
  let total = 0;
  let accounts: Promise<void> | null = null;
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const users = app.get(UserDirectory);
    const tellAccounts = () => demoAccountLines().forEach(say);
    if ((await store.headPosition()) !== 0) {
      // A demo store from an earlier start: make sure its accounts exist (a load stopped early may lack them), and say them again.
      if ((await store.readStream(`orgunit-${networkUnitId(DEMO_NETWORK_NAME, 'city')}`)).length > 0) {
        await ensureDemoAccounts(users);
        tellAccounts();
      }
      return;
    }
    // Generating the year holds the event loop for about a second: let the first health checks through first.
    await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS));
    const year = generateSyntheticYear({ scale: options.scale });
    total = year.steps.length;
    say(`loading the demo network and the synthetic year 2021 in the background (${total.toLocaleString('en-US')} steps)`);
    // A lane's next step acts on the mediation its referral names: the referral reaction runs right away.
    const target: DemoTarget = { executor: withEagerReferrals(app.get(CommandExecutor), store), persons: app.get(PersonVault) };
    const reporter = progressReporter(out, { prefix: PREFIX, intervalMs: 5000 });
    const result = await loadDemo(target, year, {
      signal: stop.signal,
      onProgress: (p) => {
        done = p.done;
        // The accounts need their units: made as soon as the network is in, so signing in works while the year loads.
        if (accounts === null && p.phase !== 'city' && p.phase !== 'townships' && p.phase !== 'villages') accounts = ensureDemoAccounts(users).then(tellAccounts);
        reporter.onProgress(p);
      },
    });
    reporter.finish();
    await (accounts ?? ensureDemoAccounts(users).then(tellAccounts));
    const rate = Math.round((result.done * 1000) / Math.max(1, result.elapsedMs));
    const refused =
      result.refusals.length === 0
        ? ''
        : `; ${result.refusals.length} refused (first: ${result.refusals[0]!.what}: ${result.refusals[0]!.message})`;
    say(
      `loaded ${result.done.toLocaleString('en-US')} steps in ${formatDuration(result.elapsedMs)} (${rate.toLocaleString('en-US')}/s)${refused}`,
    );
  } catch (error) {
    const cause = error instanceof DemoLoadError ? error.cause : error;
    const message = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    const at = error instanceof DemoLoadError ? error.result.done : done;
    out.write(
      `${out.isTTY ? '\n' : ''}${PREFIX}load stopped at ${at.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} steps: ${message} (run \`npm run demo\` to complete it; nothing is loaded twice)\n`,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
