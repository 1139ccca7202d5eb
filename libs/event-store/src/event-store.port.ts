/** An event as handed to `append`. `id` is a UUID; appending the same id twice is a no-op. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
}

/** An event as stored. */
export interface RecordedEvent<Data = unknown> {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: Record<string, unknown>;
  /** 1-based revision in its stream: the stream's version after this event. */
  readonly version: number;
  /** Global log position; strictly increasing in the order readers see events. */
  readonly position: number;
  /** ISO-8601 instant the store committed the event. */
  readonly recordedAt: string;
}

/**
 * What the stream must look like for an append to proceed:
 * a number is the exact stream version (0 = the stream does not exist yet);
 * `'any'` skips the check; `'exists'` requires at least one event.
 */
export type ExpectedVersion = number | 'any' | 'exists';

export interface AppendResult {
  readonly stream: string;
  /** Stream version after the append (number of events in the stream). */
  readonly version: number;
  /** Global position of the last event of the append. */
  readonly position: number;
  /** `true` when every event id was already stored: nothing was appended. */
  readonly duplicate: boolean;
}

export interface SubscriptionOptions {
  /** Largest batch handed to the handler at once. */
  readonly batchSize?: number;
  /** Called when the handler or the store fails; the subscription stops. */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Position of the last event the handler completed. */
  readonly position: number;
  /** Resolves once the subscription has stopped (rejects if it stopped on an error). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** Handler for a batch of events in log order. The batch is acknowledged when it resolves. */
export type BatchHandler = (events: readonly RecordedEvent[]) => Promise<void> | void;

/**
 * The event store port. Every adapter proves the same guarantees in the shared
 * contract suite (`contract/event-store.contract.ts`): optimistic concurrency
 * per stream, idempotent append by event id, one total order of all events that
 * catch-up readers follow without ever skipping an event.
 */
export interface EventStore {
  /** Adapter name for health output and logs (`sqlite`, `postgres`, …). */
  readonly kind: string;

  /**
   * Appends atomically. Throws `ConcurrencyError` (nothing appended) when the
   * stream is not at `expected`. When the first event's id is already stored
   * the original result is returned and nothing is appended.
   */
  append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;

  /** Events of one stream in version order; `[]` for an unknown stream. */
  readStream(stream: string, fromVersion?: number): Promise<RecordedEvent[]>;

  /** Up to `limit` events with position greater than `after`, in position order. */
  readAll(after: number, limit: number): Promise<RecordedEvent[]>;

  /** Position of the last event readers can see (0 for an empty store). */
  headPosition(): Promise<number>;

  /** Catch-up from `after`, then live, batch by batch, in position order. */
  subscribeAll(after: number, handler: BatchHandler, options?: SubscriptionOptions): Subscription;

  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
