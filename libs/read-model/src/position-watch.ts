/** Lets callers wait until a runner has applied a given global position. */
export class PositionWatch {
  private current = 0;
  private waiters: Array<{ position: number; resolve: (reached: boolean) => void; timer: NodeJS.Timeout }> = [];
  private listeners = new Set<(position: number) => void>();

  get position(): number {
    return this.current;
  }

  advance(position: number): void {
    if (position <= this.current) return;
    this.current = position;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.position <= position) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
    for (const listener of this.listeners) listener(position);
  }

  /**
   * Sets the position to a stored checkpoint (a runner taking over, or resubscribing
   * after a liveness check or a rebuild's swap). Forward it is an advance: waiters at
   * or below it are woken and listeners called (a `minPosition` wait must not hang
   * until the next batch). Back it only moves the mark; listeners are not called.
   */
  reset(position: number): void {
    if (position > this.current) this.advance(position);
    else this.current = position;
  }

  /** `true` once `position` is applied, `false` if `timeoutMs` passes first. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.current) return Promise.resolve(true);
    return new Promise((resolve) => {
      const entry = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== entry);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(entry);
    });
  }

  onAdvance(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
