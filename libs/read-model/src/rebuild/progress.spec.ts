import { formatProgress, formatSeconds, ProgressReporter } from './progress';

describe('rebuild progress', () => {
  it('draws the bar the CLI shows on a terminal', () => {
    expect(formatProgress({ done: 480_000, total: 1_000_000, rate: 52_000, etaSeconds: 10 })).toBe(
      '[####......] 48% 480,000/1,000,000 events, 52,000/s, ETA 10s',
    );
    expect(formatProgress({ done: 0, total: 0, rate: 0, etaSeconds: 0 })).toBe('[##########] 100% 0/0 events, 0/s, ETA 0s');
    expect(formatProgress({ done: 5, total: 10, rate: 0, etaSeconds: null })).toContain('50% 5/10 events, 0/s, ETA ?');
  });

  it('writes minutes and hours for long rebuilds', () => {
    expect(formatSeconds(9.2)).toBe('10s');
    expect(formatSeconds(125)).toBe('2m05s');
    expect(formatSeconds(3 * 3600 + 7 * 60)).toBe('3h07m');
  });

  it('redraws one line on a TTY, with rate and ETA from the elapsed time', () => {
    let now = 0;
    const out: string[] = [];
    const reporter = new ProgressReporter({ isTTY: true, write: (t) => out.push(t) }, 1000, 11_000, { now: () => now });
    now = 1000;
    reporter.update(3000); // 2,000 of 10,000 in 1 s
    now = 1050;
    reporter.update(3100); // within 100 ms of the last draw: not drawn
    now = 2000;
    reporter.update(6000);
    reporter.finish();
    expect(out[0]).toBe('\r[##........] 20% 2,000/10,000 events, 2,000/s, ETA 4s\x1b[K');
    expect(out).toHaveLength(4); // two updates, the final draw, the newline
    expect(out[2]).toContain('50% 5,000/10,000 events, 2,500/s, ETA 2s');
    expect(out[3]).toBe('\n');
  });

  it('prints a plain line now and then elsewhere, and follows a moving head', () => {
    let now = 0;
    const out: string[] = [];
    const reporter = new ProgressReporter({ isTTY: false, write: (t) => out.push(t) }, 0, 100, { now: () => now, lineEveryMs: 5000 });
    for (let i = 1; i <= 20; i++) {
      now = i * 1000;
      reporter.update(i * 5);
    }
    reporter.head(200);
    reporter.finish();
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out.length).toBe(5); // at 1 s, 6 s, 11 s, 16 s, and the final line
    expect(out[out.length - 1]).toContain('50% 100/200 events');
  });
});
