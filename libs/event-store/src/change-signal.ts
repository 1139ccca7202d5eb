/**
 * Wakes waiting readers when new events may be visible. Adapters fire it after
 * a local commit or on a database notification; readers also poll, so a lost
 * wake-up only delays, never loses, an event.
 */
export class ChangeSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next `notify`, or after `timeoutMs`, or when `abort` fires. */
  wait(timeoutMs: number, abort?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      if (abort?.aborted) return done();
      this.waiters.add(done);
      abort?.addEventListener('abort', done, { once: true });
    });
  }
}
