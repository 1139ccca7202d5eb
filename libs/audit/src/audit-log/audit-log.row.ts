export const AUDIT_EVENTS_TABLE = 'audit_events';

/** One event in the audit trail: who (actor), what (event type on a record), when, where (org unit). */
export interface AuditEventRow {
  readonly position: number;
  readonly streamCategory: string;
  readonly recordId: string;
  readonly version: number;
  readonly eventType: string;
  readonly actorId: string | null;
  readonly orgUnitId: string | null;
  readonly recordedAt: string;
}
