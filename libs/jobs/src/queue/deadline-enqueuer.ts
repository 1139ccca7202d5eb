import type { DataSource } from 'typeorm';
import type { DeadlineFiring } from '../deadlines/deadline-firing';
import { deadlinesQuery } from '../deadlines/deadlines.query';
import type { DeadlineQueue } from './deadline-queue';

export interface DeadlineEnqueuerOptions {
  /** How often to look for rows the projection changed (default 1 s); `kick()` looks at once. */
  readonly pollMs?: number;
  /** How often to re-enqueue every pending deadline (default 60 s). */
  readonly reconcileMs?: number;
  readonly pageSize?: number;
  readonly log?: (message: string) => void;
}

export interface ReconcileResult {
  /** Pending deadlines whose jobs were (re-)added; the ones still in Redis are untouched. */
  readonly pending: number;
  /** Failed jobs of still-pending deadlines sent back for another try. */
  readonly retried: number;
}

/**
 * Keeps BullMQ in step with the `deadlines` read model, which is the truth:
 *
 * - after the projection commits (`kick()`, wired to its position watch, and
 *   a short poll, since the projection may be running in another process),
 *   rows changed since the last look are enqueued (pending) or their jobs
 *   removed (met, cancelled);
 * - `reconcile()`, at start and every minute, re-adds a job for every pending
 *   deadline. Job ids are deadline ids, so this adds only what Redis lost
 *   (FLUSHALL, eviction, a restart without AOF).
 */
export class DeadlineEnqueuer {
  private cursor = 0;
  private timers: NodeJS.Timeout[] = [];
  private syncing: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: DataSource,
    private readonly queue: DeadlineQueue,
    private readonly firing: Pick<DeadlineFiring, 'current'> | null,
    private readonly options: DeadlineEnqueuerOptions = {},
  ) {}

  async start(): Promise<ReconcileResult> {
    this.stopped = false;
    // Changes after this point are the poll's; everything pending before it is the reconcile pass's.
    this.cursor = await this.headPosition();
    const result = await this.reconcile();
    this.timers.push(setInterval(() => void this.kick(), this.options.pollMs ?? 1000));
    this.timers.push(
      setInterval(() => {
        this.reconcile().catch((error: Error) => this.log(`reconcile failed: ${error.message}`));
      }, this.options.reconcileMs ?? 60_000),
    );
    return result;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.syncing?.catch(() => undefined);
  }

  /** Look for changed rows now (coalesced: a kick during a sync runs one more sync after it). */
  kick(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        await this.sync().catch((error: Error) => this.log(`enqueue failed: ${error.message}`));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Re-adds the job of every pending deadline; retries failed jobs whose deadline is still pending. */
  async reconcile(): Promise<ReconcileResult> {
    const pageSize = this.options.pageSize ?? 1000;
    let pending = 0;
    let after: { dueAt: string; deadlineId: string } | undefined;
    for (;;) {
      const page = await deadlinesQuery.pendingPage(this.db, pageSize, after);
      if (page.length === 0) break;
      await this.queue.schedule(page);
      pending += page.length;
      const last = page[page.length - 1]!;
      after = { dueAt: last.dueAt, deadlineId: last.deadlineId };
      if (page.length < pageSize) break;
    }
    let retried = 0;
    for (const job of await this.queue.transientFailures()) {
      const row = await deadlinesQuery.byId(this.db, job.data.deadlineId);
      const current = this.firing ? await this.firing.current(job.data.deadlineId) : row;
      if (row?.status === 'pending' && current?.status === 'pending') {
        await job.retry('failed').catch(() => undefined);
        retried++;
      }
    }
    return { pending, retried };
  }

  private async sync(): Promise<void> {
    const pageSize = this.options.pageSize ?? 1000;
    for (;;) {
      let changed = await deadlinesQuery.changedAfter(this.db, this.cursor, pageSize);
      if (changed.length === 0) return;
      const full = changed.length === pageSize;
      if (full) {
        // One event can change several rows: end the page before the last position, so none of its rows is skipped.
        const lastPosition = changed[changed.length - 1]!.updatedPosition;
        const whole = changed.filter((d) => d.updatedPosition < lastPosition);
        if (whole.length > 0) changed = whole;
      }
      await this.queue.schedule(changed.filter((d) => d.status === 'pending'));
      // A fired deadline's job is the one completing: leave it to finish.
      await this.queue.unschedule(changed.filter((d) => d.status === 'met' || d.status === 'cancelled').map((d) => d.deadlineId));
      this.cursor = changed[changed.length - 1]!.updatedPosition;
      if (!full) return;
    }
  }

  private async headPosition(): Promise<number> {
    const row = await this.db
      .createQueryBuilder()
      .select('MAX(d.updated_position)', 'position')
      .from('deadlines', 'd')
      .getRawOne<{ position: number | string | null }>();
    return Number(row?.position ?? 0);
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`[deadlines] ${message}`);
  }
}
