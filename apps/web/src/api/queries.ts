/**
 * The read side the UI uses: the case list projection and the statistics
 * endpoints of API.md. Shapes are normalised here, so pages stay simple and
 * a field added by the API later does not break them.
 */
import { get, withQuery } from './client';

/** Collections of API.md, the path segment of every record. */
export type Collection = 'hotline-calls' | 'work-orders' | 'consultations' | 'mediations' | 'lectures' | 'org-units';
export const COLLECTIONS: readonly Collection[] = ['hotline-calls', 'work-orders', 'consultations', 'mediations', 'lectures', 'org-units'];

/** `mediation`, `Mediation`, `mediations`, `work_order`, `WorkOrder` … → the collection. */
export function toCollection(recordType: string | null | undefined): Collection | null {
  if (!recordType) return null;
  const k = recordType
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/[_\s]/g, '-')
    .toLowerCase();
  const table: Record<string, Collection> = {
    mediation: 'mediations',
    mediations: 'mediations',
    'work-order': 'work-orders',
    'work-orders': 'work-orders',
    workorder: 'work-orders',
    consultation: 'consultations',
    consultations: 'consultations',
    lecture: 'lectures',
    lectures: 'lectures',
    'hotline-call': 'hotline-calls',
    'hotline-calls': 'hotline-calls',
    call: 'hotline-calls',
    'org-unit': 'org-units',
    'org-units': 'org-units',
  };
  return table[k] ?? null;
}

export interface CaseItem {
  readonly recordType: string;
  readonly collection: Collection | null;
  readonly recordId: string;
  readonly unitId: string | null;
  readonly status: string | null;
  readonly assigneeIds: string[];
  readonly category: string | null;
  readonly kind: string | null;
  readonly openedOn: string | null;
  readonly dueOn: string | null;
  readonly overdue: boolean;
  readonly concludedOn: string | null;
  readonly [extra: string]: unknown;
}

function itemsOf(body: unknown): any[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const k of ['items', 'records', 'cases', 'rows', 'data']) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v;
    }
  }
  return [];
}

export function normaliseCase(raw: any): CaseItem {
  const recordType = String(raw.recordType ?? raw.type ?? raw.collection ?? '');
  return {
    ...raw,
    recordType,
    collection: toCollection(recordType),
    recordId: String(raw.recordId ?? raw.id ?? ''),
    unitId: raw.unitId ?? raw.orgUnitId ?? null,
    status: raw.status ?? null,
    assigneeIds: Array.isArray(raw.assigneeIds) ? raw.assigneeIds : [],
    category: raw.category ?? null,
    kind: raw.kind ?? null,
    openedOn: raw.openedOn ?? null,
    dueOn: raw.dueOn ?? null,
    overdue: Boolean(raw.overdue),
    concludedOn: raw.concludedOn ?? null,
  };
}

/** The query string of GET /api/v1/cases (lists are comma-separated). */
export interface CaseQuery {
  readonly orgUnitId: string;
  readonly recordType?: string;
  readonly status?: string;
  readonly open?: 'true' | 'false' | 'all';
  readonly assigneeId?: string;
  readonly category?: string;
  readonly overdueOn?: string;
  readonly sort?: 'overdue-first' | 'opened' | 'due' | 'updated';
  readonly page?: number;
  readonly pageSize?: number;
  readonly minPosition?: number;
}

export async function listCases(q: CaseQuery, signal?: AbortSignal): Promise<{ items: CaseItem[]; position: number | null; total: number | null }> {
  const body = await get<any>('/api/v1/cases', { ...q } as Record<string, string | number | boolean | undefined>, signal);
  const items = itemsOf(body).map(normaliseCase);
  return { items, position: typeof body?.position === 'number' ? body.position : null, total: typeof body?.total === 'number' ? body.total : null };
}

/** Overdue first, then the nearest due date, then the oldest. */
export function queueOrder(a: CaseItem, b: CaseItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const da = a.dueOn ?? '9999-12-31';
  const db = b.dueOn ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return (a.openedOn ?? '') < (b.openedOn ?? '') ? -1 : 1;
}

// --- statistics ---------------------------------------------------------------

export type SuccessRateDefinition = 'reported' | 'concluded' | 'cohort';

export interface Rate {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly definition?: string;
}

export interface Areas {
  readonly mediation: {
    accepted: number;
    concluded: number;
    succeeded: number;
    terminated: number;
    rejected: number;
    successRate: Rate;
    onTimeRate: Rate;
    claimedAmountFen: number;
    claimedAmountMissing: number;
    agreedAmountFen: number;
    personTimes: number;
  };
  readonly consultation: { count: number; personsServed: number; referred: number };
  readonly hotline: { offered: number; answered: number; answerRate: Rate; answeredWithin15s: number; missed: number; callbacksReached: number };
  readonly workOrder: { created: number; replied: number; visited: number; satisfied: number; overdue: number };
  readonly lecture: { held: number; attendees: number };
}

export interface Summary extends Areas {
  readonly orgUnitId: string;
  readonly from: string;
  readonly to: string;
  readonly position: number;
}

export interface Breakdown {
  readonly orgUnitId: string;
  readonly from: string;
  readonly to: string;
  readonly position: number;
  readonly by: string;
  readonly groups: Array<Areas & { key: string | null }>;
}

export interface StatsQuery {
  readonly orgUnitId: string;
  readonly from: string;
  readonly to: string;
  readonly asOf?: string | null;
  readonly successRate?: SuccessRateDefinition;
  readonly minPosition?: number;
}

export function summary(q: StatsQuery, signal?: AbortSignal): Promise<Summary> {
  return get<Summary>('/api/v1/stats/summary', { ...q }, signal);
}

export function breakdown(q: StatsQuery & { by: 'category' | 'orgUnit' | 'kind' | 'source' | 'month' }, signal?: AbortSignal): Promise<Breakdown> {
  return get<Breakdown>('/api/v1/stats/breakdown', { ...q }, signal);
}

/** One record behind a figure. */
export interface MetricRecord {
  readonly recordType: string;
  readonly recordId: string;
  readonly unitId: string;
  readonly businessDay: string;
  readonly category: string | null;
  readonly kind: string | null;
  readonly source: string | null;
  readonly amountFen: number | null;
  readonly count: number | null;
}

export interface MetricRecords {
  readonly metric: string;
  /** Records behind the figure (for a count, the figure; for a rate, its numerator). */
  readonly total: number | null;
  readonly sumAmountFen: number | null;
  readonly sumCount: number | null;
  readonly of: string | null;
  readonly items: MetricRecord[];
}

export interface MetricRecordsQuery extends StatsQuery {
  readonly metric: string;
  /** The records of one breakdown group. */
  readonly by?: string;
  readonly key?: string | null;
  readonly page?: number;
  readonly pageSize?: number;
}

export async function metricRecords(q: MetricRecordsQuery, signal?: AbortSignal): Promise<MetricRecords> {
  const { key, ...rest } = q;
  // key=null means the group without the attribute: sent as an empty key.
  const params: Record<string, string | number | undefined> = { ...(rest as any) };
  const path = withQuery('/api/v1/stats/records', params) + (q.by !== undefined && key !== undefined ? `&key=${encodeURIComponent(key ?? '')}` : '');
  const body = await get<any>(path, undefined, signal);
  const items = itemsOf(body) as MetricRecord[];
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return { metric: q.metric, total: num(body?.total) ?? num(body?.count), sumAmountFen: num(body?.sumAmountFen), sumCount: num(body?.sumCount), of: body?.of ?? null, items };
}

export function backlog(q: { orgUnitId: string; on: string; asOf?: string | null }, signal?: AbortSignal) {
  return get<{ orgUnitId: string; on: string; open: { mediation: number; workOrder: number; consultation: number } }>('/api/v1/stats/backlog', { ...q }, signal);
}

export function liveUrl(q: { orgUnitId: string; from?: string; to?: string; successRate?: string }): string {
  return withQuery('/api/v1/stats/live', { ...q });
}
