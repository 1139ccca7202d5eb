import {
  DeadlineExceededError,
  KurrentDBClient,
  NotLeaderError,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
} from '@kurrent/kurrentdb-client';
import fc from 'fast-check';
import { ConcurrencyError, DuplicateEventError, EventStoreError, StoreUnavailableError } from '../errors';
import {
  comparePositions,
  describe as describeError,
  fromRevision,
  isOwnEvent,
  isStreamNotFound,
  isSystemEvent,
  normalizeConnectionString,
  numberToPosition,
  positionToNumber,
  redactConnectionString,
  toEventData,
  toRecordedEvent,
  toStreamState,
  translateError,
  versionOf,
  type KurrentRecordedEvent,
} from './kurrentdb-mapping';

const at = (n: bigint) => ({ commit: n, prepare: n });

function kurrentEvent(overrides: Partial<KurrentRecordedEvent> = {}): KurrentRecordedEvent {
  return {
    streamId: 'workorder-42',
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    type: 'WorkOrderCreated',
    isJson: true,
    revision: 0n,
    created: new Date('2024-03-01T08:00:00.000Z'),
    data: { title: 'x' },
    metadata: { actorId: 'u1' },
    position: at(4096n),
    ...overrides,
  };
}

describe('expected version → stream state', () => {
  it('maps version N to revision N-1, 0 to no_stream, any/exists to the client constants', () => {
    expect(toStreamState(0)).toBe('no_stream');
    expect(toStreamState(1)).toBe(0n);
    expect(toStreamState(42)).toBe(41n);
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('exists')).toBe('stream_exists');
  });

  it('maps the server current state back to a version', () => {
    expect(versionOf('no_stream')).toBe(0);
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(41n)).toBe(42);
    // Deleted (-5) and tombstoned (-6) streams have no events to speak of.
    expect(versionOf(-5n)).toBe(0);
  });

  it('reads a stream from version v at revision v-1', () => {
    expect(fromRevision(1)).toBe(START);
    expect(fromRevision(0)).toBe(START);
    expect(fromRevision(3)).toBe(2n);
  });
});

describe('global position ↔ number', () => {
  it('uses the commit position of self-committed records and rejects the others', () => {
    expect(positionToNumber(at(1_048_576n))).toBe(1_048_576);
    expect(positionToNumber({ commit: 900n, prepare: 700n })).toBeUndefined();
    expect(positionToNumber(undefined)).toBeUndefined();
    expect(() => positionToNumber(at(2n ** 53n))).toThrow(EventStoreError);
  });

  it('maps 0 to the start of $all and any other number to its exact record address', () => {
    expect(numberToPosition(0)).toBe(START);
    expect(numberToPosition(123_456)).toEqual({ commit: 123_456n, prepare: 123_456n });
    expect(() => numberToPosition(-1)).toThrow(EventStoreError);
    expect(() => numberToPosition(1.5)).toThrow(EventStoreError);
  });

  it('round-trips every safe position and preserves order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (a, b) => {
        const pa = numberToPosition(a);
        const pb = numberToPosition(b);
        if (pa === START || pb === START || typeof pa === 'string' || typeof pb === 'string') return false;
        expect(positionToNumber(pa)).toBe(a);
        expect(Math.sign(comparePositions(pa, pb))).toBe(Math.sign(a - b));
        return true;
      }),
    );
  });

  it('orders $all addresses by commit, then prepare', () => {
    expect(comparePositions({ commit: 10n, prepare: 90n }, { commit: 20n, prepare: 5n })).toBeLessThan(0);
    expect(comparePositions({ commit: 10n, prepare: 9n }, { commit: 10n, prepare: 8n })).toBeGreaterThan(0);
    expect(comparePositions(at(7n), at(7n))).toBe(0);
  });
});

describe('which events belong to the log', () => {
  it('treats $-prefixed streams and types as system events', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: 'StatsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$workorder-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-workorder', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'workorder-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'workorder-1', type: 'WorkOrderCreated' })).toBe(false);
  });

  it('keeps only JSON events of port-shaped streams with a usable position', () => {
    expect(isOwnEvent(kurrentEvent())).toBe(true);
    expect(isOwnEvent(kurrentEvent({ streamId: '$stats-node1' }))).toBe(false);
    expect(isOwnEvent(kurrentEvent({ type: '$metadata' }))).toBe(false);
    expect(isOwnEvent(kurrentEvent({ isJson: false, data: new Uint8Array([1]) }))).toBe(false);
    expect(isOwnEvent(kurrentEvent({ streamId: 'orders' }))).toBe(false);
    expect(isOwnEvent(kurrentEvent({ position: { commit: 500n, prepare: 400n } }))).toBe(false);
    expect(isOwnEvent(kurrentEvent({ position: undefined }))).toBe(false);
  });

  it('uses the client filter that excludes $-prefixed event types', () => {
    const filter = excludeSystemEvents();
    expect(filter.filterOn).toBe('eventType');
    const re = new RegExp((filter as { regex: string }).regex);
    expect(re.test('$statsCollected')).toBe(false);
    expect(re.test('WorkOrderCreated')).toBe(true);
  });
});

describe('event conversion', () => {
  it('turns a stored event into a port RecordedEvent', () => {
    expect(toRecordedEvent(kurrentEvent({ revision: 4n }))).toEqual({
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      stream: 'workorder-42',
      type: 'WorkOrderCreated',
      data: { title: 'x' },
      metadata: { actorId: 'u1' },
      version: 5,
      position: 4096,
      recordedAt: '2024-03-01T08:00:00.000Z',
    });
  });

  it('gives {} for absent or non-object metadata', () => {
    expect(toRecordedEvent(kurrentEvent({ metadata: undefined })).metadata).toEqual({});
    expect(toRecordedEvent(kurrentEvent({ metadata: new Uint8Array([1, 2]) })).metadata).toEqual({});
    expect(toRecordedEvent(kurrentEvent({ metadata: [1, 2] })).metadata).toEqual({});
  });

  it('refuses an event without a self-committed position (server older than 22.6)', () => {
    expect(() => toRecordedEvent(kurrentEvent({ position: undefined }))).toThrow(/22\.6/);
  });

  it('sends the given UUID, JSON content and object metadata', () => {
    const data = toEventData({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'CallLogged', data: undefined });
    expect(data).toMatchObject({
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      contentType: 'application/json',
      type: 'CallLogged',
      data: null,
      metadata: {},
    });
    const withMeta = toEventData({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'T', data: { a: 1 }, metadata: { b: [2] } });
    expect(JSON.parse(JSON.stringify(withMeta.metadata))).toEqual({ b: [2] });
  });
});

describe('error translation', () => {
  const ctx = { operation: 'append to workorder-1', stream: 'workorder-1', expected: 2 as const };

  it('turns WrongExpectedVersion into ConcurrencyError with the actual version', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 'workorder-1', expected: 1n, current: 4n });
    const error = translateError(wrong, ctx);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ stream: 'workorder-1', expected: 2, actual: 5 });
  });

  it('reports a missing stream as actual version 0', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 'workorder-9', expected: 'stream_exists', current: 'no_stream' });
    expect(translateError(wrong, { operation: 'append to workorder-9' })).toMatchObject({
      stream: 'workorder-9',
      expected: 'stream_exists',
      actual: 0,
    });
  });

  it('turns unavailable, deadline and not-leader into StoreUnavailableError with one line', () => {
    const leader = new NotLeaderError({
      metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
    } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
    for (const cause of [new UnavailableError(), new DeadlineExceededError(), leader]) {
      const error = translateError(cause, ctx);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toContain('append to workorder-1');
      expect(error.message).not.toContain('\n');
      expect((error as Error & { cause?: unknown }).cause).toBe(cause);
    }
    expect(translateError(leader, ctx).message).toContain('node2:2113');
  });

  it('recognises raw gRPC errors the client did not convert (append over a dead channel)', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established.\nLast error: ECONNREFUSED'), {
      code: 14,
      details: 'No connection established',
      metadata: { getMap: () => ({}) },
    });
    const error = translateError(raw, ctx);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).not.toContain('\n');
    const noMetadata = Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 });
    expect(translateError(noMetadata, ctx)).toBeInstanceOf(StoreUnavailableError);
  });

  it('keeps other failures as EventStoreError, not as unavailability or conflict', () => {
    const deleted = translateError(StreamDeletedError.fromStreamName('workorder-1'), ctx);
    expect(deleted).toBeInstanceOf(EventStoreError);
    expect(deleted).not.toBeInstanceOf(StoreUnavailableError);
    expect(deleted.message).toContain('deleted');
    const odd = translateError(new TypeError('boom'), ctx);
    expect(odd).toBeInstanceOf(EventStoreError);
    expect(odd).not.toBeInstanceOf(StoreUnavailableError);
    expect(odd).not.toBeInstanceOf(ConcurrencyError);
  });

  it('passes port errors through untouched', () => {
    const duplicate = new DuplicateEventError('0f8fad5b-d9cb-469f-a165-70867728950e', 'workorder-1');
    expect(translateError(duplicate, ctx)).toBe(duplicate);
  });

  it('recognises a missing stream on read', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'workorder-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
  });

  it('describes terse client errors by their type', () => {
    // The rust bridge reports e.g. message "UnavailableError": say what it is instead.
    expect(describeError(new UnavailableError(undefined, 'UnavailableError'))).toBe('unavailable');
    expect(describeError(new Error('a\n  b'))).toBe('a b');
  });
});

describe('connection strings', () => {
  it('accepts the older esdb:// schemes under their current names', () => {
    expect(normalizeConnectionString('esdb://node1:2113?tls=false')).toBe('kurrentdb://node1:2113?tls=false');
    expect(normalizeConnectionString('esdb+discover://cluster:2113')).toBe('kurrentdb+discover://cluster:2113');
    expect(normalizeConnectionString('kurrentdb://node1:2113')).toBe('kurrentdb://node1:2113');
  });

  it('hides passwords in messages', () => {
    expect(redactConnectionString('kurrentdb://admin:changeit@node1:2113?tls=false')).toBe('kurrentdb://admin:***@node1:2113?tls=false');
    expect(redactConnectionString('kurrentdb://node1:2113,node2:2113')).toBe('kurrentdb://node1:2113,node2:2113');
  });

  it('parses the scale-out cluster URL used in deploy/compose.scale-out.yml', async () => {
    const client = KurrentDBClient.connectionString('kurrentdb://node1:2113,node2:2113,node3:2113?tls=false');
    await client.dispose();
    expect(() => KurrentDBClient.connectionString('postgres://localhost/pls')).toThrow();
  });
});
