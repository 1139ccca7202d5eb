import { auditLogProjection } from '@pls/audit';
import type { EventStore } from '@pls/event-store';
import { deadlinesReadModel, notificationsReadModel } from '@pls/jobs';
import { orgTreeProjection } from '@pls/org';
import { personLinksProjection } from '@pls/privacy';
import { ProjectionRunner, type Projection, type RunnerOptions } from '@pls/read-model';
import { caseListProjection, statisticsProjection } from '@pls/statistics';
import type { DataSource } from 'typeorm';

/** Every projection the read side keeps, in the order they start. */
export const PROJECTIONS: readonly Projection[] = [orgTreeProjection, caseListProjection, statisticsProjection, deadlinesReadModel, auditLogProjection, personLinksProjection, notificationsReadModel];

/**
 * The runners of one process (api in embedded mode, or a worker); the
 * database lock elects one active per projection. On SQLite they share the
 * one read-model connection and take turns (see `writeTransaction`).
 */
export class ProjectionSet {
  readonly runners: ReadonlyMap<string, ProjectionRunner>;

  constructor(store: EventStore, db: DataSource, projections: readonly Projection[] = PROJECTIONS, options: RunnerOptions = {}) {
    this.runners = new Map(projections.map((p) => [p.name, new ProjectionRunner(store, db, p, options)]));
  }

  async start(): Promise<void> {
    for (const runner of this.runners.values()) await runner.start();
  }

  async stop(): Promise<void> {
    for (const runner of this.runners.values()) await runner.stop();
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`no projection ${name}`);
    return runner;
  }
}
