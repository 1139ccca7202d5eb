import { ChangeSignal } from '../change-signal';
import { ConcurrencyError, DuplicateEventError } from '../errors';
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
import { pollingSubscription } from '../polling-subscription';
import { validateAppend, versionMatches } from '../validate';

/** For unit tests only: the whole log in an array. */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'in-memory';
  readonly changes = new ChangeSignal();
  readonly pollIntervalMs = 1_000;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expected);
    const existing = this.byId.get(events[0]!.id);
    if (existing) return duplicateResult(stream, existing, events, (id) => this.byId.get(id));
    for (const e of events) {
      const clash = this.byId.get(e.id);
      if (clash) throw new DuplicateEventError(e.id, clash.stream);
    }
    const current = this.streams.get(stream) ?? [];
    if (!versionMatches(expected, current.length)) throw new ConcurrencyError(stream, expected, current.length);
    const recordedAt = this.clock().toISOString();
    for (const e of events) {
      const recorded: RecordedEvent = {
        id: e.id,
        stream,
        type: e.type,
        data: structuredClone(e.data),
        metadata: structuredClone(e.metadata ?? {}),
        version: current.length + 1,
        position: this.log.length + 1,
        recordedAt,
      };
      current.push(recorded);
      this.log.push(recorded);
      this.byId.set(e.id, recorded);
    }
    this.streams.set(stream, current);
    this.changes.notify();
    const last = current[current.length - 1]!;
    return { stream, version: last.version, position: last.position, duplicate: false };
  }

  async readStream(stream: string, fromVersion = 1): Promise<RecordedEvent[]> {
    return (this.streams.get(stream) ?? []).filter((e) => e.version >= fromVersion);
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return this.log.slice(Math.max(0, after), Math.max(0, after) + limit);
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  subscribeAll(after: number, handler: BatchHandler, options?: SubscriptionOptions): Subscription {
    return pollingSubscription(this, after, handler, options);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

/**
 * The first event's id is stored: this is a repeat of an earlier append. It is
 * answered with the original result only if every id matches that append;
 * anything else is a client reusing ids, which is refused.
 */
export function duplicateResult(
  stream: string,
  first: Pick<RecordedEvent, 'stream' | 'version'>,
  events: readonly NewEvent[],
  lookup: (id: string) => Pick<RecordedEvent, 'stream' | 'version' | 'position'> | undefined,
): AppendResult {
  if (first.stream !== stream) throw new DuplicateEventError(events[0]!.id, first.stream);
  let last: Pick<RecordedEvent, 'stream' | 'version' | 'position'> | undefined;
  events.forEach((e, i) => {
    const stored = lookup(e.id);
    if (!stored || stored.stream !== first.stream || stored.version !== first.version + i) {
      throw new DuplicateEventError(e.id, first.stream);
    }
    last = stored;
  });
  return { stream: first.stream, version: last!.version, position: last!.position, duplicate: true };
}
