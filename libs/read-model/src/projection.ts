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
   * Side effects outside the read model (a reaction appending commands to the
   * log), run on the batch's relevant events BEFORE the transaction that
   * applies them and advances the checkpoint. If it throws, the checkpoint
   * stays and the batch is delivered again, so it must be idempotent.
   */
  beforeApply?(events: readonly RecordedEvent[]): Promise<void>;
}
