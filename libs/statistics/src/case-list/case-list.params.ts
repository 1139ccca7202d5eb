import { isUuid } from '@pls/event-sourcing';
import { isBusinessDate, isCategory } from '@pls/reference';
import { CaseListQueryError, type FieldError } from './case-list.errors';
import { CASE_LIST_SORTS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type CaseListFilter, type CaseListSort } from './case-list.query';
import { ALL_CASE_STATUSES, CASE_RECORD_TYPES, type CaseRecordType } from './case-list.row';

/** The query string of `GET /api/v1/cases`; any other parameter is refused. */
export const CASE_LIST_PARAMS = [
  'orgUnitId',
  'recordType',
  'status',
  'open',
  'assigneeId',
  'category',
  'overdueOn',
  'sort',
  'page',
  'pageSize',
  'minPosition',
] as const;

const KNOWN = new Set<string>(CASE_LIST_PARAMS);
const WHOLE = /^\d{1,15}$/;
/** Far beyond any real list; keeps the offset a safe integer. */
const MAX_PAGE = 1_000_000;

export interface ParsedCaseListQuery {
  readonly filter: Omit<CaseListFilter, 'today'>;
  readonly minPosition: string | undefined;
}

/**
 * Reads and checks the query string in one pass: every refused parameter is
 * named in one 422 ({@link CaseListQueryError}). Lists (`recordType`,
 * `status`) are comma-separated.
 */
export function parseCaseListQuery(query: Readonly<Record<string, unknown>>): ParsedCaseListQuery {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => void errors.push({ field, message });
  const values = new Map<string, string>();
  for (const [field, value] of Object.entries(query ?? {})) {
    if (!KNOWN.has(field)) fail(field, 'is not a parameter of this query');
    else if (typeof value !== 'string') fail(field, 'must be given once');
    else values.set(field, value);
  }
  const text = (field: string) => values.get(field);

  const orgUnitId = text('orgUnitId');
  if (orgUnitId === undefined) {
    if (!errors.some((e) => e.field === 'orgUnitId')) fail('orgUnitId', 'is required');
  } else if (!isUuid(orgUnitId)) fail('orgUnitId', 'must be a UUID');

  const list = <T extends string>(field: string, allowed: readonly T[]): T[] | undefined => {
    const raw = text(field);
    if (raw === undefined) return undefined;
    const items = raw.split(',').map((s) => s.trim());
    const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
    if (bad.length > 0 || items.length === 0) {
      fail(field, `must be one or more (comma-separated) of ${allowed.join(', ')}`);
      return undefined;
    }
    return [...new Set(items)] as T[];
  };
  const recordTypes = list<CaseRecordType>('recordType', CASE_RECORD_TYPES);
  const statuses = list('status', ALL_CASE_STATUSES);

  let open: boolean | null = true;
  const openText = text('open');
  if (openText !== undefined) {
    if (openText === 'true') open = true;
    else if (openText === 'false') open = false;
    else if (openText === 'all') open = null;
    else fail('open', 'must be true, false or all');
  }

  const assigneeId = text('assigneeId');
  if (assigneeId !== undefined && !isUuid(assigneeId)) fail('assigneeId', 'must be a UUID');
  const category = text('category');
  if (category !== undefined && !isCategory(category)) fail('category', 'must be a dispute category code (01 … 14, 99)');
  const overdueOn = text('overdueOn');
  if (overdueOn !== undefined && !isBusinessDate(overdueOn)) fail('overdueOn', 'must be a date YYYY-MM-DD');

  let sort: CaseListSort = 'overdue-first';
  const sortText = text('sort');
  if (sortText !== undefined) {
    if ((CASE_LIST_SORTS as readonly string[]).includes(sortText)) sort = sortText as CaseListSort;
    else fail('sort', `must be one of ${CASE_LIST_SORTS.join(', ')}`);
  }

  const whole = (field: string, fallback: number, max: number): number => {
    const raw = text(field);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!WHOLE.test(raw) || n < 1 || n > max) {
      fail(field, `must be a whole number from 1 to ${max}`);
      return fallback;
    }
    return n;
  };
  const page = whole('page', 1, MAX_PAGE);
  const pageSize = whole('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);

  const minPosition = text('minPosition');
  if (minPosition !== undefined && !WHOLE.test(minPosition)) fail('minPosition', 'must be a whole number ≥ 0');

  if (errors.length > 0) throw new CaseListQueryError(errors);
  return {
    filter: {
      orgUnitId: orgUnitId!,
      ...(recordTypes ? { recordTypes } : {}),
      ...(statuses ? { statuses } : {}),
      open,
      ...(assigneeId !== undefined ? { assigneeId } : {}),
      ...(category !== undefined ? { category } : {}),
      ...(overdueOn !== undefined ? { overdueOn } : {}),
      sort,
      page,
      pageSize,
    },
    minPosition,
  };
}
