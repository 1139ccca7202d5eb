/**
 * Events are plain data: `{ type, data, metadata }`. The `type` string is the
 * contract — it is never derived from a class name and never renamed.
 */
export interface EventMetadata {
  /** Who caused the event: a user id, or a system actor (`system:deadlines`, `system:demo`; see SYSTEM_ACTORS). */
  actorId?: string | null;
  /** Org unit the record belonged to when the event happened. */
  orgUnitId?: string | null;
  /** Command (or Idempotency-Key) that produced the event; event ids derive from it. */
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** Schema version of `data` for this `type`; upcasters key on it. */
  schemaVersion?: number;
  /** Instant the command was issued (ISO-8601). Business dates live in `data`. */
  issuedAt?: string;
  [key: string]: unknown;
}

export interface Event<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/** Everything a decision may know about "now" arrives here, never from the clock. */
export interface CommandMetadata {
  readonly commandId: string;
  readonly actorId: string | null;
  /** ISO-8601 instant at which the command was issued. */
  readonly now: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export type EventOf<E extends Event, T extends E['type']> = Extract<E, { type: T }>;
