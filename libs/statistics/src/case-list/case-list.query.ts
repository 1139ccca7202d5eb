import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { UnknownCaseListUnitError } from './case-list.errors';
import { CASE_ASSIGNEES_TABLE, CASE_LIST_TABLE, CASE_UNITS_TABLE, type CaseRecordType } from './case-list.row';

export const CASE_LIST_SORTS = ['overdue-first', 'opened', 'due', 'updated'] as const;
/**
 * - `overdue-first` (default): overdue records first, then by due date (none last), then oldest opened;
 * - `opened`: newest opened first; `due`: earliest due first (none last); `updated`: most recently changed first.
 * Ties are broken by record id, so pages never overlap.
 */
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export interface CaseListFilter {
  /** The unit whose subtree (as the tree stands now) is listed. */
  readonly orgUnitId: string;
  readonly recordTypes?: readonly CaseRecordType[];
  readonly statuses?: readonly string[];
  /** `true` (default): still to be worked on; `false`: concluded ones; `null`: both. */
  readonly open?: boolean | null;
  /** Records this user is assigned to (mediators of a mediation). */
  readonly assigneeId?: string;
  /** A dispute category code; its sub-codes are included. */
  readonly category?: string;
  /** Open records due before this date. */
  readonly overdueOn?: string;
  readonly sort?: CaseListSort;
  /** 1-based. */
  readonly page?: number;
  /** At most {@link MAX_PAGE_SIZE}. */
  readonly pageSize?: number;
  /** The Asia/Shanghai date `overdue` is computed against (the caller's now). */
  readonly today: string;
}

export interface CaseListItem {
  readonly recordType: CaseRecordType;
  readonly recordId: string;
  readonly unitId: string;
  readonly status: string;
  readonly assigneeIds: string[] | null;
  readonly category: string | null;
  readonly kind: string | null;
  readonly openedOn: string;
  readonly dueOn: string | null;
  /** Still open and due before `today`. */
  readonly overdue: boolean;
  readonly concludedOn: string | null;
  readonly open: boolean;
  readonly supervised: number;
}

export interface CaseListPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: CaseListItem[];
}

interface Row {
  record_id: string;
  record_type: CaseRecordType;
  unit_id: string;
  status: string;
  assignee_ids: string | null;
  category: string | null;
  kind: string | null;
  opened_on: string;
  due_on: string | null;
  concluded_on: string | null;
  open: number | string;
  supervised: number | string;
}

const SELECTED = ['record_id', 'record_type', 'unit_id', 'status', 'assignee_ids', 'category', 'kind', 'opened_on', 'due_on', 'concluded_on', 'open', 'supervised'];

// `due_on IS NULL` sorts as "no deadline": after every dated record, on either database.
const DUE_NULLS_LAST = 'CASE WHEN c.due_on IS NULL THEN 1 ELSE 0 END';
const OVERDUE_FIRST = 'CASE WHEN c.open = 1 AND c.due_on < :today THEN 0 ELSE 1 END';

const ORDER: Record<CaseListSort, ReadonlyArray<[string, 'ASC' | 'DESC']>> = {
  'overdue-first': [
    [OVERDUE_FIRST, 'ASC'],
    [DUE_NULLS_LAST, 'ASC'],
    ['c.due_on', 'ASC'],
    ['c.opened_on', 'ASC'],
  ],
  opened: [['c.opened_on', 'DESC']],
  due: [
    [DUE_NULLS_LAST, 'ASC'],
    ['c.due_on', 'ASC'],
    ['c.opened_on', 'ASC'],
  ],
  updated: [['c.updated_position', 'DESC']],
};

/**
 * The case list of a unit's subtree: filtered, sorted and paged. Throws
 * {@link UnknownCaseListUnitError} when the unit is not in the tree the
 * projection has seen.
 */
export async function caseList(db: DataSource | EntityManager, filter: CaseListFilter): Promise<CaseListPage> {
  const page = filter.page ?? 1;
  const pageSize = Math.min(filter.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const unit = await db
    .createQueryBuilder()
    .select('u.path', 'path')
    .from(CASE_UNITS_TABLE, 'u')
    .where('u.id = :id', { id: filter.orgUnitId })
    .getRawOne<{ path: string }>();
  if (!unit) throw new UnknownCaseListUnitError();

  const where = (qb: SelectQueryBuilder<any>) => {
    qb.where('c.unit_path LIKE :subtree', { subtree: `${unit.path}%` });
    const open = filter.open === undefined ? true : filter.open;
    if (open !== null) qb.andWhere('c.open = :open', { open: open ? 1 : 0 });
    if (filter.recordTypes?.length) qb.andWhere('c.record_type IN (:...recordTypes)', { recordTypes: filter.recordTypes });
    if (filter.statuses?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.category !== undefined) qb.andWhere('c.category LIKE :category', { category: `${filter.category}%` });
    if (filter.overdueOn !== undefined) qb.andWhere('c.open = 1 AND c.due_on < :overdueOn', { overdueOn: filter.overdueOn });
    if (filter.assigneeId !== undefined) {
      qb.andWhere(`EXISTS (SELECT 1 FROM ${CASE_ASSIGNEES_TABLE} a WHERE a.record_id = c.record_id AND a.assignee_id = :assigneeId)`, {
        assigneeId: filter.assigneeId,
      });
    }
    return qb;
  };

  const counted = await where(db.createQueryBuilder().select('COUNT(*)', 'total').from(CASE_LIST_TABLE, 'c')).getRawOne<{ total: string | number }>();
  const query = where(
    db
      .createQueryBuilder()
      .select(SELECTED.map((c) => `c.${c} AS ${c}`))
      .from(CASE_LIST_TABLE, 'c'),
  ).setParameter('today', filter.today);
  for (const [expression, direction] of ORDER[filter.sort ?? 'overdue-first']) query.addOrderBy(expression, direction);
  query.addOrderBy('c.record_id', 'ASC');
  const rows = await query
    .offset((page - 1) * pageSize)
    .limit(pageSize)
    .getRawMany<Row>();

  return { total: Number(counted?.total ?? 0), page, pageSize, items: rows.map((r) => item(r, filter.today)) };
}

function item(r: Row, today: string): CaseListItem {
  const open = Number(r.open) === 1;
  return {
    recordType: r.record_type,
    recordId: r.record_id,
    unitId: r.unit_id,
    status: r.status,
    assigneeIds: r.assignee_ids === null ? null : (JSON.parse(r.assignee_ids) as string[]),
    category: r.category,
    kind: r.kind,
    openedOn: r.opened_on,
    dueOn: r.due_on,
    overdue: open && r.due_on !== null && r.due_on < today,
    concludedOn: r.concluded_on,
    open,
    supervised: Number(r.supervised),
  };
}
