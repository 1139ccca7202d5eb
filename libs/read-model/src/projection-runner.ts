import type { EventStore, RecordedEvent, Subscription } from '@pls/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { Checkpoints } from './checkpoints';
import { PositionWatch } from './position-watch';
import type { Projection } from './projection';
import { writeTransaction } from './write-transaction';

export interface RunnerOptions {
  /** Events per read-model transaction (default 500). */
  readonly batchSize?: number;
  /**
   * How long the checkpoint may stay behind the store's head without moving
   * before the subscription is considered silent and resubscribed (default 5 s).
   */
  readonly livenessMs?: number;
  /** How often a standby tries to take over the projection (default 2 s). */
  readonly electionRetryMs?: number;
  readonly log?: (message: string) => void;
}

type RunnerState = 'stopped' | 'standby' | 'active';

/**
 * The election lock of a projection (`$1` = its name). Advisory locks are
 * database-wide, so the key includes the schema: stores in other schemas of
 * the same database (other tenants, tests) elect their own runners.
 */
export const ELECTION_LOCK_KEY = `hashtext(current_schema() || '/projection:' || $1)`;

/** Longest a checkpoint lags behind batches that held nothing for the projection. */
const CHECKPOINT_LAZY_MS = 1000;
/** How long a resubscription waits for the old subscription to stop. */
const STOP_WAIT_MS = 1000;

/**
 * Runs one projection: checkpoint → subscribe → for each batch, apply it and
 * advance the checkpoint in ONE read-model transaction. A crash anywhere
 * either commits both or neither, so nothing is lost or counted twice.
 *
 * On PostgreSQL one runner per projection is active across all processes: a
 * session advisory lock elects it; the others wait as standbys and take over
 * when the holder's connection dies. The checkpoint update is also guarded by
 * the previous position, so even overlapping runners cannot double-apply.
 */
export class ProjectionRunner {
  readonly watch = new PositionWatch();
  private readonly checkpoints: Checkpoints;
  private subscription: Subscription | null = null;
  private lockRunner: QueryRunner | null = null;
  private timers: NodeJS.Timeout[] = [];
  private state: RunnerState = 'stopped';
  private lastLivenessPosition = -1;
  /** Position stored in the checkpoint row (the watch may be ahead of it after skipped batches). */
  private persisted = 0;
  private lastPersistAt = 0;
  private loaded = false;
  private restarting: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.checkpoints = new Checkpoints(db);
  }

  get status(): RunnerState {
    return this.state;
  }

  get position(): number {
    return this.watch.position;
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'standby';
    await this.loadCheckpoint();
    if (await this.elect()) await this.activate();
    else this.scheduleElection();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.subscription?.stop();
    this.subscription = null;
    if (this.lockRunner) {
      // Session locks outlive a release to the pool: unlock before handing the connection back.
      await this.lockRunner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await this.lockRunner.release().catch(() => undefined);
      this.lockRunner = null;
    }
  }

  /** Reads the stored checkpoint (the position a `catchUp` continues from). */
  async loadFrom(): Promise<number> {
    await this.loadCheckpoint();
    return this.watch.position;
  }

  /** Applies everything up to the store's head now (for tests, the CLI and rebuilds). */
  async catchUp(): Promise<number> {
    if (!this.loaded) await this.loadCheckpoint();
    let position = this.watch.position;
    for (;;) {
      const batch = await this.store.readAll(position, this.options.batchSize ?? 500);
      if (batch.length === 0) return position;
      await this.applyBatch(batch);
      position = this.watch.position;
    }
  }

  private async elect(): Promise<boolean> {
    if (this.db.options.type !== 'postgres') return true;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const [row] = await runner.query(`SELECT pg_try_advisory_lock(${ELECTION_LOCK_KEY}) AS locked`, [this.projection.name]);
    if (row?.locked) {
      this.lockRunner = runner;
      return true;
    }
    await runner.release();
    return false;
  }

  private scheduleElection(): void {
    const timer = setInterval(async () => {
      if (this.state !== 'standby') return clearInterval(timer);
      try {
        if (await this.elect()) {
          clearInterval(timer);
          await this.loadCheckpoint();
          await this.activate();
        }
      } catch (error) {
        this.log(`election failed: ${(error as Error).message}`);
      }
    }, this.options.electionRetryMs ?? 2000);
    this.timers.push(timer);
  }

  private async activate(): Promise<void> {
    this.state = 'active';
    this.subscribe();
    const livenessMs = this.options.livenessMs ?? 5000;
    this.timers.push(setInterval(() => void this.checkLiveness(), livenessMs));
  }

  private subscribe(): void {
    const from = this.watch.position;
    const subscription: Subscription = this.store.subscribeAll(from, (batch) => this.applyBatch(batch), {
      batchSize: this.options.batchSize ?? 500,
      onError: (error) => {
        // A replaced subscription failing late (e.g. its batch lost the checkpoint race) changes nothing.
        if (this.subscription !== subscription) return;
        this.log(`subscription stopped: ${(error as Error).message}; resubscribing`);
        setTimeout(() => void this.resubscribe(), 500);
      },
    });
    this.subscription = subscription;
  }

  /** A silent subscription (head moved, checkpoint did not) is replaced. */
  private async checkLiveness(): Promise<void> {
    if (this.state !== 'active') return;
    try {
      const head = await this.store.headPosition();
      const position = this.watch.position;
      if (head > position && position === this.lastLivenessPosition) {
        this.log(`checkpoint stuck at ${position} while the log is at ${head}; resubscribing`);
        await this.resubscribe();
      }
      this.lastLivenessPosition = this.watch.position;
    } catch (error) {
      this.log(`liveness check failed: ${(error as Error).message}`);
    }
  }

  private resubscribe(): Promise<void> {
    this.restarting ??= (async () => {
      const old = this.subscription;
      this.subscription = null;
      // A subscription stuck inside a batch may never stop; don't wait for it. If it ever
      // finishes that batch, the checkpoint guard refuses it, so nothing is applied twice.
      await Promise.race([old?.stop(), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
      if (this.state !== 'active') return;
      await this.loadCheckpoint();
      this.subscribe();
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private async loadCheckpoint(): Promise<void> {
    this.persisted = await this.checkpoints.read(this.projection.name);
    this.loaded = true;
    // After a takeover the stored checkpoint is the truth, even if this runner had read further.
    this.watch.reset(this.persisted);
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const from = this.watch.position;
    const fresh = batch.filter((e) => e.position > from);
    if (fresh.length === 0) return;
    const to = fresh[fresh.length - 1]!.position;
    const types = this.projection.eventTypes;
    const relevant = types ? fresh.filter((e) => types.has(e.type)) : fresh;
    if (relevant.length === 0 && Date.now() - this.lastPersistAt < CHECKPOINT_LAZY_MS) {
      this.watch.advance(to);
      return;
    }
    if (relevant.length > 0) await this.projection.beforeApply?.(relevant);
    const persisted = this.persisted;
    await writeTransaction(this.db, async (tx) => {
      if (relevant.length > 0) await this.projection.apply(relevant, tx);
      await this.checkpoints.advance(tx, this.projection.name, persisted, to);
    });
    this.persisted = to;
    this.lastPersistAt = Date.now();
    this.watch.advance(to);
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`[projection ${this.projection.name}] ${message}`);
  }
}
