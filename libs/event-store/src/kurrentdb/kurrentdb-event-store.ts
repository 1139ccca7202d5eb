import {
  BACKWARDS,
  END,
  KurrentDBClient,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult as KurrentAppendResult,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { DuplicateEventError, EventStoreError, StoreUnavailableError } from '../errors';
import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { duplicateResult } from '../in-memory/in-memory-event-store';
import { validateAppend } from '../validate';
import {
  comparePositions,
  describe,
  fromRevision,
  isOwnEvent,
  isStreamNotFound,
  normalizeConnectionString,
  numberToPosition,
  positionToNumber,
  redactConnectionString,
  toEventData,
  toRecordedEvent,
  toStreamState,
  translateError,
  type KurrentRecordedEvent,
} from './kurrentdb-mapping';

/** The part of KurrentDBClient this adapter uses (a test double can stand in for it). */
export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false`, `kurrentdb+discover://…`, or the older `esdb://…`. */
  readonly connectionString: string;
  /** Longest wait for the start-up ping before giving up (default 10 s). */
  readonly connectTimeoutMs?: number;
}

const READ_PAGE = 500;

/**
 * EventStore on a KurrentDB (EventStoreDB) node or cluster.
 *
 * - Optimistic concurrency is KurrentDB's own: every append carries the exact
 *   expected revision (our version N is Kurrent revision N-1, 0 is `no_stream`).
 * - Idempotency: KurrentDB only recognises a repeated append when it lands on
 *   the stream's tail, so before appending we read the stream and answer a
 *   repeat (first event id already there) from what is stored. Appends to one
 *   stream from this process are serialised so two identical in-flight
 *   appends cannot both pass that check. Ids are unique per stream only: the
 *   server has no index by event id, so an id reused in a *different* stream
 *   is not detected (the contract's cross-stream case is a known limitation).
 * - Positions: see kurrentdb-mapping.ts — the commit position, which equals the
 *   prepare position for every event appended over gRPC.
 * - readAll and subscriptions skip system events (`$` types and streams) and
 *   anything this store could not have written.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  private closed = false;
  private readonly streamLocks = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly client: KurrentClient) {}

  /** Connects and pings; an unreachable or malformed URL fails here with one clear line. */
  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const shown = redactConnectionString(options.connectionString);
    let client: KurrentDBClient;
    try {
      client = KurrentDBClient.connectionString(normalizeConnectionString(options.connectionString));
    } catch (error) {
      throw new StoreUnavailableError(`invalid KurrentDB connection string ${shown}: ${describe(error)}`, { cause: error });
    }
    const store = new KurrentDbEventStore(client);
    try {
      await withTimeout(store.ping(), options.connectTimeoutMs ?? 10_000, 'no answer');
    } catch (error) {
      await client.dispose().catch(() => undefined);
      const reason = describe(error instanceof StoreUnavailableError && error.cause !== undefined ? error.cause : error);
      throw new StoreUnavailableError(`cannot reach KurrentDB at ${shown}: ${reason}`, { cause: error });
    }
    return store;
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expected);
    this.assertOpen();
    return this.withStreamLock(stream, () => this.appendLocked(stream, events, expected));
  }

  private async appendLocked(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const stored = await this.readStreamOrEmpty(stream, 1, true);
    const repeat = answerRepeat(stream, stored, events);
    if (repeat) return repeat;

    let result: KurrentAppendResult;
    try {
      result = await this.client.appendToStream(stream, events.map(toEventData), { streamState: toStreamState(expected) });
    } catch (error) {
      const translated = translateError(error, { operation: `append to ${stream}`, stream, expected });
      if (translated instanceof StoreUnavailableError) {
        // The outcome is unknown (a lost ack, or the server dropped a repeat it
        // could not confirm yet). If the events are there now, answer as a repeat.
        let answer: AppendResult | undefined;
        try {
          answer = answerRepeat(stream, await this.readStreamOrEmpty(stream, 1, true), events);
        } catch {
          answer = undefined; // still unknown: report the unavailability, a retry will settle it
        }
        if (answer) return answer;
      }
      throw translated;
    }
    const version = Number(result.nextExpectedRevision) + 1;
    let position = result.position ? Number(result.position.commit) : undefined;
    if (position === undefined || !Number.isSafeInteger(position)) {
      // Servers that do not report the append's position: read the last event back.
      const last = await this.readStreamOrEmpty(stream, version, true);
      position = last[0]?.position;
      if (position === undefined) throw new EventStoreError(`KurrentDB did not report the position of the append to ${stream}`);
    }
    return { stream, version, position, duplicate: false };
  }

  async readStream(stream: string, fromVersion = 1): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readStreamOrEmpty(stream, fromVersion, false);
  }

  private async readStreamOrEmpty(stream: string, fromVersion: number, requiresLeader: boolean): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: fromRevision(fromVersion), requiresLeader })) {
        const event = (resolved as ResolvedEvent).event as KurrentRecordedEvent | undefined;
        if (event) out.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateError(error, { operation: `read ${stream}`, stream });
    }
    return out;
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const out: RecordedEvent[] = [];
    // `fromPosition` is inclusive: the event at `after` comes back first and is skipped.
    let from: ReadPosition = numberToPosition(after);
    let cursor: Position | undefined = typeof from === 'string' ? undefined : from;
    for (;;) {
      const pageSize = Math.min(READ_PAGE, limit - out.length) + 1;
      let returned = 0;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: from,
          maxCount: pageSize,
          filter: excludeSystemEvents(),
          requiresLeader: false,
        })) {
          returned += 1;
          const event = resolved.event as KurrentRecordedEvent | undefined;
          const at = event?.position;
          if (!event || !at || (cursor && comparePositions(at, cursor) <= 0)) continue;
          cursor = at;
          if (!isOwnEvent(event)) continue;
          const recorded = toRecordedEvent(event);
          if (recorded.position <= after) continue;
          out.push(recorded);
          if (out.length >= limit) return out;
        }
      } catch (error) {
        throw translateError(error, { operation: 'read $all' });
      }
      if (returned < pageSize || !cursor) return out;
      from = cursor;
    }
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    // Newest first; usually the very first non-system event is ours.
    for (const maxCount of [1, 1_000, 100_000]) {
      let returned = 0;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: END,
          direction: BACKWARDS,
          maxCount,
          filter: excludeSystemEvents(),
        })) {
          returned += 1;
          const event = resolved.event as KurrentRecordedEvent | undefined;
          if (event && isOwnEvent(event)) return positionToNumber(event.position)!;
        }
      } catch (error) {
        throw translateError(error, { operation: 'read $all backwards' });
      }
      if (returned < maxCount) return 0;
    }
    // 100k foreign events at the tail and none of ours: report the start, which
    // is safe for "has a reader reached the head" (it has).
    return 0;
  }

  subscribeAll(after: number, handler: BatchHandler, options: SubscriptionOptions = {}): Subscription {
    this.assertOpen();
    const subscription = nativeSubscription(this.client, after, handler, options);
    this.subscriptions.add(subscription);
    subscription.done.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
        void _;
      }
    } catch (error) {
      throw translateError(error, { operation: 'ping' });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the KurrentDB event store is closed');
  }

  private async withStreamLock<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const previous = this.streamLocks.get(stream) ?? Promise.resolve();
    let release!: () => void;
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.streamLocks.set(stream, mine);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.streamLocks.get(stream) === mine) this.streamLocks.delete(stream);
    }
  }
}

/**
 * A repeat of an earlier append (its first id is stored) gets the original
 * result; any other stored id in the batch is a client reusing ids.
 */
function answerRepeat(stream: string, stored: readonly RecordedEvent[], events: readonly NewEvent[]): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((e) => [e.id, e]));
  const first = byId.get(events[0]!.id);
  if (first) return duplicateResult(stream, first, events, (id) => byId.get(id));
  for (const e of events) if (byId.has(e.id)) throw new DuplicateEventError(e.id, stream);
  return undefined;
}

/**
 * Catch-up then live over the server's own $all subscription. Events are
 * pulled from the subscription's buffer only while the handler is idle, so a
 * slow handler backs the gRPC stream up to the server (flow control) instead
 * of buffering without bound. `position` moves only after a batch's handler
 * resolves.
 */
function nativeSubscription(
  client: KurrentClient,
  after: number,
  handler: BatchHandler,
  options: SubscriptionOptions,
): Subscription {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  let position = after;
  let stopped = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const source: AllStreamSubscription = client.subscribeToAll(
    { fromPosition: numberToPosition(after), filter: excludeSystemEvents() },
    { highWaterMark: batchSize },
  );
  let ended = false;
  source.on('error', (error: unknown) => {
    failure ??= error;
    poke();
  });
  source.on('end', () => {
    ended = true;
    poke();
  });
  source.on('close', () => {
    ended = true;
    poke();
  });
  source.on('readable', poke);

  const run = async (): Promise<void> => {
    while (!stopped) {
      if (failure !== undefined) throw translateError(failure, { operation: 'subscribe to $all' });
      const batch: RecordedEvent[] = [];
      let last = position;
      while (batch.length < batchSize) {
        const resolved = source.read() as AllStreamResolvedEvent | null;
        if (resolved === null) break;
        const event = resolved.event as KurrentRecordedEvent | undefined;
        if (!event || !isOwnEvent(event)) continue;
        const recorded = toRecordedEvent(event);
        // The start position may be delivered again (inclusive start); never hand out an event twice.
        if (recorded.position <= last) continue;
        last = recorded.position;
        batch.push(recorded);
      }
      if (batch.length > 0) {
        await handler(batch);
        position = batch[batch.length - 1]!.position;
        continue;
      }
      if (ended) {
        if (stopped) return;
        throw new StoreUnavailableError('KurrentDB closed the $all subscription');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        // Data that arrived while the handler ran is already buffered.
        if (source.readableLength > 0 || failure !== undefined || ended || stopped) poke();
      });
    }
  };

  const done = run()
    .catch((error: unknown) => {
      options.onError?.(error);
      throw error;
    })
    .finally(() => {
      stopped = true;
      void source.unsubscribe().catch(() => undefined);
      source.destroy();
    });
  // A rejection is reported through onError; keep it from becoming unhandled.
  done.catch(() => undefined);

  return {
    get position() {
      return position;
    },
    done,
    async stop() {
      stopped = true;
      poke();
      await done.catch(() => undefined);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`${reason} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
