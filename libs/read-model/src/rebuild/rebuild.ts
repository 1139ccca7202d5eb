import type { EventStore, RecordedEvent } from '@pls/event-store';
import { performance } from 'node:perf_hooks';
import type { DataSource, MigrationInterface } from 'typeorm';
import { Checkpoints } from '../checkpoints';
import type { BulkBuild, Projection } from '../projection';
import { writeTransaction } from '../write-transaction';
import { ProjectionRunner } from '../projection-runner';
import { openBeside, type BesideDatabase } from './beside';
import { ProgressReporter, type ProgressSink } from './progress';
import { swap, type SwapResult } from './swap';

export interface RebuildOptions {
  readonly store: EventStore;
  /** The live read model: the one queries read and the live runner (in any process) writes. */
  readonly live: DataSource;
  readonly projection: Projection;
  /** Every read-model migration (READ_MODEL_MIGRATIONS): the beside database gets the whole schema. */
  readonly migrations: ReadonlyArray<new () => MigrationInterface>;
  /** Events per rebuild transaction (default 2,000: the beside database commits without waiting for the disk). */
  readonly batchSize?: number;
  /** Where the progress bar (TTY) or progress lines go; none by default. */
  readonly progress?: ProgressSink;
  readonly log?: (line: string) => void;
  /** How long the swap keeps retrying to lock the live tables (default 60 s). */
  readonly swapTimeoutMs?: number;
  /**
   * Stops the build (Ctrl-C in the CLI): the rebuild rejects with the signal's reason, the
   * beside database is dropped and the live read model is untouched. Once the swap has begun
   * it completes (one short transaction).
   */
  readonly signal?: AbortSignal;
  /** Test hooks. */
  readonly hooks?: {
    /** After the beside database has caught up once, before the swap starts. */
    readonly built?: (position: number) => Promise<void>;
    /** Inside the swap transaction, live tables locked, before they are replaced. */
    readonly beforeReplace?: () => Promise<void>;
  };
}

export interface RebuildResult extends SwapResult {
  readonly projection: string;
  /** Where the beside database was built (file or schema); gone once the rebuild returns. */
  readonly besideAt: string;
  readonly buildMs: number;
  readonly swapMs: number;
}

const DEFAULT_BATCH = 2000;
/** Events per read of a bulk build (its sums stay in memory, so batches only bound the reads). */
const DEFAULT_BULK_BATCH = 5000;

/**
 * The build through the projection's bulk path (EMPTY beside tables): every
 * batch folded in, then the held rows written and the checkpoint set in one
 * transaction. Progress goes through the runner's watch, as a catch-up's would.
 */
async function bulkCatchUp(
  store: EventStore,
  db: DataSource,
  projection: Projection,
  bulk: BulkBuild,
  from: number,
  runner: ProjectionRunner,
  batchSize: number,
): Promise<number> {
  if (from !== 0) throw new Error(`a bulk build starts on empty tables, but the beside checkpoint of ${projection.name} is at ${from}`);
  await writeTransaction(db, (tx) => bulk.start(tx));
  const types = projection.eventTypes;
  let position = from;
  for (;;) {
    const batch = await store.readAll(position, batchSize);
    if (batch.length === 0) break;
    const relevant = types ? batch.filter((e) => types.has(e.type)) : batch;
    if (relevant.length > 0) await writeTransaction(db, (tx) => bulk.add(relevant, tx));
    position = batch[batch.length - 1]!.position;
    runner.watch.advance(position);
  }
  const checkpoints = new Checkpoints(db);
  await writeTransaction(db, async (tx) => {
    await bulk.finish(tx);
    await checkpoints.advance(tx, projection.name, from, position);
  });
  return position;
}

/**
 * Rebuilds a projection from the whole log while queries keep answering:
 * build beside, then swap.
 *
 * 1. A second read-model database beside the live one (SQLite: a temporary
 *    file next to it; PostgreSQL: a temporary schema), with every migration.
 * 2. A ProjectionRunner catches the projection up there over the whole log,
 *    with a progress bar — or, when the projection has a bulk path, that path
 *    folds the log in (sums in memory, indexes after the load) and sets the
 *    checkpoint once; the live tables are not touched, so queries (and the
 *    live runner) carry on as before.
 * 3. ONE transaction on the live database: lock out the live runner's writes,
 *    catch the beside copy up to the head once more, delete the projection's
 *    rows, copy the rebuilt rows in, set the checkpoint to the rebuilt
 *    position. Readers see the old rows until the commit, the new ones after.
 * 4. The live runner's next batch fails its checkpoint guard and resubscribes
 *    from the rebuilt position: the final catch-up happens through it.
 * 5. The temporary file or schema is dropped, also when anything failed.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const log = options.log ?? (() => undefined);
  const { projection } = options;
  const beside: BesideDatabase = await openBeside(options.live, projection, options.migrations);
  const besideAt = beside.path ?? `schema ${beside.schema}`;
  log(`building ${projection.name} beside the live read model (${besideAt})`);
  try {
    const runner = new ProjectionRunner(prefetching(options.store, options.signal), beside.db, projection, {
      batchSize: options.batchSize ?? DEFAULT_BATCH,
      log,
    });
    const started = performance.now();
    const from = await runner.loadFrom();
    const reporter = options.progress ? new ProgressReporter(options.progress, from, await options.store.headPosition()) : null;
    const stopWatching = runner.watch.onAdvance((position) => reporter?.update(position));
    const headTimer = setInterval(() => {
      options.store.headPosition().then(
        (head) => reporter?.head(head),
        () => undefined,
      );
    }, 1000);
    let built: number;
    try {
      const bulk = projection.bulk?.();
      built = bulk
        ? await bulkCatchUp(
            prefetching(options.store, options.signal),
            beside.db,
            projection,
            bulk,
            from,
            runner,
            options.batchSize ?? DEFAULT_BULK_BATCH,
          )
        : await runner.catchUp();
    } finally {
      clearInterval(headTimer);
      stopWatching();
      reporter?.finish();
    }
    const buildMs = performance.now() - started;
    await options.hooks?.built?.(built);

    const swapStarted = performance.now();
    options.signal?.throwIfAborted();
    const swapping = new ProjectionRunner(prefetching(options.store), beside.db, projection, {
      batchSize: options.batchSize ?? DEFAULT_BATCH,
      log,
    });
    const swapped = await swap(options.live, beside, {
      projection,
      catchUp: () => swapping.catchUp(),
      beforeReplace: options.hooks?.beforeReplace,
      timeoutMs: options.swapTimeoutMs,
      log,
    });
    const swapMs = performance.now() - swapStarted;
    log(`swapped ${projection.name} at position ${swapped.position} (live checkpoint was ${swapped.replaced})`);
    return { projection: projection.name, besideAt, buildMs, swapMs, ...swapped };
  } finally {
    await beside.dispose();
  }
}

/**
 * The store as the rebuild's runner reads it: while the runner applies one
 * batch, the next is already being read. A read ahead is a valid answer to
 * `readAll(after, limit)` (the store never skips an event below what it shows),
 * just a moment older; events appended since are in the read after it.
 *
 * Every read first lets the event loop turn once: better-sqlite3 answers
 * synchronously, so a catch-up on SQLite would otherwise run as one long task,
 * deaf to timers and signals (the progress, Ctrl-C). With `signal`, a read
 * after the abort throws its reason.
 */
export function prefetching(store: EventStore, signal?: AbortSignal): EventStore {
  let ahead: { after: number; limit: number; events: Promise<RecordedEvent[]> } | null = null;
  const read = (after: number, limit: number) => {
    const events = store.readAll(after, limit);
    events.catch(() => undefined); // a read ahead nobody asks for must not fail unhandled
    return events;
  };
  return {
    kind: store.kind,
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream, fromVersion) => store.readStream(stream, fromVersion),
    headPosition: () => store.headPosition(),
    subscribeAll: (after, handler, opts) => store.subscribeAll(after, handler, opts),
    ping: () => store.ping(),
    close: () => store.close(),
    async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      const hit = ahead && ahead.after === after && ahead.limit === limit ? ahead.events : null;
      ahead = null;
      const events = await (hit ?? read(after, limit));
      if (events.length === limit)
        ahead = { after: events[events.length - 1]!.position, limit, events: read(events[events.length - 1]!.position, limit) };
      return events;
    },
  };
}
