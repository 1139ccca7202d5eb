import { LiveStream, type AdvanceSource } from './live-stream';

class Watch implements AdvanceSource {
  readonly listeners = new Set<() => void>();
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  advance(): void {
    for (const l of [...this.listeners]) l();
  }
}

function sink() {
  const chunks: string[] = [];
  let ended = 0;
  return { chunks, ended: () => ended, write: (c: string) => void chunks.push(c), end: () => void (ended += 1) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('LiveStream', () => {
  it('polls on each advance; advances during a poll fold into one more poll', async () => {
    const watch = new Watch();
    const out = sink();
    let polls = 0;
    let release!: () => void;
    const stream = new LiveStream(watch, out, async (s) => {
      polls += 1;
      if (polls === 1) await new Promise<void>((r) => (release = r));
      s.send({ poll: polls });
    });
    watch.advance();
    watch.advance();
    watch.advance();
    await tick();
    expect(polls).toBe(1);
    release();
    await tick();
    await tick();
    expect(polls).toBe(2);
    expect(out.chunks).toEqual(['data: {"poll":1}\n\n', 'data: {"poll":2}\n\n']);
    stream.stop();
  });

  it('ends the stream and stops listening when a poll fails, and sends nothing after stop', async () => {
    const watch = new Watch();
    const out = sink();
    const stream = new LiveStream(watch, out, async () => {
      throw new Error('read model closed');
    });
    watch.advance();
    await tick();
    expect(stream.stopped).toBe(true);
    expect(out.ended()).toBe(1);
    expect(watch.listeners.size).toBe(0);
    stream.send({ late: true });
    stream.stop();
    expect(out.chunks).toEqual([]);
    expect(out.ended()).toBe(1);
  });

  it('writes a heartbeat comment on its interval', () => {
    jest.useFakeTimers();
    try {
      const out = sink();
      const stream = new LiveStream(new Watch(), out, async () => undefined, 1000);
      jest.advanceTimersByTime(2500);
      expect(out.chunks.filter((c) => c.startsWith(': heartbeat'))).toHaveLength(2);
      stream.stop();
      jest.advanceTimersByTime(5000);
      expect(out.chunks).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
