import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../clock';
import { DeadlineRefusedError, type DeadlineFiring, type FireOutcome } from '../deadlines/deadline-firing';
import { deadlinesQuery } from '../deadlines/deadlines.query';

export interface InProcessSchedulerOptions {
  readonly clock?: Clock;
  /** Longest sleep between looks at the table, whatever the earliest due time (default 60 s). */
  readonly maxSleepMs?: number;
  /** First retry delay after a transient failure, doubled each time up to `retryMaxMs` (default 1 s … 5 min). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** After firing, how long to leave a deadline alone while the projection catches up with the consequence (default 5 s). */
  readonly settleMs?: number;
  readonly batchSize?: number;
  readonly log?: (message: string) => void;
}

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

interface Backoff {
  readonly notBefore: number;
  readonly failures: number;
}

/**
 * Embedded mode (no REDIS_URL): the same `DeadlineFiring` handler, driven by
 * the `deadlines` table instead of BullMQ. One timer for the earliest pending
 * due time; on waking, every deadline due by now is fired, one after the
 * other. All state that matters is in the table, so a restart simply finds
 * the pending rows again; what is kept in memory (back-off after a transient
 * error, "fired, waiting for the projection") only avoids busy loops.
 */
export class InProcessDeadlineScheduler {
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private paused = false;
  private readonly held = new Map<string, Backoff>();
  /** Refused by the record while still due: not retried until the next start (as BullMQ's UnrecoverableError). */
  private readonly refused = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly firing: DeadlineFiring,
    private readonly options: InProcessSchedulerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    this.stopped = false;
    void this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /**
   * Holds firing while records are being bulk-loaded (the demo year): a step
   * recorded later in the load would otherwise find its deadline already fired.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.kick();
  }

  /** Fire what is due now and set the timer again (wired to the projection's commits: a new deadline may be the earliest). */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          if (!this.paused) await this.runDue();
        } catch (error) {
          this.log(`scheduler pass failed: ${(error as Error).message}`);
        }
      } while (this.again && !this.stopped);
      if (!this.stopped) await this.arm().catch((error: Error) => this.log(`cannot set the timer: ${error.message}`));
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Fires every pending deadline due by the clock; returns what each firing did (for specs). */
  async runDue(): Promise<FireOutcome[]> {
    const outcomes: FireOutcome[] = [];
    const batch = this.options.batchSize ?? 100;
    const seen = new Set<string>();
    for (;;) {
      const now = this.clock.now();
      const due = (await deadlinesQuery.due(this.db, now, batch + seen.size)).filter((d) => !seen.has(d.deadlineId));
      if (due.length === 0) break;
      for (const deadline of due) {
        seen.add(deadline.deadlineId);
        if (this.refused.has(deadline.deadlineId)) continue;
        const hold = this.held.get(deadline.deadlineId);
        if (hold && hold.notBefore > now.getTime()) continue;
        outcomes.push(...(await this.fireOne(deadline.deadlineId)));
      }
      if (due.length < batch) break;
    }
    this.forgetSettled(seen);
    return outcomes;
  }

  private async fireOne(deadlineId: string): Promise<FireOutcome[]> {
    try {
      const outcome = await this.firing.fire(deadlineId);
      // Until the projection has applied the consequence the row stays pending: leave it alone a moment.
      this.held.set(deadlineId, { notBefore: this.clock.now().getTime() + (this.options.settleMs ?? 5000), failures: 0 });
      return [outcome];
    } catch (error) {
      if (error instanceof DeadlineRefusedError) {
        this.refused.add(deadlineId);
        this.log(error.message);
        return [];
      }
      const failures = (this.held.get(deadlineId)?.failures ?? 0) + 1;
      const delay = Math.min((this.options.retryBaseMs ?? 1000) * 2 ** (failures - 1), this.options.retryMaxMs ?? 300_000);
      this.held.set(deadlineId, { notBefore: this.clock.now().getTime() + delay, failures });
      this.log(`deadline ${deadlineId} failed (attempt ${failures}, next in ${Math.round(delay / 1000)} s): ${(error as Error).message}`);
      return [];
    }
  }

  /** Drops in-memory holds of deadlines no longer due-and-pending (they were settled by the projection). */
  private forgetSettled(stillDue: Set<string>): void {
    for (const id of this.held.keys()) if (!stillDue.has(id)) this.held.delete(id);
  }

  private async arm(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.clock.now().getTime();
    const earliest = await deadlinesQuery.earliestPending(this.db);
    const holds = [...this.held.values()].map((h) => h.notBefore).filter((t) => t > now);
    const candidates = [now + (this.options.maxSleepMs ?? 60_000)];
    if (earliest !== null && Date.parse(earliest) > now) candidates.push(Date.parse(earliest));
    if (holds.length > 0) candidates.push(Math.min(...holds));
    const delay = Math.min(Math.max(0, Math.min(...candidates) - now), MAX_TIMER_MS);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.kick(), delay);
    this.timer.unref?.();
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`[deadlines] ${message}`);
  }
}
