import 'reflect-metadata';
import { loadConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure } from '@pls/runtime';
import { DEFAULT_AUTH_SETTINGS } from '@pls/config';
import { PasswordHasher, SessionStore, UserDirectory } from '@pls/identity';
import { DEMO_YEAR } from './calendar';
import { demoAccountLines, ensureDemoAccounts } from './demo-accounts';
import { loadDemo } from './demo-loader';
import { demoTargetOn } from './demo-target';
import { formatDuration, progressReporter } from './progress';
import { DEFAULT_DEMO_SEED, generateSyntheticYear } from './synthetic-year';
import { fenToWanYuan, summariseYear, type SyntheticYearSummary } from './year-summary';

/**
 * `npm run demo [-- --scale 0.1 --seed s --concurrency 16]`: loads the demo
 * network and the synthetic year into the store the environment names (the
 * API's configuration: EVENT_STORE_URL, DATABASE_URL, PLS_VAULT_MASTER_KEY),
 * through the API's command path, then prints what it holds. Running it again
 * appends nothing.
 */
interface Args {
  seed: string;
  scale: number;
  concurrency: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { seed: DEFAULT_DEMO_SEED, scale: 1, concurrency: 16 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--seed') args.seed = value;
    else if (flag === '--scale') args.scale = Number(value);
    else if (flag === '--concurrency') args.concurrency = Number(value);
    else throw new Error(`unknown option ${flag} (use --scale, --seed, --concurrency)`);
  }
  if (!(args.scale > 0 && args.scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw new Error('--concurrency must be a whole number ≥ 1');
  return args;
}

const n = (x: number) => x.toLocaleString('en-US');

function describe(s: SyntheticYearSummary): string[] {
  const { people, administrative } = s.mediations;
  const h = s.hotline;
  const c = s.consultations;
  const row = (label: string, count: number, detail: string) => `  ${label.padEnd(15)}${n(count).padStart(7)}   ${detail}`;
  return [
    row('org units', s.orgUnits, 'the demo network (1 city centre, 10 stations, 85 workrooms)'),
    row('persons', s.persons, 'parties, callers and visitors (invented; in the vault)'),
    row(
      'consultations',
      c.count,
      `persons served: city centre ${n(c.city.personsServed)}, stations and workrooms ${n(c.stations.personsServed)}`,
    ),
    row(
      'hotline calls',
      h.calls,
      `answered ${n(h.answered)} (${n(h.answeredWithin15s)} within 15 s), missed ${n(h.missed)}, voicemail ${n(h.voicemail)}`,
    ),
    row(
      'work orders',
      h.workOrders,
      `visited ${n(h.visited)}, reopened ${n(h.reopened)}, closed without a visit ${n(h.closedWithoutVisit)}`,
    ),
    row(
      'mediations',
      people.registered + administrative.registered,
      `people's ${n(people.registered)} (accepted ${n(people.accepted)}, agreed ${n(people.agreed)}), administrative ${n(administrative.registered)} (accepted ${n(administrative.accepted)}, agreed ${n(administrative.agreed)})`,
    ),
    row(
      'lectures',
      s.lectures.planned,
      `held ${n(s.lectures.held)} (${n(s.lectures.attendees)} attendees), cancelled ${n(s.lectures.cancelled)}`,
    ),
    `  claimed amount of accepted mediations: people's ${fenToWanYuan(people.claimedAmountFen)} 万元, administrative ${fenToWanYuan(administrative.claimedAmountFen)} 万元, total ${fenToWanYuan(people.claimedAmountFen + administrative.claimedAmountFen)} 万元`,
  ];
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const infra = await openInfrastructure(config);
  try {
    const year = generateSyntheticYear({ seed: args.seed, scale: args.scale });
    const summary = summariseYear(year.steps);
    const before = await infra.store.headPosition();
    process.stdout.write(
      `pls-desk demo: synthetic year ${DEMO_YEAR} (seed ${args.seed}, scale ${args.scale}) into the ${config.eventStoreKind} store, ${n(year.steps.length)} steps\n`,
    );
    const reporter = progressReporter(process.stdout);
    const result = await loadDemo(demoTargetOn(infra), year, { concurrency: args.concurrency, onProgress: reporter.onProgress });
    reporter.finish();
    const after = await infra.store.headPosition();
    const rate = Math.round((result.done * 1000) / Math.max(1, result.elapsedMs));
    process.stdout.write(
      `loaded ${n(result.done)} steps in ${formatDuration(result.elapsedMs)} (${n(rate)}/s); ${n(after - before)} events appended (log head ${n(after)})\n`,
    );
    process.stdout.write(`${describe(summary).join('\n')}\n`);
    const settings = config.auth ?? DEFAULT_AUTH_SETTINGS;
    await ensureDemoAccounts(new UserDirectory(infra.store, infra.readModel, new PasswordHasher(), new SessionStore(infra.readModel, settings.refreshTokenTtlSeconds), settings));
    process.stdout.write(`${demoAccountLines().join('\n')}\n`);
    if (result.refusals.length > 0) {
      process.stderr.write(`${result.refusals.length} steps refused (${result.skipped} skipped after them):\n`);
      for (const r of result.refusals.slice(0, 10)) process.stderr.write(`  #${r.index} ${r.what}: ${r.code} ${r.message}\n`);
      return 1;
    }
    return 0;
  } finally {
    await closeInfrastructure(infra);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pls-desk demo: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
    process.exit(1);
  },
);
