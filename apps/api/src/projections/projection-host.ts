import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pls/event-store';
import type { PositionWatch, ProjectionPositions, ProjectionRunner } from '@pls/read-model';
import { ProjectionSet } from '@pls/runtime';
import type { DataSource } from 'typeorm';
import { ProblemError } from '../http/problem';
import { EVENT_STORE, READ_MODEL } from '../infrastructure/tokens';

/** How long a query with `minPosition` waits for its projection before answering 503. */
export const MIN_POSITION_WAIT_MS = 5000;

/**
 * Runs the projections in this process (embedded mode; in server mode every
 * api and worker process runs them too and the database lock elects one
 * active runner per projection) and answers `minPosition` waits.
 */
@Injectable()
export class ProjectionHost implements ProjectionPositions, OnApplicationBootstrap, OnApplicationShutdown {
  readonly set: ProjectionSet;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL) db: DataSource) {
    this.set = new ProjectionSet(store, db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.set.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.set.stop();
  }

  runner(name: string): ProjectionRunner {
    return this.set.runner(name);
  }

  watch(name: string): PositionWatch {
    return this.runner(name).watch;
  }

  /** Read-your-writes: resolves once `name` has applied `minPosition`, else 503 with Retry-After. */
  async ensure(name: string, minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = Number(minPosition);
    if (!/^\d{1,15}$/.test(minPosition) || !Number.isSafeInteger(position)) {
      throw ProblemError.validation([{ field: 'minPosition', message: 'must be a whole number ≥ 0' }]);
    }
    const runner = this.runner(name);
    const reached = await runner.watch.waitFor(position, MIN_POSITION_WAIT_MS);
    if (!reached) {
      throw new ProblemError(
        503,
        'PROJECTION.BEHIND',
        'The figures have not caught up with that position yet',
        {
          position: runner.position,
        },
        { 'Retry-After': '1' },
      );
    }
  }
}
