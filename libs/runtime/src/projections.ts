import type { EventStore } from '@pls/event-store';
import { deadlinesReadModel } from '@pls/jobs';
import { orgTreeProjection } from '@pls/org';
import { ProjectionRunner, type Projection, type RunnerOptions } from '@pls/read-model';
import { caseListProjection, statisticsProjection } from '@pls/statistics';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Every projection the read side keeps, in the order they start. */
export const PROJECTIONS: readonly Projection[] = [orgTreeProjection, caseListProjection, statisticsProjection, deadlinesReadModel];

/**
 * The runners of one process (api in embedded mode, or a worker); the
 * database lock elects one active per projection.
 *
 * On SQLite each runner gets a connection of its own: TypeORM's
 * better-sqlite3 driver has a single connection per data source, and two
 * runners' transactions on it would interleave (and swallow the API's own
 * writes into whichever transaction happened to be open).
 */
export class ProjectionSet {
  readonly runners: ReadonlyMap<string, ProjectionRunner>;
  private readonly connections: DataSource[] = [];

  constructor(store: EventStore, db: DataSource, projections: readonly Projection[] = PROJECTIONS, options: RunnerOptions = {}) {
    const ownConnection = db.options.type === 'better-sqlite3';
    this.runners = new Map(
      projections.map((p) => {
        const connection = ownConnection ? new DataSource({ ...db.options, migrations: [], migrationsRun: false } as DataSourceOptions) : db;
        if (ownConnection) this.connections.push(connection);
        return [p.name, new ProjectionRunner(store, connection, p, options)];
      }),
    );
  }

  async start(): Promise<void> {
    for (const connection of this.connections) if (!connection.isInitialized) await connection.initialize();
    for (const runner of this.runners.values()) await runner.start();
  }

  async stop(): Promise<void> {
    for (const runner of this.runners.values()) await runner.stop();
    for (const connection of this.connections) if (connection.isInitialized) await connection.destroy();
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`no projection ${name}`);
    return runner;
  }
}
