import { auditEvents, type AuditScope } from '@pls/audit';
import type { DataSource } from 'typeorm';
import { encodeCursor, type AuditCursor, type AuditQuery } from './audit.params';

/** A read of clear personal data (or an erasure/restriction/export), as the privacy context logs it. */
export interface PersonalDataAccess {
  /** The access log's own sequence: orders entries of one instant. */
  readonly seq: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly actorId: string;
  readonly personId: string;
  readonly action: string;
  readonly fields: readonly string[];
  readonly reason: string;
}

export interface PersonalDataAccessFilter {
  readonly personId?: string;
  readonly actorId?: string;
  readonly from?: string;
  readonly to?: string;
  /** Entries strictly after this (at, seq); `seq: -1` keeps every entry at `at`. */
  readonly after?: { readonly at: string; readonly seq: number };
  readonly scope: AuditScope;
  readonly limit: number;
}

/** Where the trail reads the personal-data access log from (the privacy context's `PersonalDataAccessLog.list`). */
export interface PersonalDataAccessSource {
  list(filter: PersonalDataAccessFilter): Promise<readonly PersonalDataAccess[]>;
}

export type AuditEntry =
  | {
      readonly kind: 'event';
      readonly at: string;
      readonly actorId: string | null;
      readonly orgUnitId: string | null;
      readonly collection: string;
      readonly recordId: string;
      readonly eventType: string;
      readonly version: number;
      readonly position: number;
    }
  | {
      readonly kind: 'personal-data-access';
      readonly at: string;
      readonly actorId: string;
      readonly personId: string;
      readonly action: string;
      readonly fields: readonly string[];
      readonly reason: string;
    };

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  /** Pass as `cursor` for the next page; `null` on the last. */
  readonly nextCursor: string | null;
}

type Keyed = { entry: AuditEntry; key: AuditCursor };

/**
 * Who did what and when: the log's events (the `audit` projection) merged in
 * time order with the personal-data access log. Each source is read from the
 * cursor on, one more than the page, and the merge keeps the first `limit`.
 */
export class AuditTrail {
  constructor(
    private readonly db: DataSource,
    private readonly collections: ReadonlyMap<string, string>,
    private readonly access: PersonalDataAccessSource | null,
  ) {}

  async page(query: AuditQuery, scope: AuditScope): Promise<AuditPage> {
    const take = query.limit + 1;
    const c = query.cursor;
    const events = await auditEvents(this.db, {
      ...(query.recordId !== undefined ? { recordId: query.recordId } : {}),
      ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      // An access cursor (k = 1) sorts after every event of its instant.
      ...(c ? { after: { at: c.at, position: c.k === 0 ? c.s : Number.MAX_SAFE_INTEGER } } : {}),
      scope,
      limit: take,
    });
    const keyed: Keyed[] = events.map((e) => ({
      key: { at: e.recordedAt, k: 0, s: e.position },
      entry: {
        kind: 'event',
        at: e.recordedAt,
        actorId: e.actorId,
        orgUnitId: e.orgUnitId,
        collection: this.collections.get(e.streamCategory) ?? e.streamCategory,
        recordId: e.recordId,
        eventType: e.eventType,
        version: e.version,
        position: e.position,
      },
    }));
    if (this.access) {
      const accesses = await this.access.list({
        ...(query.recordId !== undefined ? { personId: query.recordId } : {}),
        ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        // An event cursor (k = 0) sorts before every access of its instant.
        ...(c ? { after: { at: c.at, seq: c.k === 1 ? c.s : -1 } } : {}),
        scope,
        limit: take,
      });
      for (const a of accesses) {
        keyed.push({
          key: { at: a.at, k: 1, s: a.seq },
          entry: { kind: 'personal-data-access', at: a.at, actorId: a.actorId, personId: a.personId, action: a.action, fields: a.fields, reason: a.reason },
        });
      }
    }
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    const shown = keyed.slice(0, query.limit);
    const more = keyed.length > query.limit;
    return { items: shown.map((k) => k.entry), nextCursor: more ? encodeCursor(shown[shown.length - 1]!.key) : null };
  }
}

export function compareKeys(a: AuditCursor, b: AuditCursor): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.k - b.k || a.s - b.s;
}
