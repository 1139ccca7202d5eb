import { isBusinessDate, isInstant, shanghaiDate } from '@pls/reference';
import { StatisticsQueryError, type QueryFieldError } from '../statistics.errors';
import { BREAKDOWN_DIMENSIONS, SUCCESS_RATE_DEFINITIONS, type BreakdownDimension, type SuccessRateDefinition } from '../statistics.metrics';
import { RECORD_METRIC_NAMES, type RecordMetricName } from './record-metrics';
import type { BacklogQuery, BreakdownQuery, FigureQuery, RecordsQuery } from './statistics.queries';

/** A raw query string as Fastify parses it: a repeated name gives an array. */
export type RawQuery = Record<string, unknown>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE_SIZE = 500;

/**
 * Reads query parameters field by field and collects every problem, so one
 * 422 names all of them. A parameter the endpoint does not define is itself
 * an error (API.md: a field the endpoint does not define is 422).
 */
class Reader {
  readonly errors: QueryFieldError[] = [];

  constructor(
    private readonly raw: RawQuery,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(raw)) {
      if (!allowed.includes(name) && name !== 'minPosition') this.fail(name, 'is not a parameter of this endpoint');
    }
  }

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  text(field: string, required: boolean): string | undefined {
    const value = this.raw[field];
    if (value === undefined || value === '') return required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'string') return this.fail(field, 'must be given once');
    return value;
  }

  date(field: string, required: boolean): string | undefined {
    const value = this.text(field, required);
    if (value === undefined) return undefined;
    return isBusinessDate(value) ? value : this.fail(field, 'must be a date YYYY-MM-DD');
  }

  uuid(field: string): string | undefined {
    const value = this.text(field, true);
    if (value === undefined) return undefined;
    return UUID_RE.test(value) ? value.toLowerCase() : this.fail(field, 'must be an org unit id (UUID)');
  }

  /** An ISO-8601 instant with offset, normalised to `toISOString()`; `null` when absent (now). */
  asOf(): string | null {
    const value = this.text('asOf', false);
    if (value === undefined) return null;
    if (!isInstant(value)) return this.fail('asOf', 'must be an ISO-8601 instant with offset, e.g. 2021-07-01T00:00:00+08:00') ?? null;
    return new Date(Date.parse(value)).toISOString();
  }

  oneOf<T extends string>(field: string, values: readonly T[], fallback: T | undefined): T | undefined {
    const value = this.text(field, fallback === undefined);
    if (value === undefined) return fallback;
    return (values as readonly string[]).includes(value) ? (value as T) : this.fail(field, `must be one of ${values.join(', ')}`);
  }

  integer(field: string, min: number, max: number, fallback: number): number {
    const value = this.text(field, false);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d{1,9}$/.test(value) || n < min || n > max) return this.fail(field, `must be a whole number from ${min} to ${max}`) ?? fallback;
    return n;
  }

  period(defaults?: { from: string; to: string }): { from: string; to: string } | undefined {
    const from = this.date('from', defaults === undefined);
    const to = this.date('to', defaults === undefined);
    if (defaults && this.raw['from'] === undefined && this.raw['to'] === undefined) return defaults;
    if (defaults && (from === undefined) !== (to === undefined)) {
      this.fail(from === undefined ? 'from' : 'to', 'is required with the other end of the period');
      return undefined;
    }
    if (from === undefined || to === undefined) return undefined;
    if (from >= to) {
      this.fail('to', 'must be after from (the period is [from, to))');
      return undefined;
    }
    return { from, to };
  }

  done<T>(value: T): T {
    if (this.errors.length > 0) throw new StatisticsQueryError(this.errors);
    return value;
  }
}

const FIGURE_PARAMS = ['orgUnitId', 'from', 'to', 'asOf', 'successRate'];

function figureQuery(r: Reader, defaults?: { from: string; to: string }): FigureQuery {
  const orgUnitId = r.uuid('orgUnitId');
  const period = r.period(defaults);
  const asOf = r.asOf();
  const successRate = r.oneOf<SuccessRateDefinition>('successRate', SUCCESS_RATE_DEFINITIONS, 'reported');
  return { orgUnitId: orgUnitId!, from: period?.from ?? '', to: period?.to ?? '', asOf, successRate: successRate ?? 'reported' };
}

export function parseSummaryQuery(raw: RawQuery): FigureQuery {
  const r = new Reader(raw, FIGURE_PARAMS);
  return r.done(figureQuery(r));
}

export function parseBreakdownQuery(raw: RawQuery): BreakdownQuery {
  const r = new Reader(raw, [...FIGURE_PARAMS, 'by']);
  const q = figureQuery(r);
  const by = r.oneOf<BreakdownDimension>('by', BREAKDOWN_DIMENSIONS, undefined);
  return r.done({ ...q, by: by! });
}

export function parseRecordsQuery(raw: RawQuery): RecordsQuery {
  const r = new Reader(raw, [...FIGURE_PARAMS, 'metric', 'page', 'pageSize', 'by', 'key']);
  const q = figureQuery(r);
  const metric = r.oneOf<RecordMetricName>('metric', RECORD_METRIC_NAMES, undefined);
  const page = r.integer('page', 1, 1_000_000, 1);
  const pageSize = r.integer('pageSize', 1, MAX_PAGE_SIZE, 50);
  const by = raw['by'] === undefined ? undefined : r.oneOf<BreakdownDimension>('by', BREAKDOWN_DIMENSIONS, undefined);
  let group: RecordsQuery['group'];
  if (raw['key'] !== undefined && raw['by'] === undefined) r.fail('key', 'needs by (the breakdown the key belongs to)');
  if (by !== undefined) {
    if (raw['key'] === undefined) r.fail('key', 'is required with by (use key= for the group without that attribute)');
    else if (typeof raw['key'] !== 'string') r.fail('key', 'must be given once');
    else group = { by, key: raw['key'] === '' ? null : raw['key'] };
  }
  return r.done({ ...q, metric: metric!, page, pageSize, ...(group ? { group } : {}) });
}

export function parseBacklogQuery(raw: RawQuery): BacklogQuery {
  const r = new Reader(raw, ['orgUnitId', 'on', 'asOf']);
  const orgUnitId = r.uuid('orgUnitId');
  const on = r.date('on', true);
  const asOf = r.asOf();
  return r.done({ orgUnitId: orgUnitId!, on: on!, asOf });
}

/** The live stream's period defaults to the current Asia/Shanghai year. */
export function parseLiveQuery(raw: RawQuery, now: Date = new Date()): FigureQuery {
  // A live stream follows what is recorded now: no asOf.
  const r = new Reader(raw, ['orgUnitId', 'from', 'to', 'successRate']);
  const year = Number(shanghaiDate(now).slice(0, 4));
  const q = figureQuery(r, { from: `${year}-01-01`, to: `${year + 1}-01-01` });
  return r.done({ ...q, asOf: null });
}
