import type { DemoProgress } from './demo-loader';

const BAR_WIDTH = 10;
const grouped = new Intl.NumberFormat('en-US');

/** `[####......] 42% 3,120/7,400 commands, 1,250/s, ETA 4s` */
export function formatProgress(p: DemoProgress, bar = true): string {
  const fraction = p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.floor(fraction * BAR_WIDTH);
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const remaining = p.total - p.done;
  const eta = rate > 0 ? formatDuration((remaining / rate) * 1000) : '?';
  const text = `${Math.floor(fraction * 100)}% ${grouped.format(p.done)}/${grouped.format(p.total)} commands, ${grouped.format(Math.round(rate))}/s, ETA ${eta}`;
  return bar ? `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${text}` : text;
}

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  readonly onProgress: (p: DemoProgress) => void;
  /** Ends the bar's line (TTY) or prints the last line. */
  finish(): void;
}

/**
 * A bar redrawn in place on a terminal (at most every 100 ms); elsewhere (a
 * log file, a container's stdout) one plain line every `intervalMs`.
 */
export function progressReporter(
  sink: ProgressSink,
  options: { prefix?: string; intervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  const tty = sink.isTTY === true;
  const interval = tty ? 100 : (options.intervalMs ?? 5000);
  const prefix = options.prefix ?? '';
  const now = options.now ?? (() => performance.now());
  // The first line after one interval: a rate measured over the first step says nothing.
  let last = now();
  let latest: DemoProgress | null = null;
  let drawn = false;
  let complete = false;
  return {
    onProgress(p) {
      latest = p;
      const t = now();
      if (complete || (t - last < interval && p.done < p.total)) return;
      last = t;
      complete = p.done >= p.total;
      if (tty) {
        sink.write(`\r${prefix}${formatProgress(p)}\x1b[K`);
        drawn = true;
      } else sink.write(`${prefix}${formatProgress(p, false)}\n`);
    },
    finish() {
      if (tty && drawn) sink.write('\n');
      else if (!tty && latest && latest.done < latest.total) sink.write(`${prefix}${formatProgress(latest, false)}\n`);
    },
  };
}
