import type { ChangeSignal } from './change-signal';
import type { BatchHandler, RecordedEvent, Subscription, SubscriptionOptions } from './event-store.port';

export interface PollingSource {
  readAll(after: number, limit: number): Promise<RecordedEvent[]>;
  readonly changes: ChangeSignal;
  /** Longest wait between reads when nothing wakes the reader. */
  readonly pollIntervalMs: number;
}

/**
 * Catch-up then live with one loop: read a batch after the last handled
 * position; when the log is exhausted, wait for a change signal (or the poll
 * interval) and read again. There is no hand-over between two mechanisms, so
 * nothing can fall between catch-up and live. Correctness rests on the
 * adapter's `readAll` never returning a position while a lower one can still
 * appear.
 */
export function pollingSubscription(
  source: PollingSource,
  after: number,
  handler: BatchHandler,
  options: SubscriptionOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const abort = new AbortController();
  let position = after;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      const batch = await source.readAll(position, batchSize);
      if (abort.signal.aborted) return;
      if (batch.length === 0) {
        await source.changes.wait(source.pollIntervalMs, abort.signal);
        continue;
      }
      await handler(batch);
      position = batch[batch.length - 1]!.position;
    }
  };

  const done = run().catch((error: unknown) => {
    abort.abort();
    options.onError?.(error);
    throw error;
  });
  // A rejection is reported through onError; keep it from becoming unhandled.
  done.catch(() => undefined);

  return {
    get position() {
      return position;
    },
    done,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
