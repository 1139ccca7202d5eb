import { isUuid, newId } from '@pls/event-sourcing';
import { exclusive } from '@pls/read-model';
import type { DataSource } from 'typeorm';

export const ACCESS_LOG_TABLE = 'personal_data_access_log';

/** The fields of a person that can be read in clear. */
export const PERSON_DATA_FIELDS = ['name', 'phone', 'idNumber'] as const;
export type PersonDataField = (typeof PERSON_DATA_FIELDS)[number];

/**
 * Why clear personal data was read (PIPL Art 6: for a stated purpose). Codes,
 * not free text: a free-text reason could itself name the person and would
 * outlive an erasure in the log.
 */
export const ACCESS_REASONS = [
  /** Working on a record that names the person (调解、工单办理、咨询). */
  'case-handling',
  /** Calling the person back (回电、回访). */
  'callback',
  /** The person asked for their own data or its erasure (PIPL Art 45, 47). */
  'data-subject-request',
  /** A court, procuratorate or police request under the law. */
  'legal-obligation',
  /** Supervision of the record (督办、检查). */
  'supervision',
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export function isAccessReason(value: unknown): value is AccessReason {
  return typeof value === 'string' && (ACCESS_REASONS as readonly string[]).includes(value);
}

/** What was done with the person's data. */
export type AccessAction = 'reveal' | 'export' | 'erase' | 'restrict' | 'lookup';

export interface AccessEntry {
  readonly actorId: string;
  readonly actorRole: string;
  /** The actor's unit (`null`: network-wide). */
  readonly actorOrgUnitId: string | null;
  readonly personId: string;
  readonly action: AccessAction;
  /** Fields read in clear (none for an erasure or a restriction). */
  readonly fields: readonly PersonDataField[];
  readonly reason: AccessReason;
  readonly requestId: string | null;
}

export interface AccessRecord extends AccessEntry {
  /** The log's own sequence: orders entries of one instant. */
  readonly seq: number;
  readonly id: string;
  /** ISO-8601 instant. */
  readonly at: string;
}

export interface ListAccessQuery {
  readonly actorId?: string;
  readonly personId?: string;
  /** ISO-8601 instant, inclusive. */
  readonly from?: string;
  /** ISO-8601 instant, exclusive. */
  readonly to?: string;
  /** 1-500. */
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | null;
}

export interface AccessPage {
  /** Newest first. */
  readonly items: readonly AccessRecord[];
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  readonly nextCursor: string | null;
}

interface Row {
  seq: number | string;
  id: string;
  at: string;
  actor_id: string;
  actor_role: string;
  actor_org_unit_id: string | null;
  person_id: string;
  action: AccessAction;
  fields: string;
  reason: AccessReason;
  request_id: string | null;
}

/**
 * The personal-data access log (DOMAIN.md: every read of clear personal data
 * is audited). Written before the clear values leave the process: a read
 * that could not be logged is not answered. `listAccess` serves the audit
 * endpoint (`GET /api/v1/audit`).
 */
export class PersonalDataAccessLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async record(entry: AccessEntry): Promise<AccessRecord> {
    const id = newId();
    const at = this.now();
    await exclusive(this.dataSource, () =>
      this.dataSource
        .createQueryBuilder()
        .insert()
        .into(ACCESS_LOG_TABLE)
        .values({
          id,
          at,
          actor_id: entry.actorId,
          actor_role: entry.actorRole,
          actor_org_unit_id: entry.actorOrgUnitId,
          person_id: entry.personId.toLowerCase(),
          action: entry.action,
          fields: entry.fields.join(','),
          reason: entry.reason,
          request_id: entry.requestId === null ? null : entry.requestId.slice(0, 100),
        })
        .execute(),
    );
    const row = await this.select().where('a.id = :id', { id }).getRawOne<Row>();
    return toRecord(row!);
  }

  /** Entries newest first, filtered, a page at a time (keyset cursor). */
  async listAccess(query: ListAccessQuery): Promise<AccessPage> {
    const limit = Math.max(1, Math.min(500, Math.trunc(query.limit)));
    const q = this.filtered(query);
    if (query.cursor) {
      const seq = decodeCursor(query.cursor);
      q.andWhere('a.seq < :seq', { seq });
    }
    const rows = await q
      .orderBy('a.seq', 'DESC')
      .limit(limit + 1)
      .getRawMany<Row>();
    const page = rows.slice(0, limit);
    return {
      items: page.map(toRecord),
      nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1]!.seq)) : null,
    };
  }

  /**
   * Oldest first, strictly after `after` in (at, seq) order, for merging with
   * the event trail (the audit endpoint's `PersonalDataAccessLog` port).
   * `scope` clips to accesses by actors whose unit lies in a subtree (the
   * org tree's paths); actors who see the whole network show only to
   * network-wide auditors.
   */
  async list(filter: AccessListFilter): Promise<AccessRecord[]> {
    const q = this.filtered(filter);
    if (filter.after) {
      q.andWhere('(a.at > :afterAt OR (a.at = :afterAt AND a.seq > :afterSeq))', { afterAt: filter.after.at, afterSeq: filter.after.seq });
    }
    if (filter.scope && filter.scope.kind === 'subtree') {
      q.andWhere(
        `a.actor_org_unit_id IN (SELECT u.id FROM org_units u WHERE u.path LIKE (SELECT o.path FROM org_units o WHERE o.id = :scopeUnit) || '%')`,
        { scopeUnit: filter.scope.orgUnitId },
      );
    }
    const limit = Math.max(1, Math.min(1000, Math.trunc(filter.limit)));
    const rows = await q.orderBy('a.at', 'ASC').addOrderBy('a.seq', 'ASC').limit(limit).getRawMany<Row>();
    return rows.map(toRecord);
  }

  private select() {
    return this.dataSource
      .createQueryBuilder()
      .select(['a.seq AS seq', 'a.id AS id', 'a.at AS at', 'a.actor_id AS actor_id', 'a.actor_role AS actor_role'])
      .addSelect(['a.actor_org_unit_id AS actor_org_unit_id', 'a.person_id AS person_id', 'a.action AS action', 'a.fields AS fields'])
      .addSelect(['a.reason AS reason', 'a.request_id AS request_id'])
      .from(ACCESS_LOG_TABLE, 'a');
  }

  private filtered(query: { actorId?: string; personId?: string; from?: string; to?: string }) {
    const q = this.select();
    if (query.actorId !== undefined) q.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.personId !== undefined)
      q.andWhere('a.person_id = :personId', { personId: isUuid(query.personId) ? query.personId.toLowerCase() : query.personId });
    if (query.from !== undefined) q.andWhere('a.at >= :from', { from: new Date(query.from).toISOString() });
    if (query.to !== undefined) q.andWhere('a.at < :to', { to: new Date(query.to).toISOString() });
    return q;
  }
}

/** What the audit trail asks of the log (structurally the API's `PersonalDataAccessFilter`). */
export interface AccessListFilter {
  readonly actorId?: string;
  readonly personId?: string;
  readonly from?: string;
  readonly to?: string;
  /** Entries strictly after this (at, seq); `seq: -1` keeps every entry at `at`. */
  readonly after?: { readonly at: string; readonly seq: number };
  readonly scope?: { readonly kind: 'network' } | { readonly kind: 'subtree'; readonly orgUnitId: string };
  readonly limit: number;
}

function toRecord(row: Row): AccessRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorOrgUnitId: row.actor_org_unit_id,
    personId: row.person_id,
    action: row.action,
    fields: row.fields === '' ? [] : (row.fields.split(',') as PersonDataField[]),
    reason: row.reason,
    requestId: row.request_id,
  };
}

function encodeCursor(seq: number): string {
  return Buffer.from(`a:${seq}`, 'utf8').toString('base64url');
}

/** A cursor this log did not give out: an `Error` whose message names the cursor as invalid. */
export class InvalidAccessCursorError extends Error {
  readonly code = 'AUDIT.INVALID_CURSOR';
  constructor() {
    super('cursor is not one this log gave out');
    this.name = 'InvalidAccessCursorError';
  }
}

function decodeCursor(cursor: string): number {
  const m = /^a:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new InvalidAccessCursorError();
  return Number(m[1]);
}
