import type { IncomingMessage, ServerResponse } from 'node:http';

/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** Where a live stream writes; the HTTP response in production, an array in specs. */
export interface LiveSink {
  write(chunk: string): void;
  end(): void;
}

/** What tells a stream that its projection moved on (a `PositionWatch`). */
export interface AdvanceSource {
  onAdvance(listener: () => void): () => void;
}

/**
 * One Server-Sent-Events client fed by a projection: every advance of the
 * watch runs `poll` (which `send`s whatever changed for this client); advances
 * that arrive while a poll runs fold into one more poll, so a burst of events
 * costs two reads, not one per event. A failed poll (the read model going
 * away at shutdown) ends the stream and the client reconnects.
 */
export class LiveStream {
  private running = false;
  private again = false;
  private ended = false;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    watch: AdvanceSource,
    private readonly sink: LiveSink,
    private readonly poll: (stream: LiveStream) => Promise<void>,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.unsubscribe = watch.onAdvance(() => void this.refresh());
    this.heartbeat = setInterval(() => this.sink.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
    this.heartbeat.unref();
  }

  get stopped(): boolean {
    return this.ended;
  }

  /** One `data:` message, JSON. */
  send(message: unknown): void {
    if (!this.ended) this.sink.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe();
    clearInterval(this.heartbeat);
    this.sink.end();
  }

  private async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (this.ended) return;
        await this.poll(this);
      } while (this.again);
    } catch {
      this.stop();
    } finally {
      this.running = false;
    }
  }
}

/**
 * A controller's open streams: `open` answers a hijacked request with the
 * event-stream head and registers the stream until the client goes;
 * `stopAll` ends them at shutdown (open streams keep an HTTP server from closing).
 */
export class LiveStreams {
  private readonly streams = new Set<LiveStream>();

  open(req: IncomingMessage, res: ServerResponse, start: (sink: LiveSink) => LiveStream): LiveStream {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const stream = start({
      write: (chunk) => {
        if (!res.writableEnded) res.write(chunk);
      },
      end: () => {
        if (!res.writableEnded) res.end();
      },
    });
    this.streams.add(stream);
    const close = () => {
      stream.stop();
      this.streams.delete(stream);
    };
    req.once('close', close);
    res.once('close', close);
    return stream;
  }

  stopAll(): void {
    for (const stream of this.streams) stream.stop();
    this.streams.clear();
  }
}
