/*
 * Pure translations between the event-store port and @kurrent/kurrentdb-client 1.x.
 * Kept free of I/O so they can be unit-tested without a server.
 *
 * Global position
 * ---------------
 * KurrentDB addresses a record in $all by {commit, prepare}, two byte offsets
 * into the transaction log. Every event appended through the gRPC API (one
 * event or many in one append) is written as its own "self-committed" prepare
 * record (PrepareFlags.IsCommitted), and the server reports such an event at
 * TFPos(LogPosition, LogPosition) — in $all reads (AllReader) and in stream
 * reads (ResolvedEvent.CalculatePosition: "unless it committed itself").
 * So for our events commit === prepare, each event of a multi-event append
 * has its own, distinct value, and $all is ordered by it. Only the legacy TCP
 * explicit transactions (removed from the server) produced events sharing one
 * commit position with differing prepare positions.
 *
 * We therefore map a position to `Number(commit)`, accept only events whose
 * commit equals their prepare (anything else cannot have been written by this
 * adapter and is left out as foreign), and map a number N back to the exact
 * record address {commit: N, prepare: N}. Log offsets stay below 2^53 bytes
 * (8 PiB) for any realistic log; beyond that we refuse loudly rather than lose
 * precision.
 */
import {
  ANY,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  jsonEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from '../errors';
import type { ExpectedVersion, NewEvent, RecordedEvent } from '../event-store.port';

/** What the client hands back for one stored event (rust-bridge reads and gRPC subscriptions alike). */
export interface KurrentRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly revision: bigint;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

/** Port expected version → the client's `streamState`. Our version N is Kurrent revision N-1. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'exists') return STREAM_EXISTS;
  if (expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
}

/** Kurrent's current stream state → port version (number of events). */
export function versionOf(state: CurrentStreamState): number {
  if (state === NO_STREAM || typeof state !== 'bigint' || state < 0n) return 0;
  return Number(state) + 1;
}

/** Revision of the first event a read from port version `fromVersion` (1-based) must return. */
export function fromRevision(fromVersion: number): bigint | typeof START {
  return fromVersion <= 1 ? START : BigInt(fromVersion - 1);
}

/**
 * The port position of an event, or `undefined` when the record is not
 * self-committed (commit !== prepare) and so has no position in our order.
 */
export function positionToNumber(position: Position | undefined): number | undefined {
  if (!position || position.commit !== position.prepare || position.commit < 0n) return undefined;
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new EventStoreError(`KurrentDB log position ${position.commit} exceeds the safe integer range`);
  }
  return Number(position.commit);
}

/** The exact record address of a port position (0 = before the first event). */
export function numberToPosition(position: number): ReadPosition {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new EventStoreError(`invalid global position ${position}`);
  }
  if (position === 0) return START;
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

/** Lexicographic order of $all addresses: commit first, then prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `$`-prefixed streams (`$stats-…`, `$$meta`, `$et-…`) and `$`-prefixed types (`$metadata`, `$>`) are KurrentDB's own. */
export function isSystemEvent(e: Pick<KurrentRecordedEvent, 'streamId' | 'type'>): boolean {
  return e.streamId.startsWith('$') || e.type.startsWith('$');
}

/** Mirrors `validate.ts`: the stream names the port accepts, minus `$`-prefixed system streams. */
const OWN_STREAM_RE = /^[A-Za-z0-9_.][A-Za-z0-9_.$]*-[A-Za-z0-9_.:-]+$/;

/**
 * Whether an event from $all belongs to this store's log: not a system event,
 * JSON, a stream name this port could have written, and a position in our
 * order. Everything else (other applications' binary events, projections'
 * output, legacy transactions) is skipped by readAll and subscriptions.
 */
export function isOwnEvent(e: KurrentRecordedEvent): boolean {
  return (
    !isSystemEvent(e) &&
    e.isJson &&
    OWN_STREAM_RE.test(e.streamId) &&
    e.streamId.length <= 200 &&
    positionToNumber(e.position) !== undefined
  );
}

/** A stored Kurrent event as the port's RecordedEvent. Throws when the server gave no usable position. */
export function toRecordedEvent(e: KurrentRecordedEvent): RecordedEvent {
  const position = positionToNumber(e.position);
  if (position === undefined) {
    throw new EventStoreError(
      `event ${e.id} in ${e.streamId} has no self-committed log position (KurrentDB 22.6 or later is required)`,
    );
  }
  const created = e.created instanceof Date && !Number.isNaN(e.created.getTime()) ? e.created : new Date(0);
  return {
    id: e.id,
    stream: e.streamId,
    type: e.type,
    data: e.data,
    metadata: toMetadata(e.metadata),
    version: Number(e.revision) + 1,
    position,
    recordedAt: created.toISOString(),
  };
}

function toMetadata(metadata: unknown): Record<string, unknown> {
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && !(metadata instanceof Uint8Array)) {
    return metadata as Record<string, unknown>;
  }
  return {};
}

/** A port event as a Kurrent JSON event; the given UUID is kept (the server deduplicates on it). */
export function toEventData(e: NewEvent): EventData {
  return jsonEvent({
    id: e.id,
    type: e.type,
    // JSON.stringify is what the client does with it; `null` keeps absent data valid JSON.
    data: (e.data ?? null) as JSONType,
    metadata: (e.metadata ?? {}) as JSONType,
  });
}

const GRPC_UNAVAILABLE_CODES = new Set([
  1, // CANCELLED
  4, // DEADLINE_EXCEEDED
  7, // PERMISSION_DENIED
  13, // INTERNAL
  14, // UNAVAILABLE
  16, // UNAUTHENTICATED
]);

export interface ErrorContext {
  /** What was being done, for the message: `append to orders-1`, `read $all`, … */
  readonly operation: string;
  readonly stream?: string;
  readonly expected?: ExpectedVersion;
}

/**
 * Client errors → port errors. Wrong expected version becomes
 * ConcurrencyError with the actual version; anything that means "the cluster
 * cannot be reached or will not serve us now" becomes StoreUnavailableError;
 * the rest an EventStoreError that keeps the original as `cause`.
 */
export function translateError(error: unknown, context: ErrorContext): Error {
  if (error instanceof EventStoreError) return error;
  let converted: unknown = error;
  if (error instanceof Error && !(error instanceof WrongExpectedVersionError)) {
    try {
      converted = convertToCommandError(error);
    } catch {
      converted = error; // a ServiceError without gRPC metadata: fall back to its code below
    }
  }
  if (converted instanceof WrongExpectedVersionError) {
    return new ConcurrencyError(
      context.stream ?? converted.streamName,
      context.expected ?? String(converted.expectedState),
      versionOf(converted.actualState),
    );
  }
  const reason = describe(converted);
  if (
    converted instanceof UnavailableError ||
    converted instanceof DeadlineExceededError ||
    converted instanceof NotLeaderError ||
    converted instanceof TimeoutError ||
    converted instanceof CancelledError ||
    converted instanceof AccessDeniedError ||
    (typeof (converted as { code?: unknown })?.code === 'number' &&
      GRPC_UNAVAILABLE_CODES.has((converted as { code: number }).code))
  ) {
    return new StoreUnavailableError(`KurrentDB is unavailable (${context.operation}): ${reason}`, { cause: error });
  }
  if (converted instanceof StreamDeletedError) {
    return new EventStoreError(`KurrentDB stream ${context.stream ?? converted.streamName} is deleted (${context.operation})`, {
      cause: error,
    });
  }
  return new EventStoreError(`KurrentDB ${context.operation} failed: ${reason}`, { cause: error });
}

/** One line, whatever the error carried. */
export function describe(error: unknown): string {
  if (error instanceof NotLeaderError) return `not the leader (leader is ${error.leader.address}:${error.leader.port})`;
  if (error instanceof Error) {
    const type = (error as { type?: unknown }).type;
    const text = error.message && error.message !== error.constructor.name ? error.message : String(type ?? error.name);
    return text.replace(/\s+/g, ' ').trim() || error.name;
  }
  return String(error).replace(/\s+/g, ' ').trim();
}

/** Whether the error means "this stream does not exist" on a read. */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/** `esdb://` and `esdb+discover://` are accepted (DESIGN.md) and sent to the client under their current names. */
export function normalizeConnectionString(url: string): string {
  return url.replace(/^esdb(\+discover)?:\/\//i, (_m, discover: string | undefined) => `kurrentdb${discover ?? ''}://`);
}

/** The connection string with any password replaced, for messages and logs. */
export function redactConnectionString(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
}
