import type { DataSource, EntityManager } from 'typeorm';
import type { Deadline, DeadlineKind, DeadlineRecordType, DeadlineStatus } from './deadline';

type Db = DataSource | EntityManager;

interface Row {
  deadline_id: string;
  kind: string;
  record_id: string;
  record_type: string;
  org_unit_id: string | null;
  basis: string;
  started_at: string;
  due_at: string;
  working_days: number | string | null;
  status: string;
  closed_at: string | null;
  created_position: number | string;
  updated_position: number | string;
}

const COLUMNS = [
  'd.deadline_id AS deadline_id',
  'd.kind AS kind',
  'd.record_id AS record_id',
  'd.record_type AS record_type',
  'd.org_unit_id AS org_unit_id',
  'd.basis AS basis',
  'd.started_at AS started_at',
  'd.due_at AS due_at',
  'd.working_days AS working_days',
  'd.status AS status',
  'd.closed_at AS closed_at',
  'd.created_position AS created_position',
  'd.updated_position AS updated_position',
];

export function fromRow(row: Row): Deadline {
  return {
    deadlineId: row.deadline_id,
    kind: row.kind as DeadlineKind,
    recordId: row.record_id,
    recordType: row.record_type as DeadlineRecordType,
    orgUnitId: row.org_unit_id,
    basis: row.basis,
    startedAt: row.started_at,
    dueAt: row.due_at,
    workingDays: row.working_days === null ? null : Number(row.working_days),
    status: row.status as DeadlineStatus,
    closedAt: row.closed_at,
    // bigint comes back as a string from pg.
    createdPosition: Number(row.created_position),
    updatedPosition: Number(row.updated_position),
  };
}

export function toRow(d: Deadline): Row {
  return {
    deadline_id: d.deadlineId,
    kind: d.kind,
    record_id: d.recordId,
    record_type: d.recordType,
    org_unit_id: d.orgUnitId,
    basis: d.basis,
    started_at: d.startedAt,
    due_at: d.dueAt,
    working_days: d.workingDays,
    status: d.status,
    closed_at: d.closedAt,
    created_position: d.createdPosition,
    updated_position: d.updatedPosition,
  };
}

const select = (db: Db) => db.createQueryBuilder().select(COLUMNS).from('deadlines', 'd');

/** Reads of the `deadlines` read model (the scheduler, the reconcile pass, the enqueuer, tests). */
export const deadlinesQuery = {
  async byId(db: Db, deadlineId: string): Promise<Deadline | null> {
    const row = await select(db).where('d.deadline_id = :deadlineId', { deadlineId }).getRawOne<Row>();
    return row ? fromRow(row) : null;
  },

  async ofRecords(db: Db, recordIds: readonly string[]): Promise<Deadline[]> {
    const out: Deadline[] = [];
    for (let i = 0; i < recordIds.length; i += 500) {
      const chunk = recordIds.slice(i, i + 500);
      const rows = await select(db).where('d.record_id IN (:...chunk)', { chunk }).getRawMany<Row>();
      out.push(...rows.map(fromRow));
    }
    return out;
  },

  /** Pending deadlines in due order, a page at a time after `(afterDueAt, afterId)` (keyset paging). */
  async pendingPage(db: Db, limit: number, after?: { dueAt: string; deadlineId: string }): Promise<Deadline[]> {
    let q = select(db).where('d.status = :status', { status: 'pending' });
    if (after) {
      q = q.andWhere('(d.due_at > :dueAt OR (d.due_at = :dueAt AND d.deadline_id > :deadlineId))', after);
    }
    const rows = await q.orderBy('d.due_at', 'ASC').addOrderBy('d.deadline_id', 'ASC').limit(limit).getRawMany<Row>();
    return rows.map(fromRow);
  },

  /** Pending deadlines due at or before `now`, earliest first. */
  async due(db: Db, now: Date, limit: number): Promise<Deadline[]> {
    const rows = await select(db)
      .where('d.status = :status AND d.due_at <= :now', { status: 'pending', now: now.toISOString() })
      .orderBy('d.due_at', 'ASC')
      .addOrderBy('d.deadline_id', 'ASC')
      .limit(limit)
      .getRawMany<Row>();
    return rows.map(fromRow);
  },

  /** The earliest pending due time, or `null` when nothing is pending. */
  async earliestPending(db: Db): Promise<string | null> {
    const row = await db
      .createQueryBuilder()
      .select('MIN(d.due_at)', 'due_at')
      .from('deadlines', 'd')
      .where('d.status = :status', { status: 'pending' })
      .getRawOne<{ due_at: string | null }>();
    return row?.due_at ?? null;
  },

  /** Rows changed by events after `position`, in position order (what the enqueuer has not seen). */
  async changedAfter(db: Db, position: number, limit: number): Promise<Deadline[]> {
    const rows = await select(db)
      .where('d.updated_position > :position', { position })
      .orderBy('d.updated_position', 'ASC')
      .addOrderBy('d.deadline_id', 'ASC')
      .limit(limit)
      .getRawMany<Row>();
    return rows.map(fromRow);
  },

  async countByStatus(db: Db): Promise<Record<DeadlineStatus, number>> {
    const rows = await db
      .createQueryBuilder()
      .select(['d.status AS status', 'COUNT(*) AS n'])
      .from('deadlines', 'd')
      .groupBy('d.status')
      .getRawMany<{ status: DeadlineStatus; n: number | string }>();
    const counts: Record<DeadlineStatus, number> = { pending: 0, met: 0, fired: 0, cancelled: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  },
};
