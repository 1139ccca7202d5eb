/** Where a rebuild's progress goes: a TTY gets one redrawn bar, anything else a plain line now and then. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressSnapshot {
  /** Events applied so far (positions past the start). */
  readonly done: number;
  /** Events to apply in all (the log's head when last looked at, minus the start). */
  readonly total: number;
  /** Events per second since the start. */
  readonly rate: number;
  /** Seconds left at that rate; `null` before anything is known. */
  readonly etaSeconds: number | null;
}

const WIDTH = 10;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** `[#####.....] 48% 480,000/1,000,000 events, 52,000/s, ETA 10s` */
export function formatProgress(p: ProgressSnapshot): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.floor(fraction * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  const eta = p.etaSeconds === null ? 'ETA ?' : `ETA ${formatSeconds(p.etaSeconds)}`;
  return `${bar} ${Math.floor(fraction * 100)}% ${grouped(p.done)}/${grouped(p.total)} events, ${grouped(p.rate)}/s, ${eta}`;
}

export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export interface ProgressOptions {
  /** Redraws of the bar on a TTY at most this often (default 100 ms). */
  readonly ttyEveryMs?: number;
  /** Plain lines at most this often elsewhere (default 5 s). */
  readonly lineEveryMs?: number;
  readonly now?: () => number;
}

/**
 * Turns positions into a progress bar (TTY) or periodic lines. The total
 * follows the log's head, which live writers keep moving.
 */
export class ProgressReporter {
  private readonly startedAt: number;
  private lastDrawAt = -Infinity;
  private done = 0;
  private total: number;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly startPosition: number,
    head: number,
    private readonly options: ProgressOptions = {},
  ) {
    this.startedAt = this.now();
    this.total = Math.max(0, head - startPosition);
  }

  /** The log's head moved (writers kept appending while the rebuild ran). */
  head(position: number): void {
    this.total = Math.max(this.total, position - this.startPosition);
  }

  update(position: number): void {
    this.done = Math.max(this.done, position - this.startPosition);
    this.total = Math.max(this.total, this.done);
    const every = this.sink.isTTY ? (this.options.ttyEveryMs ?? 100) : (this.options.lineEveryMs ?? 5000);
    if (this.now() - this.lastDrawAt >= every) this.draw();
  }

  snapshot(): ProgressSnapshot {
    const seconds = (this.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const etaSeconds = rate > 0 ? (this.total - this.done) / rate : this.done >= this.total ? 0 : null;
    return { done: this.done, total: this.total, rate, etaSeconds };
  }

  /** Draws the final state and ends the bar's line. */
  finish(): void {
    this.draw();
    if (this.sink.isTTY && this.drawn) this.sink.write('\n');
  }

  private draw(): void {
    this.lastDrawAt = this.now();
    const line = formatProgress(this.snapshot());
    // `\x1b[K` clears what a longer previous line left behind.
    this.sink.write(this.sink.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
    this.drawn = true;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
