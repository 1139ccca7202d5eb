import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from './projection';

/**
 * A process manager: reacts to events by appending commands, on the same
 * checkpointed subscription as the projections (not an in-memory event bus),
 * so a crash loses no reaction. `react` must be idempotent — append with a
 * command id derived from the triggering event's id, and treat "already
 * done" as done: a batch is delivered again whenever its checkpoint did not
 * commit (a crash between the append and the checkpoint, a replay from an
 * earlier checkpoint).
 */
export interface Reaction {
  /** Stable name: the checkpoint row is `reaction:<name>`. */
  readonly name: string;
  readonly eventTypes: ReadonlySet<string>;
  react(event: RecordedEvent): Promise<void>;
}

/** Checkpoint name of a reaction. */
export function reactionCheckpoint(name: string): string {
  return `reaction:${name}`;
}

/**
 * A reaction run by a `ProjectionRunner` (checkpoint, election, liveness):
 * the events are reacted to one by one, in log order, before the checkpoint
 * transaction, which then only moves the checkpoint. It owns no tables, so
 * no rebuild ever replays it.
 */
export function reactionProjection(reaction: Reaction): Projection {
  return {
    name: reactionCheckpoint(reaction.name),
    tables: [],
    eventTypes: reaction.eventTypes,
    async beforeApply(events) {
      for (const event of events) await reaction.react(event);
    },
    async apply() {
      // Nothing in the read model: the checkpoint moves in the runner's transaction.
    },
  };
}
