import type { EventStore } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import { rebuildProjection, type ProgressSink, type RebuildResult } from '@pls/read-model/rebuild';
import type { DataSource, MigrationInterface } from 'typeorm';

export interface ProjectionStatus {
  readonly name: string;
  /** `null`: no runner has ever stored a checkpoint for it. */
  readonly checkpoint: number | null;
  readonly head: number;
  readonly lag: number;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function findProjection(projections: readonly Projection[], name: string): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found) throw new CliError(`no projection "${name}" (known: ${projections.map((p) => p.name).join(', ')})`, 2);
  return found;
}

/** Each projection's stored checkpoint beside the log's head. */
export async function projectionStatus(store: EventStore, db: DataSource, projections: readonly Projection[]): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const rows = (await db
    .createQueryBuilder()
    .select(['c.name AS name', 'c.position AS position'])
    .from('projection_checkpoints', 'c')
    .getRawMany()) as Array<{ name: string; position: string | number }>;
  const stored = new Map(rows.map((r) => [r.name, Number(r.position)]));
  return projections.map((p) => {
    const checkpoint = stored.get(p.name) ?? null;
    return { name: p.name, checkpoint, head, lag: Math.max(0, head - (checkpoint ?? 0)) };
  });
}

const n = (value: number) => value.toLocaleString('en-US');

export function formatStatus(rows: readonly ProjectionStatus[]): string {
  const table = [
    ['projection', 'checkpoint', 'head', 'lag'],
    ...rows.map((r) => [r.name, r.checkpoint === null ? '-' : n(r.checkpoint), n(r.head), n(r.lag)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

export interface RebuildCommand {
  readonly store: EventStore;
  readonly db: DataSource;
  readonly projection: Projection;
  readonly migrations: ReadonlyArray<new () => MigrationInterface>;
  readonly progress?: ProgressSink;
  readonly log?: (line: string) => void;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}

export function rebuild(command: RebuildCommand): Promise<RebuildResult> {
  return rebuildProjection({
    store: command.store,
    live: command.db,
    projection: command.projection,
    migrations: command.migrations,
    progress: command.progress,
    log: command.log,
    batchSize: command.batchSize,
    signal: command.signal,
  });
}

export function formatRebuild(result: RebuildResult): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = result.buildMs > 0 ? Math.round(result.position / (result.buildMs / 1000)) : 0;
  const rows = Object.entries(result.rows)
    .map(([table, count]) => `${table} ${n(count)}`)
    .join(', ');
  const live =
    result.electionLock === 'busy'
      ? 'the live runner continues from it'
      : result.electionLock === 'taken'
        ? 'no runner was active; the next one to start continues from it'
        : 'a live runner, if any, continues from it';
  return [
    `rebuilt ${result.projection}: ${n(result.position)} events, built in ${seconds(result.buildMs)} (${n(rate)} events/s), swapped in ${seconds(result.swapMs)}`,
    `rows: ${rows}`,
    `checkpoint ${n(result.replaced)} -> ${n(result.position)}; ${live}`,
  ].join('\n');
}
