import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pls/event-store';
import type { AppConfig } from '@pls/config';
import type { PositionWatch, ProjectionPositions } from '@pls/read-model';
import { PositionFollower, PROJECTIONS, ProjectionSet } from '@pls/runtime';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { ProblemError } from '../http/problem';
import { APP_CONFIG, EVENT_STORE, READ_MODEL, REDIS } from '../infrastructure/tokens';

/** How long a query with `minPosition` waits for its projection before answering 503. */
export const MIN_POSITION_WAIT_MS = 5000;

/**
 * Where this process's projection positions come from. Embedded mode runs
 * the projections here. In server mode the workers run them (the database
 * lock elects one active runner per projection) and the API only follows
 * their positions, so request handling never competes with projection work.
 * Either way it answers `minPosition` waits and feeds live updates.
 */
@Injectable()
export class ProjectionHost implements ProjectionPositions, OnApplicationBootstrap, OnApplicationShutdown {
  /** The runners, when this process runs the projections (embedded mode). */
  readonly set: ProjectionSet | null;
  private readonly follower: PositionFollower | null;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL) db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis | null,
  ) {
    const runsProjections = config.mode === 'embedded';
    this.set = runsProjections ? new ProjectionSet(store, db) : null;
    this.follower = runsProjections ? null : new PositionFollower(PROJECTIONS.map((p) => p.name), db, redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.set?.start();
    await this.follower?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.set?.stop();
    await this.follower?.stop();
  }

  watch(name: string): PositionWatch {
    const watch = this.set ? this.set.runner(name).watch : this.follower!.watches.get(name);
    if (!watch) throw new Error(`no projection ${name}`);
    return watch;
  }

  /** Read-your-writes: resolves once `name` has applied `minPosition`, else 503 with Retry-After. */
  async ensure(name: string, minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = Number(minPosition);
    if (!/^\d{1,15}$/.test(minPosition) || !Number.isSafeInteger(position)) {
      throw ProblemError.validation([{ field: 'minPosition', message: 'must be a whole number ≥ 0' }]);
    }
    const watch = this.watch(name);
    const reached = await watch.waitFor(position, MIN_POSITION_WAIT_MS);
    if (!reached) {
      throw new ProblemError(
        503,
        'PROJECTION.BEHIND',
        'The figures have not caught up with that position yet',
        {
          position: watch.position,
        },
        { 'Retry-After': '1' },
      );
    }
  }
}
