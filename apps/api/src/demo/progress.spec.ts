import { formatDuration, formatProgress, progressReporter } from './progress';

describe('demo progress', () => {
  it('draws a bar with counts, rate and ETA', () =>
    expect(formatProgress({ done: 3_120, total: 7_400, elapsedMs: 2_496, phase: 'records' })).toBe(
      '[####......] 42% 3,120/7,400 commands, 1,250/s, ETA 4s',
    ));

  it('writes plain lines without the bar', () =>
    expect(formatProgress({ done: 10, total: 10, elapsedMs: 1000, phase: 'records' }, false)).toBe('100% 10/10 commands, 10/s, ETA 0s'));

  it('formats minutes', () => expect(formatDuration(125_000)).toBe('2m05s'));

  it('redraws in place on a terminal and ends the line when finished', () => {
    const written: string[] = [];
    let t = 0;
    const reporter = progressReporter({ isTTY: true, write: (s: string) => written.push(s) }, { now: () => t });
    t = 200;
    reporter.onProgress({ done: 1, total: 2, elapsedMs: 200, phase: 'records' });
    t = 250;
    reporter.onProgress({ done: 2, total: 2, elapsedMs: 250, phase: 'records' });
    reporter.finish();
    expect(written.slice(0, 2).every((s) => s.startsWith('\r['))).toBe(true);
    expect(written[written.length - 1]).toBe('\n');
  });

  it('prints one line per interval when not a terminal, and the last one once', () => {
    const written: string[] = [];
    let t = 0;
    const reporter = progressReporter({ isTTY: false, write: (s: string) => written.push(s) }, { now: () => t, intervalMs: 1000 });
    for (let done = 1; done <= 100; done++) {
      t = done * 50;
      reporter.onProgress({ done, total: 100, elapsedMs: t, phase: 'records' });
    }
    reporter.onProgress({ done: 100, total: 100, elapsedMs: t, phase: 'records' });
    reporter.finish();
    expect(written.length).toBe(5); // at 1 s, 2 s, 3 s, 4 s, and 100% at 5 s
    expect(written.every((line) => line.endsWith('\n') && !line.includes('['))).toBe(true);
    expect(written[written.length - 1]).toContain('100% 100/100');
  });
});
