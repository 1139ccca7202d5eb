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
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
}
