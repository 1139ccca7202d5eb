import type { RecordedEvent } from '@pls/event-store';
import type { OrgUnitEvent } from '@pls/org';
import { chunks, rows, valuesList, type Dialect, type SqlTarget } from '../sql';
import { normaliseInstant } from './fact';

/** Open ends of the two time axes of `stat_org_periods`. */
export const FIRST_DAY = '0000-01-01';
export const LAST_DAY = '9999-12-31';
export const END_OF_TIME = '9999-12-31T23:59:59.999Z';

export const ORG_EVENT_TYPES: ReadonlySet<string> = new Set(['OrgUnitRegistered', 'OrgUnitMoved']);

interface Period {
  periodId: string;
  unitId: string;
  parentId: string | null;
  validFrom: string;
  validTo: string;
  knownFrom: string;
  knownTo: string;
}

/**
 * Applies a batch's registrations and moves to the org history.
 *
 * A unit's periods partition business time: registration opens one period
 * covering every day; `OrgUnitMoved{effectiveOn}` cuts the last one at
 * `effectiveOn` and opens a new one under the new parent (the decider refuses a
 * move before the last move, so only the last period is ever cut). Rows are
 * never rewritten in business time: a move retires (`known_to`) the period it
 * cuts and adds its replacements, so queries `asOf` an instant read the tree
 * as it was known then. One read and a few multi-row writes per batch.
 */
export async function applyOrgEvents(tx: SqlTarget, dialect: Dialect, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const moved = [...new Set(events.filter((e) => e.type === 'OrgUnitMoved').map((e) => (e.data as { orgUnitId: string }).orgUnitId))];
  const ownIds = events.map((e) => `${e.id}:${e.type === 'OrgUnitMoved' ? 'to' : 'reg'}`);

  const applied = new Set<string>();
  for (const part of chunks(ownIds, 1)) {
    const found = await rows<{ period_id: string }>(
      tx,
      dialect,
      `SELECT period_id FROM stat_org_periods WHERE period_id IN (${part.map(() => '?').join(', ')})`,
      part,
    );
    for (const r of found) applied.add(r.period_id);
  }
  const current = new Map<string, Period>();
  for (const part of chunks(moved, 1)) {
    const found = await rows<{
      period_id: string;
      unit_id: string;
      parent_id: string | null;
      valid_from: string;
      valid_to: string;
      known_from: string;
      known_to: string;
    }>(
      tx,
      dialect,
      `SELECT period_id, unit_id, parent_id, valid_from, valid_to, known_from, known_to FROM stat_org_periods
       WHERE unit_id IN (${part.map(() => '?').join(', ')}) AND valid_to = ? AND known_to = ?`,
      [...part, LAST_DAY, END_OF_TIME],
    );
    for (const r of found) {
      current.set(r.unit_id, {
        periodId: r.period_id,
        unitId: r.unit_id,
        parentId: r.parent_id,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        knownFrom: r.known_from,
        knownTo: r.known_to,
      });
    }
  }

  const added: Period[] = [];
  const retired: Array<{ periodId: string; at: string }> = [];
  const units: Array<{ id: string; parentId: string | null; level: string; at: string }> = [];
  const parents: Array<{ id: string; parentId: string }> = [];
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as OrgUnitEvent;
    const at = normaliseInstant(recorded.recordedAt);
    if (event.type === 'OrgUnitRegistered') {
      const periodId = `${recorded.id}:reg`;
      if (applied.has(periodId)) continue;
      const { orgUnitId, parentId, level } = event.data;
      const period: Period = {
        periodId,
        unitId: orgUnitId,
        parentId,
        validFrom: FIRST_DAY,
        validTo: LAST_DAY,
        knownFrom: at,
        knownTo: END_OF_TIME,
      };
      added.push(period);
      current.set(orgUnitId, period);
      units.push({ id: orgUnitId, parentId, level, at });
    } else if (event.type === 'OrgUnitMoved') {
      const periodId = `${recorded.id}:to`;
      if (applied.has(periodId)) continue;
      const { orgUnitId, toParentId, effectiveOn } = event.data;
      const last = current.get(orgUnitId);
      if (!last) continue; // a unit this projection never saw registered: nothing to move
      if (added.includes(last)) last.knownTo = at;
      else retired.push({ periodId: last.periodId, at });
      if (last.validFrom < effectiveOn) {
        added.push({ ...last, periodId: `${recorded.id}:from`, validTo: effectiveOn, knownFrom: at, knownTo: END_OF_TIME });
      }
      const next: Period = {
        periodId,
        unitId: orgUnitId,
        parentId: toParentId,
        validFrom: effectiveOn,
        validTo: LAST_DAY,
        knownFrom: at,
        knownTo: END_OF_TIME,
      };
      added.push(next);
      current.set(orgUnitId, next);
      parents.push({ id: orgUnitId, parentId: toParentId });
    }
  }

  for (const r of retired) {
    await rows(tx, dialect, 'UPDATE stat_org_periods SET known_to = ? WHERE period_id = ?', [r.at, r.periodId]);
  }
  for (const part of chunks(added, 7)) {
    await rows(
      tx,
      dialect,
      `INSERT INTO stat_org_periods (period_id, unit_id, parent_id, valid_from, valid_to, known_from, known_to)
       VALUES ${valuesList(part.length, 7)} ON CONFLICT (period_id) DO NOTHING`,
      part.flatMap((p) => [p.periodId, p.unitId, p.parentId, p.validFrom, p.validTo, p.knownFrom, p.knownTo]),
    );
  }
  for (const part of chunks(units, 4)) {
    await rows(
      tx,
      dialect,
      `INSERT INTO stat_org_units (id, parent_id, level, registered_at) VALUES ${valuesList(part.length, 4)} ON CONFLICT (id) DO NOTHING`,
      part.flatMap((u) => [u.id, u.parentId, u.level, u.at]),
    );
  }
  for (const p of parents) {
    await rows(tx, dialect, 'UPDATE stat_org_units SET parent_id = ? WHERE id = ?', [p.parentId, p.id]);
  }
}
