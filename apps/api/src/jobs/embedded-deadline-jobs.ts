import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EventStore } from '@pls/event-store';
import { DEADLINES_PROJECTION, DeadlineFiring, defaultDeadlineRules, InProcessDeadlineScheduler, systemClock } from '@pls/jobs';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, READ_MODEL, REDIS } from '../infrastructure/tokens';
import { ProjectionHost } from '../projections/projection-host';
import { CommandExecutor } from '../records/command-executor';
import { deadlineConsequences } from './deadline-consequences';

/** `PLS_DEADLINE_JOBS=off` keeps this process from firing deadlines (test harnesses whose records are dated years back). */
export function deadlineJobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|false|0|no)$/i.test(env['PLS_DEADLINE_JOBS'] ?? '');
}

/**
 * Embedded mode (no REDIS_URL): the API process fires the deadlines itself,
 * with the in-process scheduler over the `deadlines` table and the same
 * handler the BullMQ worker runs. With Redis, the worker does it and this
 * stays idle.
 */
@Injectable()
export class EmbeddedDeadlineJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private scheduler: InProcessDeadlineScheduler | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly projections: ProjectionHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  get running(): boolean {
    return this.scheduler !== null;
  }

  /** Holds firing during a bulk load (e.g. the demo year), so a step loaded later does not find its deadline already fired. */
  pause(): void {
    this.scheduler?.pause();
  }

  resume(): void {
    this.scheduler?.resume();
  }

  onApplicationBootstrap(): void {
    if (this.redis !== null || !deadlineJobsEnabled()) return;
    const executor = this.moduleRef.get(CommandExecutor, { strict: false });
    const firing = new DeadlineFiring(this.store, defaultDeadlineRules(), deadlineConsequences(executor), systemClock);
    const scheduler = new InProcessDeadlineScheduler(this.db, firing, { log: (m) => this.logger.warn(m) });
    this.scheduler = scheduler;
    // A commit of the deadlines projection may bring an earlier deadline than the timer's.
    this.unsubscribe = this.projections.watch(DEADLINES_PROJECTION).onAdvance(() => void scheduler.kick());
    scheduler.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.scheduler?.stop();
    this.scheduler = null;
  }
}
