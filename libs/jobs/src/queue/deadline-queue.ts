import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { systemClock, type Clock } from '../clock';
import type { Deadline } from '../deadlines/deadline';
import { DeadlineRefusedError, type DeadlineFiring, type FireOutcome } from '../deadlines/deadline-firing';

/** The queue of the deadlines (STYLE.md: one queue per context, job names kebab-case). */
export const DEADLINES_QUEUE = 'deadlines';
export const FIRE_DEADLINE_JOB = 'fire-deadline';

export interface DeadlineJobData {
  readonly deadlineId: string;
  readonly dueAt: string;
}

/** Failed reasons that mark a business refusal; reconcile retries every other failure. */
export const REFUSED_PREFIX = 'refused: ';

export interface DeadlineQueueOptions {
  /** Queue name (tests use a fresh one each). */
  readonly name?: string;
  /** Redis key prefix (default `bull`). */
  readonly prefix?: string;
  readonly clock?: Clock;
  /** Attempts for transient failures (default 12: 1 s doubling, about an hour in all; reconcile retries later ones). */
  readonly attempts?: number;
  readonly backoffMs?: number;
}

/**
 * The producer side: one delayed job per pending deadline, job id = deadline
 * id, so adding it again (the enqueuer and every reconcile pass do) is a no-op.
 */
export class DeadlineQueue {
  readonly queue: Queue<DeadlineJobData, FireOutcome>;
  readonly name: string;
  private readonly clock: Clock;
  private readonly jobOptions: JobsOptions;

  constructor(connection: ConnectionOptions, options: DeadlineQueueOptions = {}) {
    this.name = options.name ?? DEADLINES_QUEUE;
    this.clock = options.clock ?? systemClock;
    this.queue = new Queue<DeadlineJobData, FireOutcome>(this.name, { connection, ...(options.prefix ? { prefix: options.prefix } : {}) });
    this.jobOptions = {
      attempts: options.attempts ?? 12,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000, jitter: 0.2 },
      // Kept a day, so a re-add within that day is a no-op; after that a re-add fires a job that finds nothing to do.
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /** Adds (or keeps) the delayed job of each deadline; delay = due − now by the clock. */
  async schedule(deadlines: ReadonlyArray<Pick<Deadline, 'deadlineId' | 'dueAt'>>): Promise<void> {
    if (deadlines.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      deadlines.map((d) => ({
        name: FIRE_DEADLINE_JOB,
        data: { deadlineId: d.deadlineId, dueAt: d.dueAt },
        opts: { ...this.jobOptions, jobId: d.deadlineId, delay: Math.max(0, Date.parse(d.dueAt) - now) },
      })),
    );
  }

  /** Removes the jobs of deadlines met or cancelled; a job running right now stays (it will find nothing to do). */
  async unschedule(deadlineIds: readonly string[]): Promise<void> {
    for (const id of deadlineIds) await this.queue.remove(id).catch(() => 0);
  }

  /** Failed jobs that were not business refusals (transient errors that ran out of attempts). */
  async transientFailures(limit = 1000): Promise<Array<Job<DeadlineJobData, FireOutcome>>> {
    const failed = (await this.queue.getFailed(0, limit - 1)) as Array<Job<DeadlineJobData, FireOutcome>>;
    return failed.filter((job) => job && !String(job.failedReason ?? '').startsWith(REFUSED_PREFIX));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * Jobs one worker runs at once. A job mostly waits (one read, one append that
 * the store group-commits with the others in flight), so more at once means
 * fewer commits per job: 32 fired 1.3–1.6× as many per second as 8 on SQLite
 * on the loaded 2-core bench machine, and 64 no more than 32 (within noise).
 */
export const DEADLINE_WORKER_CONCURRENCY = 32;

export interface DeadlineWorkerOptions {
  readonly name?: string;
  readonly prefix?: string;
  readonly clock?: Clock;
  readonly concurrency?: number;
  /** BullMQ lock duration (default 30 s); a worker that dies loses its lock after this and the job runs again. */
  readonly lockDuration?: number;
  readonly stalledInterval?: number;
  readonly autorun?: boolean;
  readonly log?: (message: string) => void;
}

/**
 * The consumer side: each job runs `DeadlineFiring.fire`. A business refusal
 * becomes `UnrecoverableError` (no retry); "nothing to do any more" completes
 * quietly; a job delivered before its time goes back to the delayed set;
 * anything else is thrown for BullMQ's exponential retries.
 */
export class DeadlineWorker {
  readonly worker: Worker<DeadlineJobData, FireOutcome>;
  private readonly clock: Clock;

  constructor(
    connection: ConnectionOptions,
    private readonly firing: DeadlineFiring,
    options: DeadlineWorkerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    this.worker = new Worker<DeadlineJobData, FireOutcome>(options.name ?? DEADLINES_QUEUE, (job, token) => this.process(job, token), {
      connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      concurrency: options.concurrency ?? DEADLINE_WORKER_CONCURRENCY,
      lockDuration: options.lockDuration ?? 30_000,
      ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
      autorun: options.autorun ?? true,
    });
    this.worker.on('error', (error) => log(`[deadlines] worker error: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job && (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) {
        log(`[deadlines] job ${job.id} failed for good: ${error.message}`);
      }
    });
  }

  private async process(job: Job<DeadlineJobData, FireOutcome>, token?: string): Promise<FireOutcome> {
    let outcome: FireOutcome;
    try {
      outcome = await this.firing.fire(job.data.deadlineId);
    } catch (error) {
      if (error instanceof DeadlineRefusedError) throw new UnrecoverableError(`${REFUSED_PREFIX}${error.message}`);
      throw error;
    }
    if (outcome.outcome === 'not-due') {
      const wait = Math.max(0, Date.parse(outcome.dueAt) - this.clock.now().getTime());
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    return outcome;
  }

  waitUntilReady(): Promise<unknown> {
    return this.worker.waitUntilReady();
  }

  /** `force` drops running jobs without waiting (their locks expire and another worker takes them). */
  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}
