/** Base of every error the port throws; adapters translate driver errors into these. */
export class EventStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected version; nothing was appended. */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: number | string,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${expected}`);
  }
}

/** An event id is already stored, but not as this same append. */
export class DuplicateEventError extends EventStoreError {
  constructor(readonly eventId: string, readonly stream: string) {
    super(`event ${eventId} is already stored in stream ${stream} as part of a different append`);
  }
}

/** The store cannot be reached (network, auth, closed). Safe to retry later. */
export class StoreUnavailableError extends EventStoreError {}

/** Arguments the store refuses before touching storage. */
export class InvalidAppendError extends EventStoreError {}

/** The URL names a scheme no adapter handles. */
export class UnsupportedStoreUrlError extends EventStoreError {}
