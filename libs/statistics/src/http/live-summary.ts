import type { PositionWatch } from '@pls/read-model';
import type { FigureQuery, StatisticsQueries, Summary } from '../queries/statistics.queries';

/**
 * One computation per question and position, however many dashboards watch
 * the same unit and period: every client's refresh after an advance shares it.
 */
export class SharedSummaries {
  private readonly entries = new Map<string, { position: number; value: Promise<Summary> }>();

  constructor(
    private readonly queries: StatisticsQueries,
    private readonly watch: PositionWatch,
  ) {}

  get(query: FigureQuery): Promise<Summary> {
    const key = JSON.stringify(query);
    const position = this.watch.position;
    const hit = this.entries.get(key);
    if (hit && hit.position === position) return hit.value;
    if (this.entries.size > 1000) this.entries.clear();
    const value = this.queries.summary(query);
    this.entries.set(key, { position, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

export const HEARTBEAT_MS = 15_000;

/** What a live stream writes to; `false` from `write` means the client is gone or slow. */
export interface LiveSink {
  write(chunk: string): void;
  end(): void;
}

/**
 * One `GET /stats/live` client: the summary on connect, then a new summary
 * each time the statistics runner's position advances *and* a figure changed
 * (an event that counts nowhere in this unit and period sends nothing), and a
 * comment line every 15 s so proxies keep the connection open. Advances that
 * arrive while a summary is being computed are folded into one recomputation.
 */
export class LiveSummary {
  private last = '';
  private running = false;
  private again = false;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly summaries: SharedSummaries,
    watch: PositionWatch,
    private readonly query: FigureQuery,
    private readonly sink: LiveSink,
    first: Summary,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.send(first);
    this.unsubscribe = watch.onAdvance(() => void this.refresh());
    this.heartbeat = setInterval(() => this.sink.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
    this.heartbeat.unref();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
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
        if (this.stopped) return;
        const summary = await this.summaries.get(this.query);
        if (!this.stopped) this.send(summary);
      } while (this.again);
    } catch {
      // The read model is going away (shutdown) or failed: the client reconnects.
      this.stop();
    } finally {
      this.running = false;
    }
  }

  private send(summary: Summary): void {
    const { position: _position, ...figures } = summary;
    const key = JSON.stringify(figures);
    if (key === this.last) return;
    this.last = key;
    this.sink.write(`data: ${JSON.stringify(summary)}\n\n`);
  }
}
