import { Controller, Get, Inject, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LiveStreams, PROJECTION_POSITIONS, type ProjectionPositions } from '@pls/read-model';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATISTICS_PROJECTION } from '../facts/statistics.projection';
import { RECORD_METRIC_NAMES } from '../queries/record-metrics';
import {
  parseBacklogQuery,
  parseBreakdownQuery,
  parseLiveQuery,
  parseRecordsQuery,
  parseSummaryQuery,
  type RawQuery,
} from '../queries/statistics.params';
import { StatisticsQueries } from '../queries/statistics.queries';
import { BREAKDOWN_DIMENSIONS, SUCCESS_RATE_DEFINITIONS } from '../statistics.metrics';
import { SharedSummaries, liveSummary } from './live-summary';
import { Policy } from '@pls/identity';

const FIGURE_QUERY = [
  ApiQuery({ name: 'orgUnitId', required: true, description: 'The unit whose whole subtree is counted' }),
  ApiQuery({ name: 'from', required: true, description: 'First day of the period (YYYY-MM-DD, Asia/Shanghai), inclusive' }),
  ApiQuery({ name: 'to', required: true, description: 'Day after the period, exclusive' }),
  ApiQuery({ name: 'asOf', required: false, description: 'Figures as they stood with the events recorded by this instant (default now)' }),
  ApiQuery({
    name: 'successRate',
    required: false,
    enum: SUCCESS_RATE_DEFINITIONS,
    description: '调解成功率 definition (default reported)',
  }),
  ApiQuery({ name: 'minPosition', required: false, type: Number, description: 'Answer once the statistics include this log position' }),
];

function figureQueryDocs(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorate of FIGURE_QUERY) decorate(target, key, descriptor);
  };
}

function minPosition(raw: RawQuery): string | undefined {
  const value = raw['minPosition'];
  return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
}

/**
 * `GET /api/v1/stats/…` (API.md, Statistics). Parameters are validated before
 * any wait or read (422 naming every bad field); `minPosition` then waits for
 * the statistics projection, so a client reads its own writes.
 */
@ApiTags('statistics')
// Supervisors' and admins' figures (the dashboard), clipped to the caller's subtree: `orgUnitId`
// outside it is 403 AUTH.OUT_OF_SCOPE, before any wait, read or stream (the API's `org-unit-query` policy).
@Policy('org-unit-query', ['supervisor', 'admin'])
@Controller('api/v1/stats')
export class StatisticsController implements BeforeApplicationShutdown {
  private readonly live = new LiveStreams();
  private shared: SharedSummaries | null = null;

  constructor(
    private readonly queries: StatisticsQueries,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: "Every figure of a unit's subtree for a period" })
  @figureQueryDocs()
  async summary(@Query() raw: RawQuery) {
    const q = parseSummaryQuery(raw);
    await this.positions.ensure(STATISTICS_PROJECTION, minPosition(raw));
    return this.queries.summary(q);
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'The summary split by category, org unit (direct children), kind, source or month; groups sum to the summary' })
  @figureQueryDocs()
  @ApiQuery({ name: 'by', required: true, enum: BREAKDOWN_DIMENSIONS })
  async breakdown(@Query() raw: RawQuery) {
    const q = parseBreakdownQuery(raw);
    await this.positions.ensure(STATISTICS_PROJECTION, minPosition(raw));
    return this.queries.breakdown(q);
  }

  @Get('records')
  @ApiOperation({ summary: 'The records behind a figure: total is the figure (for a rate, its numerator)' })
  @figureQueryDocs()
  @ApiQuery({ name: 'metric', required: true, enum: RECORD_METRIC_NAMES })
  @ApiQuery({ name: 'by', required: false, enum: BREAKDOWN_DIMENSIONS, description: 'With key: the records of one breakdown group' })
  @ApiQuery({ name: 'key', required: false, description: 'The group key; empty for the group without that attribute' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1 … 500, default 50' })
  async records(@Query() raw: RawQuery) {
    const q = parseRecordsQuery(raw);
    await this.positions.ensure(STATISTICS_PROJECTION, minPosition(raw));
    return this.queries.records(q);
  }

  @Get('backlog')
  @ApiOperation({ summary: 'Records open on a business day (accepted or opened on or before it, not concluded by it)' })
  @ApiQuery({ name: 'orgUnitId', required: true })
  @ApiQuery({ name: 'on', required: true, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  async backlog(@Query() raw: RawQuery) {
    const q = parseBacklogQuery(raw);
    await this.positions.ensure(STATISTICS_PROJECTION, minPosition(raw));
    return this.queries.backlog(q);
  }

  @Get('live')
  @ApiOperation({
    summary: 'Server-Sent Events: the summary now, then again whenever a figure changes (period defaults to the current year)',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'orgUnitId', required: true })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'successRate', required: false, enum: SUCCESS_RATE_DEFINITIONS })
  async stream(@Query() raw: RawQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = parseLiveQuery(raw);
    await this.positions.ensure(STATISTICS_PROJECTION, minPosition(raw));
    // Computed before the stream opens: an unknown unit is still a 422.
    const watch = this.positions.watch(STATISTICS_PROJECTION);
    const shared = (this.shared ??= new SharedSummaries(this.queries, watch));
    const first = await shared.get(q);
    reply.hijack();
    this.live.open(req.raw, reply.raw, (sink) => liveSummary(shared, watch, q, sink, first));
  }

  /** Open streams would keep the HTTP server from closing. */
  beforeApplicationShutdown(): void {
    this.live.stopAll();
  }
}
