export * from './data-source';
export * from './projection';
export * from './reaction';
export * from './projection-runner';
export * from './checkpoints';
export * from './position-watch';
export { HEARTBEAT_MS, LiveStream, LiveStreams, type AdvanceSource, type LiveSink } from './live-stream';

/** Nest injection token of the read-model `DataSource`. */
export const READ_MODEL = Symbol.for('pls.READ_MODEL');

/** What query controllers need from the process's projection runners (read-your-writes, live updates). */
export interface ProjectionPositions {
  /** Resolves once projection `name` has applied `minPosition` (a query-string value); else throws a 503 problem. */
  ensure(name: string, minPosition: string | undefined): Promise<void>;
  /** The runner's position watch: current position and `onAdvance` listeners. */
  watch(name: string): import('./position-watch').PositionWatch;
}

/** Nest injection token of the `ProjectionPositions` the API provides. */
export const PROJECTION_POSITIONS = Symbol.for('pls.PROJECTION_POSITIONS');
export { exclusive, writeTransaction } from './write-transaction';
