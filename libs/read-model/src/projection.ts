import type { RecordedEvent } from '@pls/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A projection: a pure-ish handler from events to read-model rows. `apply`
 * runs inside the runner's transaction together with the checkpoint update,
 * so it must only write through the given manager.
 */
export interface Projection {
  /** Stable name: the checkpoint row and the election lock key. */
  readonly name: string;
  /** Tables this projection alone writes (rebuild swaps them). */
  readonly tables: readonly string[];
  /**
   * The event types `apply` reacts to. When given, batches without any of
   * them skip the read-model transaction; the checkpoint then moves lazily
   * (re-reading events the projection ignores changes nothing).
   */
  readonly eventTypes?: ReadonlySet<string>;
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /**
   * A faster way to build the projection from the whole log into EMPTY tables,
   * for a rebuild beside the live read model (thrown away if anything fails,
   * so it need not be crash-safe batch by batch): `add` folds each batch in
   * (sums may stay in memory), `finish` writes what is held and completes the
   * tables; the rebuild then sets the checkpoint in the same transaction. The
   * rows must equal what `apply` over the same events makes.
   */
  bulk?(): BulkBuild;
  /**
   * Side effects outside the read model (a reaction appending commands to the
   * log), run on the batch's relevant events BEFORE the transaction that
   * applies them and advances the checkpoint. If it throws, the checkpoint
   * stays and the batch is delivered again, so it must be idempotent.
   */
  beforeApply?(events: readonly RecordedEvent[]): Promise<void>;
}

/** One bulk build (see {@link Projection.bulk}). */
export interface BulkBuild {
  /** Before the first batch, on the empty tables (drop indexes that only queries need). */
  start(tx: EntityManager): Promise<void>;
  add(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /** After the last batch: write what is held in memory, recreate indexes, derive tables. */
  finish(tx: EntityManager): Promise<void>;
}
