import { ConcurrencyError, type EventStore, type RecordedEvent } from '@pls/event-store';
import type { Decider } from './decider';
import type { Command, Event, EventMetadata } from './event';
import { eventIdFor } from './ids';

export interface CommandResult<S> {
  readonly stream: string;
  /** Stream version after the command (events in the stream). */
  readonly version: number;
  /** Global position of the last event appended (or of the stream's last event if nothing was). */
  readonly position: number;
  readonly state: S;
  /** Events this command produced (those stored earlier, for a repeated command). */
  readonly events: readonly Event[];
  /** `true` when the command had already been handled: nothing was appended now. */
  readonly repeated: boolean;
}

export interface HandleOptions<S = unknown> {
  /** The client's `If-Match`: when given, a mismatch is final (no retry). */
  readonly expectedVersion?: number;
  /** Extra metadata for every event (org unit, schema version …). */
  readonly metadata?: EventMetadata;
  /** Metadata that depends on the state after the decision (the record's org unit). */
  readonly metadataFor?: (stateAfter: S) => EventMetadata;
  /** Re-reads after a version conflict before giving up (default 3). */
  readonly maxRetries?: number;
  /**
   * The stream as the caller has just read it (every event of `stream`, in
   * version order): the first attempt decides on it instead of reading it
   * again. Pair it with `expectedVersion: history.length` when the caller
   * checked something on these events, so the append fails rather than lands
   * on a stream that moved. Ignored if it holds another stream's events.
   */
  readonly history?: readonly RecordedEvent[];
  /**
   * Checks the caller may act on the record as it stands, before anything is
   * decided (throw to refuse: nothing is appended). Runs on every attempt's
   * state. A repeat of the same actor's own command skips it and answers what
   * was recorded (a retry after the record moved out of their scope).
   */
  readonly authorize?: (state: S) => void | Promise<void>;
}

/**
 * Load → fold → decide → append with the expected version, retrying a bounded
 * number of times when another writer got there first. Event ids derive from
 * the command id, and a command already recorded in the stream returns its
 * first result: a phone re-sending the same command appends nothing twice.
 */
export async function handleCommand<C extends Command, E extends Event, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleOptions<S> = {},
): Promise<CommandResult<S>> {
  const maxRetries = options.maxRetries ?? 3;
  const given = options.history?.every((e, i) => e.stream === stream && e.version === i + 1) ? options.history : undefined;
  for (let attempt = 0; ; attempt++) {
    const history = attempt === 0 && given ? given : await store.readStream(stream);
    const state = history.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState);
    const earlier = history.filter((e) => e.metadata['commandId'] === command.metadata.commandId);
    if (options.authorize && !earlier.some((e) => e.metadata['actorId'] === command.metadata.actorId)) await options.authorize(state);
    if (earlier.length > 0) {
      const last = earlier[earlier.length - 1]!;
      return { stream, version: last.version, position: last.position, state, events: earlier.map(asEvent<E>), repeated: true };
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== history.length) {
      throw new ConcurrencyError(stream, options.expectedVersion, history.length);
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) {
      const last = history[history.length - 1];
      return { stream, version: history.length, position: last?.position ?? 0, state, events: [], repeated: false };
    }
    const stateAfter = decided.reduce((s, e) => decider.evolve(s, e), state);
    const metadata: EventMetadata = {
      ...options.metadata,
      ...options.metadataFor?.(stateAfter),
      actorId: command.metadata.actorId,
      commandId: command.metadata.commandId,
      correlationId: command.metadata.correlationId ?? command.metadata.commandId,
      causationId: command.metadata.causationId ?? command.metadata.commandId,
      issuedAt: command.metadata.now,
    };
    const toAppend = decided.map((e, i) => ({
      id: eventIdFor(command.metadata.commandId, i),
      type: e.type,
      data: e.data,
      metadata: { schemaVersion: 1, ...e.metadata, ...metadata },
    }));
    try {
      const result = await store.append(stream, toAppend, history.length);
      if (result.duplicate) {
        // An identical command raced us and won: answer with what it stored.
        const after = await store.readStream(stream);
        const stored = after.filter((e) => e.metadata['commandId'] === command.metadata.commandId);
        const newState = after.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState);
        return { ...result, state: newState, events: stored.map(asEvent<E>), repeated: true };
      }
      return { stream, version: result.version, position: result.position, state: stateAfter, events: decided, repeated: false };
    } catch (error) {
      if (error instanceof ConcurrencyError && options.expectedVersion === undefined && attempt < maxRetries) continue;
      throw error;
    }
  }
}

function asEvent<E extends Event>(e: RecordedEvent): E {
  return { type: e.type, data: e.data, metadata: e.metadata } as unknown as E;
}
