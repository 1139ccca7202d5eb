import type { EventStore, RecordedEvent, Subscription } from '@pls/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { Checkpoints } from './checkpoints';
import { PositionWatch } from './position-watch';
import type { Projection } from './projection';

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
    this.watch.advance(await this.checkpoints.read(this.projection.name));
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
      await this.lockRunner.release().catch(() => undefined);
      this.lockRunner = null;
    }
  }

  /** Applies everything up to the store's head now (for tests, the CLI and rebuilds). */
  async catchUp(): Promise<number> {
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
    const [row] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`projection:${this.projection.name}`]);
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
          this.watch.advance(await this.checkpoints.read(this.projection.name));
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
    this.subscription = this.store.subscribeAll(from, (batch) => this.applyBatch(batch), {
      batchSize: this.options.batchSize ?? 500,
      onError: (error) => {
        this.log(`subscription stopped: ${(error as Error).message}; resubscribing`);
        setTimeout(() => void this.resubscribe(), 500);
      },
    });
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
      await this.subscription?.stop();
      this.subscription = null;
      if (this.state !== 'active') return;
      this.watch.advance(await this.checkpoints.read(this.projection.name));
      this.subscribe();
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const from = this.watch.position;
    const fresh = batch.filter((e) => e.position > from);
    if (fresh.length === 0) return;
    const to = fresh[fresh.length - 1]!.position;
    await this.db.transaction(async (tx) => {
      await this.projection.apply(fresh, tx);
      await this.checkpoints.advance(tx, this.projection.name, from, to);
    });
    this.watch.advance(to);
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`[projection ${this.projection.name}] ${message}`);
  }
}
