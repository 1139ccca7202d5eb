import { HEARTBEAT_MS, LiveStream, type AdvanceSource, type LiveSink, type PositionWatch } from '@pls/read-model';
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

/**
 * One `GET /stats/live` client: the summary on connect, then a new summary
 * each time the statistics runner's position advances *and* a figure changed
 * (an event that counts nowhere in this unit and period sends nothing).
 */
export function liveSummary(
  summaries: SharedSummaries,
  watch: AdvanceSource,
  query: FigureQuery,
  sink: LiveSink,
  first: Summary,
  heartbeatMs = HEARTBEAT_MS,
): LiveStream {
  let last = '';
  const send = (stream: LiveStream, summary: Summary) => {
    const { position: _position, ...figures } = summary;
    const key = JSON.stringify(figures);
    if (key === last) return;
    last = key;
    stream.send(summary);
  };
  const stream = new LiveStream(watch, sink, async (s) => send(s, await summaries.get(query)), heartbeatMs);
  send(stream, first);
  return stream;
}
