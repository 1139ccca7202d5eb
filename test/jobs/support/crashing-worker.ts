/* A deadline worker in a process of its own, for the spec that SIGKILLs it in
 * the middle of a job: it appends the consequence, says so on stdout, and
 * then hangs, as a process does when it is about to be killed. */
import { openEventStore } from '@pls/event-store/open-event-store';
import { DeadlineFiring, DeadlineRules, deadlineSettings, loadCalendar, ManualClock } from '@pls/jobs';
import { DeadlineWorker } from '@pls/jobs/queue';
import IORedis from 'ioredis';
import { deadlineConsequences } from '../../../apps/api/src/jobs/deadline-consequences';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../../../apps/api/src/records/catalogue';
import { CommandExecutor } from '../../../apps/api/src/records/command-executor';
import { RecordReader } from '../../../apps/api/src/records/record-reader';
import { RouteRegistry } from '../../../apps/api/src/records/route-registry';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const store = await openEventStore(env('JOBS_STORE_URL'));
  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  const executor = new CommandExecutor(store, registry, new RecordReader(store, registry), { existing: async (ids) => new Set(ids) });
  const clock = new ManualClock(env('JOBS_NOW'));
  const firing = new DeadlineFiring(store, new DeadlineRules(loadCalendar(), deadlineSettings()), deadlineConsequences(executor), clock, (id) => {
    process.stdout.write(`appended ${id}\n`);
    return new Promise<void>(() => undefined);
  });
  const connection = new IORedis(env('JOBS_REDIS_URL'), { maxRetriesPerRequest: null });
  const worker = new DeadlineWorker(connection, firing, { name: env('JOBS_QUEUE'), clock, lockDuration: Number(env('JOBS_LOCK_MS')), stalledInterval: Number(env('JOBS_STALLED_MS')), log: () => undefined });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`crashing-worker: ${(error as Error).message}\n`);
  process.exit(1);
});
