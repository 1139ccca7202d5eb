import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import type { EntityManager } from 'typeorm';
import { AUDIT_EVENTS_TABLE } from './audit-log.row';

/** Rows per INSERT: well under SQLite's bound-parameter limit (8 columns each). */
const CHUNK = 100;

/**
 * `audit_events`: every event of the log, reduced to who, what, on which
 * record, where and when. Only ids and type names are copied — payloads stay
 * in the log (and carry no personal data anyway). Reacts to every event type.
 */
export const auditLogProjection: Projection = {
  name: 'audit',
  tables: [AUDIT_EVENTS_TABLE],
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows = events.map(auditRowOf);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.createQueryBuilder().insert().into(AUDIT_EVENTS_TABLE).values(rows.slice(i, i + CHUNK)).orIgnore().execute();
    }
  },
};

function auditRowOf(e: RecordedEvent) {
  // Streams are `<category>-<id>` with no dash in the category (STYLE.md, Names).
  const dash = e.stream.indexOf('-');
  const actor = e.metadata['actorId'];
  const unit = e.metadata['orgUnitId'];
  return {
    position: e.position,
    stream_category: (dash > 0 ? e.stream.slice(0, dash) : e.stream).slice(0, 60),
    record_id: (dash > 0 ? e.stream.slice(dash + 1) : '').slice(0, 100),
    version: e.version,
    event_type: e.type.slice(0, 100),
    actor_id: typeof actor === 'string' ? actor.slice(0, 100) : null,
    org_unit_id: typeof unit === 'string' && unit.length <= 36 ? unit : null,
    recorded_at: new Date(e.recordedAt).toISOString(),
  };
}
