import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '@pls/event-store';

/** Streams remembered at most (least recently used go first). */
const MAX_STREAMS = 20_000;
/** Longer streams are not remembered (they are rare, and a copy per append would cost). */
const MAX_EVENTS = 200;

/**
 * The command path's view of the store: streams this process has just read
 * or written are remembered, so deciding the next command on a record costs
 * no read. Used ONLY for deciding (see {@link CommandExecutor}); record reads
 * go to the store itself.
 *
 * Why a remembered stream cannot lead to a wrong write: the command appends
 * with the expected version it decided on. If another process appended to
 * the stream meanwhile, the append fails with `ConcurrencyError` (the stream
 * is forgotten and `handleCommand` retries on a fresh read); if the command
 * itself was recorded meanwhile, its first event id is stored and the store
 * answers `duplicate` (forgotten, and `handleCommand` re-reads). So a write
 * decided on this view lands only on the very stream it was decided on. A
 * refusal or a no-op decided on it proves nothing about the stream, so the
 * executor decides those once more on a fresh read (`wasRemembered`).
 *
 * Remembered events are what the store would give back: ids lower-cased,
 * data and metadata through JSON, positions from the append's result (the
 * store positions one append's events consecutively). `recordedAt` of an
 * event appended here is the time the append returned, not the store's commit
 * time — deciders never look at it. Only for stores whose appends are
 * positioned consecutively (PostgreSQL): {@link rememberStreams}.
 */
export class StreamCache implements EventStore {
  readonly kind: string;
  private readonly streams = new Map<string, readonly RecordedEvent[]>();

  constructor(private readonly store: EventStore) {
    this.kind = store.kind;
  }

  /** Whether deciding on `stream` now would use remembered events. */
  wasRemembered(stream: string): boolean {
    return this.streams.has(stream);
  }

  /** A stream that should not exist yet (a create): decide on it as empty; the append's expected version 0 checks it. */
  assumeNew(stream: string): void {
    if (!this.streams.has(stream)) this.remember(stream, []);
  }

  forget(stream: string): void {
    this.streams.delete(stream);
  }

  async readStream(stream: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const known = this.streams.get(stream);
    if (known && fromVersion === 1) {
      // Most recently used last.
      this.streams.delete(stream);
      this.streams.set(stream, known);
      return [...known];
    }
    const events = await this.store.readStream(stream, fromVersion);
    if (fromVersion === 1) {
      // A read that started before one of this process's appends must not replace what that append left.
      const now = this.streams.get(stream);
      if (!now || now.length < events.length) this.remember(stream, events);
    }
    return events;
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await this.store.append(stream, events, expected);
    } catch (error) {
      // A conflict (another writer), or an unknown outcome: read it afresh next time.
      this.forget(stream);
      throw error;
    }
    const before = result.version - events.length;
    // Appended at version 0: the whole stream is what was just written.
    const known = this.streams.get(stream) ?? (before === 0 ? [] : undefined);
    if (result.duplicate || !known || known.length !== before) {
      // A repeat, or a stream this view does not hold up to the append: read it afresh next time.
      this.forget(stream);
      return result;
    }
    const recordedAt = new Date().toISOString();
    const appended = events.map(
      (e, i): RecordedEvent => ({
        id: e.id.toLowerCase(),
        stream,
        type: e.type,
        data: JSON.parse(JSON.stringify(e.data ?? null)) as unknown,
        metadata: JSON.parse(JSON.stringify(e.metadata ?? {})) as Record<string, unknown>,
        version: before + i + 1,
        position: result.position - (events.length - 1 - i),
        recordedAt,
      }),
    );
    this.remember(stream, [...known, ...appended]);
    return result;
  }

  readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return this.store.readAll(after, limit);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  subscribeAll(after: number, handler: BatchHandler, options?: SubscriptionOptions): Subscription {
    return this.store.subscribeAll(after, handler, options);
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  /** The underlying store is the application's: closing this view closes nothing. */
  async close(): Promise<void> {
    this.streams.clear();
  }

  private remember(stream: string, events: readonly RecordedEvent[]): void {
    this.streams.delete(stream);
    if (events.length > MAX_EVENTS) return;
    this.streams.set(stream, events);
    if (this.streams.size > MAX_STREAMS) this.streams.delete(this.streams.keys().next().value!);
  }
}

/** The decision view for a store: a {@link StreamCache} where reads cost a round trip and appends are positioned consecutively. */
export function rememberStreams(store: EventStore): StreamCache | null {
  return store.kind === 'postgres' ? new StreamCache(store) : null;
}
