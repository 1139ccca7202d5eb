/*
 * An in-process stand-in for the parts of KurrentDBClient the adapter uses,
 * for unit tests only. It models the server behaviour the adapter relies on,
 * as documented in kurrentdb-mapping.ts: byte-offset positions with
 * commit === prepare per event, inclusive `fromPosition` on $all reads,
 * system events in $all, tail-only idempotency of repeated appends, the real
 * client error classes, and a subscription that is a backpressured Readable.
 * It is a model, not the server: the int-spec against KURRENTDB_URL is the proof.
 */
import { randomUUID } from 'node:crypto';
import { Readable, type ReadableOptions } from 'node:stream';
import {
  ANY,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentRecordedEvent } from './kurrentdb-mapping';

interface StoredEvent extends KurrentRecordedEvent {
  readonly position: Position;
}

interface Resolved {
  event: StoredEvent;
  commitPosition: bigint;
}

export interface FakeKurrentOptions {
  /** Whether a subscription re-delivers the event at its start position (the adapter must cope either way). */
  readonly inclusiveSubscriptionStart?: boolean;
  /** Write a `$statsCollected` system event after every n-th append (0 = never). */
  readonly systemEventEvery?: number;
}

export class FakeKurrentClient {
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly subscriptions = new Set<FakeSubscription>();
  private nextPosition = 1_024n;
  private appends = 0;
  /** When set, every call fails as an unreachable server would. */
  unavailable = false;
  /** Counts calls, for assertions about round trips. */
  readonly calls = { appendToStream: 0, readStream: 0, readAll: 0, subscribeToAll: 0 };

  constructor(private readonly options: FakeKurrentOptions = {}) {
    // A real database is never empty: it starts with system events.
    this.writeRaw('$settings', '$settings', true, {});
    this.writeRaw('$users', '$UserCreated', true, {});
  }

  /** Writes an event the adapter did not write (another application, a projection, a system stream). */
  writeRaw(streamId: string, type: string, isJson: boolean, data: unknown, metadata?: unknown, id?: string, notify = true): StoredEvent {
    const stream = this.streams.get(streamId) ?? [];
    const at = this.nextPosition;
    const size = BigInt(64 + streamId.length + type.length + (isJson ? JSON.stringify(data ?? null).length : 16));
    this.nextPosition += size;
    const event: StoredEvent = {
      streamId,
      id: id ?? randomUUID(),
      type,
      isJson,
      revision: BigInt(stream.length),
      created: new Date(),
      data: isJson ? JSON.parse(JSON.stringify(data ?? null)) : new Uint8Array([1, 2, 3]),
      metadata,
      position: { commit: at, prepare: at },
    };
    stream.push(event);
    this.streams.set(streamId, stream);
    this.log.push(event);
    if (notify) this.notify();
    return event;
  }

  private notify(): void {
    for (const s of this.subscriptions) s.pump();
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}): Promise<AppendResult> {
    this.calls.appendToStream += 1;
    await new Promise((r) => setImmediate(r));
    if (this.unavailable) throw new UnavailableError(undefined, 'UnavailableError');
    const list = Array.isArray(events) ? events : [events];
    const state = options.streamState ?? ANY;
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);

    // Tail idempotency: the same ids right after the expected revision.
    const from = state === NO_STREAM ? 0 : typeof state === 'bigint' ? Number(state) + 1 : -1;
    if (from >= 0 && from < stream.length && list.every((e, i) => stream[from + i]?.id === e.id)) {
      const last = stream[from + list.length - 1]!;
      return { success: true, nextExpectedRevision: last.revision, position: last.position };
    }
    const ok =
      state === ANY ||
      (state === NO_STREAM && stream.length === 0) ||
      (state === STREAM_EXISTS && stream.length > 0) ||
      (typeof state === 'bigint' && current === state);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected: state, current });

    let last: StoredEvent | undefined;
    for (const e of list) {
      if (e.contentType !== 'application/json') throw new Error('the fake stores JSON events only');
      // What the client sends: JSON.stringify of data and metadata.
      const metadata = e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata));
      last = this.writeRaw(streamName, e.type, true, e.data, metadata, e.id, false);
    }
    this.appends += 1;
    const every = this.options.systemEventEvery ?? 0;
    if (every > 0 && this.appends % every === 0) this.writeRaw(`$stats-127.0.0.1:2113`, '$statsCollected', true, { n: this.appends }, undefined, undefined, false);
    this.notify();
    return { success: true, nextExpectedRevision: last!.revision, position: last!.position };
  }

  readStream(
    streamName: string,
    options: { fromRevision?: ReadRevision; maxCount?: number | bigint; direction?: string; requiresLeader?: boolean } = {},
  ): AsyncIterableIterator<{ event: StoredEvent }> {
    this.calls.readStream += 1;
    const self = this;
    return (async function* () {
      await new Promise((r) => setImmediate(r));
      if (self.unavailable) throw new UnavailableError(undefined, 'UnavailableError');
      const stream = self.streams.get(streamName);
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const from = options.fromRevision === undefined || options.fromRevision === START ? 0 : Number(options.fromRevision);
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      let n = 0;
      for (const event of stream.slice(from)) {
        if (n++ >= max) return;
        yield { event };
      }
    })();
  }

  readAll(
    options: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: string; filter?: Filter; requiresLeader?: boolean } = {},
  ): AsyncIterableIterator<Resolved> {
    this.calls.readAll += 1;
    const self = this;
    return (async function* () {
      await new Promise((r) => setImmediate(r));
      if (self.unavailable) throw new UnavailableError(undefined, 'UnavailableError');
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const from = options.fromPosition ?? START;
      const backwards = options.direction === 'backwards';
      let candidates: StoredEvent[];
      if (backwards) {
        candidates = [...self.log].reverse();
        if (from !== END && from !== START) candidates = candidates.filter((e) => e.position.commit < from.commit);
      } else {
        // Inclusive: the event at `fromPosition` is returned.
        candidates = from === START ? self.log : from === END ? [] : self.log.filter((e) => e.position.commit >= from.commit);
      }
      let n = 0;
      for (const event of candidates) {
        if (options.filter && !matches(options.filter, event)) continue;
        if (n++ >= max) return;
        yield { event, commitPosition: event.position.commit };
      }
    })();
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}, readableOptions: ReadableOptions = {}): FakeSubscription {
    this.calls.subscribeToAll += 1;
    const from = options.fromPosition ?? START;
    let start = 0;
    if (from === END) start = this.log.length;
    else if (from !== START) {
      const inclusive = this.options.inclusiveSubscriptionStart ?? false;
      start = this.log.findIndex((e) => (inclusive ? e.position.commit >= from.commit : e.position.commit > from.commit));
      if (start < 0) start = this.log.length;
    }
    const sub = new FakeSubscription(this, start, options.filter, readableOptions, () => this.subscriptions.delete(sub));
    this.subscriptions.add(sub);
    if (this.unavailable) setImmediate(() => sub.emit('error', new UnavailableError(undefined, 'UnavailableError')));
    return sub;
  }

  /** Fails every open subscription as a dropped connection would. */
  dropSubscriptions(error: Error = new UnavailableError(undefined, 'UnavailableError')): void {
    for (const s of this.subscriptions) s.emit('error', error);
  }

  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  async dispose(): Promise<void> {
    for (const s of [...this.subscriptions]) await s.unsubscribe();
  }
}

export class FakeSubscription extends Readable {
  /** Index into the log of the next event to consider. */
  cursor: number;
  private wanting = false;
  private unsubscribed = false;

  constructor(
    private readonly fake: FakeKurrentClient,
    start: number,
    private readonly eventFilter: Filter | undefined,
    options: ReadableOptions,
    private readonly onClose: () => void,
  ) {
    super({ ...options, objectMode: true });
    this.cursor = start;
  }

  override _read(): void {
    this.wanting = true;
    this.pump();
  }

  /** Push what the consumer asked for; stop when its buffer is full (backpressure). */
  pump(): void {
    if (this.unsubscribed || !this.wanting) return;
    while (this.cursor < this.fake.log.length) {
      const event = this.fake.log[this.cursor++]!;
      if (this.eventFilter && !matches(this.eventFilter, event)) continue;
      if (!this.push({ event, commitPosition: event.position.commit })) {
        this.wanting = false;
        return;
      }
    }
  }

  async unsubscribe(): Promise<void> {
    if (this.unsubscribed) return;
    this.unsubscribed = true;
    this.onClose();
    this.push(null);
  }
}

function matches(filter: Filter, event: StoredEvent): boolean {
  const subject = filter.filterOn === 'eventType' ? event.type : event.streamId;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((p) => subject.startsWith(p));
}
