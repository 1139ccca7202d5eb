/**
 * Sign-in attempts per client address: at most `perMinute` in any window of
 * 60 s that starts at an address's first attempt (a fixed window per
 * address). Kept in this process: with N API processes behind a balancer an
 * address gets up to N × the limit; the account lock-out, kept in the
 * database, is what bounds guessing at one account across processes.
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts an attempt; `null` if it may go ahead, else the seconds until it may. */
  take(address: string, nowMs: number): number | null {
    this.sweep(nowMs);
    const window = this.windows.get(address);
    if (!window || nowMs - window.start >= this.windowMs) {
      this.windows.set(address, { start: nowMs, count: 1 });
      return null;
    }
    if (window.count >= this.perMinute) return Math.max(1, Math.ceil((window.start + this.windowMs - nowMs) / 1000));
    window.count += 1;
    return null;
  }

  private sweep(nowMs: number): void {
    // Bounded memory under a spray of addresses: drop finished windows once the map grows.
    if (this.windows.size < 10_000) return;
    for (const [address, window] of this.windows) if (nowMs - window.start >= this.windowMs) this.windows.delete(address);
  }
}
