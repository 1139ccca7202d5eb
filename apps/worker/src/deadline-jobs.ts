import { DeadlineFiring, DEADLINES_PROJECTION, defaultDeadlineRules, systemClock, type Clock } from '@pls/jobs';
import { checkRedisSettings, DeadlineEnqueuer, DeadlineQueue, DeadlineWorker } from '@pls/jobs/queue';
import { PersonVault } from '@pls/privacy';
import type { Infrastructure, ProjectionSet } from '@pls/runtime';
import { deadlineConsequences } from '../../api/src/jobs/deadline-consequences';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../../api/src/records/catalogue';
import { CommandExecutor } from '../../api/src/records/command-executor';
import { RecordReader } from '../../api/src/records/record-reader';
import { RouteRegistry } from '../../api/src/records/route-registry';

export interface DeadlineJobs {
  readonly queue: DeadlineQueue;
  readonly worker: DeadlineWorker;
  readonly enqueuer: DeadlineEnqueuer;
  stop(): Promise<void>;
}

export interface DeadlineJobsOptions {
  readonly clock?: Clock;
  /** Queue name (default `deadlines`). */
  readonly queueName?: string;
  readonly log?: (line: string) => void;
}

/**
 * Server mode: the BullMQ side of the deadlines. Checks the Redis settings
 * (warnings only), enqueues every pending deadline (reconcile), then follows
 * the projection's commits and reconciles every minute; the worker fires
 * jobs through the same command routes as HTTP.
 */
export async function startDeadlineJobs(
  infra: Pick<Infrastructure, 'store' | 'readModel' | 'redis' | 'keyring'>,
  projections: ProjectionSet | null,
  options: DeadlineJobsOptions = {},
): Promise<DeadlineJobs> {
  const redis = infra.redis;
  if (!redis) throw new Error('deadline jobs on BullMQ need REDIS_URL');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  await checkRedisSettings(redis, log);

  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  const executor = new CommandExecutor(infra.store, registry, new RecordReader(infra.store, registry), new PersonVault(infra.readModel, infra.keyring));
  const firing = new DeadlineFiring(infra.store, defaultDeadlineRules(), deadlineConsequences(executor), clock);
  const queue = new DeadlineQueue(redis, { name: options.queueName, clock });
  const worker = new DeadlineWorker(redis, firing, { name: options.queueName, clock, log });
  const enqueuer = new DeadlineEnqueuer(infra.readModel, queue, firing, { log });
  const unsubscribe = projections?.runner(DEADLINES_PROJECTION).watch.onAdvance(() => void enqueuer.kick());
  const { pending, retried } = await enqueuer.start();
  log(`[deadlines] reconciled: ${pending} pending deadline(s) enqueued${retried ? `, ${retried} failed job(s) retried` : ''}`);
  return {
    queue,
    worker,
    enqueuer,
    async stop() {
      unsubscribe?.();
      await enqueuer.stop();
      await worker.close();
      await queue.close();
    },
  };
}
