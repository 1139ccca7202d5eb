import type { DataSource } from 'typeorm';
import { AUDIT_EVENTS_TABLE, type AuditEventRow } from './audit-log.row';

/** Whose events a caller may see: the whole network, or the events of one org unit's subtree. */
export type AuditScope = { readonly kind: 'network' } | { readonly kind: 'subtree'; readonly orgUnitId: string };

/** Keyset position in the trail's order (`recordedAt`, then `position`); the page starts after it. */
export interface AuditKey {
  readonly at: string;
  readonly position: number;
}

export interface AuditEventFilter {
  readonly recordId?: string;
  readonly actorId?: string;
  /** Inclusive lower bound, ISO-8601 UTC. */
  readonly from?: string;
  /** Exclusive upper bound, ISO-8601 UTC. */
  readonly to?: string;
  readonly after?: AuditKey;
  readonly scope: AuditScope;
  /** Rows to read (the caller asks one more than it shows, to know whether a next page exists). */
  readonly limit: number;
}

interface Raw {
  position: string | number;
  stream_category: string;
  record_id: string;
  version: string | number;
  event_type: string;
  actor_id: string | null;
  org_unit_id: string | null;
  recorded_at: string;
}

/**
 * The audit trail's events in time order. A subtree scope keeps the events
 * whose org unit lies in the unit's subtree as the tree stands now; events of
 * no org unit (persons, users) only a network-wide caller sees.
 */
export async function auditEvents(db: DataSource, filter: AuditEventFilter): Promise<AuditEventRow[]> {
  const q = db.createQueryBuilder().select('a.*').from(AUDIT_EVENTS_TABLE, 'a');
  if (filter.scope.kind === 'subtree') {
    const own = await db
      .createQueryBuilder()
      .select('u.path', 'path')
      .from('org_units', 'u')
      .where('u.id = :id', { id: filter.scope.orgUnitId })
      .getRawOne<{ path: string }>();
    if (!own) return [];
    q.andWhere(`a.org_unit_id IN (SELECT u.id FROM org_units u WHERE u.path LIKE :prefix)`, { prefix: `${own.path}%` });
  }
  if (filter.recordId !== undefined) q.andWhere('a.record_id = :recordId', { recordId: filter.recordId });
  if (filter.actorId !== undefined) q.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
  if (filter.from !== undefined) q.andWhere('a.recorded_at >= :from', { from: filter.from });
  if (filter.to !== undefined) q.andWhere('a.recorded_at < :to', { to: filter.to });
  if (filter.after !== undefined) {
    q.andWhere('(a.recorded_at > :afterAt OR (a.recorded_at = :afterAt AND a.position > :afterPosition))', {
      afterAt: filter.after.at,
      afterPosition: filter.after.position,
    });
  }
  const rows = await q.orderBy('a.recorded_at', 'ASC').addOrderBy('a.position', 'ASC').limit(filter.limit).getRawMany<Raw>();
  return rows.map((r) => ({
    position: Number(r.position),
    streamCategory: r.stream_category,
    recordId: r.record_id,
    version: Number(r.version),
    eventType: r.event_type,
    actorId: r.actor_id,
    orgUnitId: r.org_unit_id,
    recordedAt: r.recorded_at,
  }));
}
