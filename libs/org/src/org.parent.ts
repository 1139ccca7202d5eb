import type { RouteDeps } from '@pls/event-sourcing';
import type { OrgLevel } from '@pls/reference';
import { refusals } from './org.errors';
import type { OrgUnitState, RegisteredOrgUnit } from './org.state';

/** What a register or move decision must know about the chosen parent, read by the route's `load`. */
export interface ParentFacts {
  readonly level: OrgLevel;
  readonly status: RegisteredOrgUnit['status'];
}

/** city → township → village: each level hangs under exactly one level above it. */
export const PARENT_LEVEL: Readonly<Record<OrgLevel, OrgLevel | null>> = { city: null, township: 'city', village: 'township' };

/** Route `load` step: the parent's level and status, or `null` when there is no such unit. */
export async function loadParent(parentId: string | null, deps: RouteDeps): Promise<{ parent: ParentFacts | null }> {
  if (parentId === null) return { parent: null };
  const record = await deps.readRecord<OrgUnitState>('org-units', parentId);
  if (record === null || record.state.status === 'none') return { parent: null };
  return { parent: { level: record.state.level, status: record.state.status } };
}

/** The facts `loadParent` put into `loaded`. */
export function loadedParent(loaded: Record<string, unknown>): ParentFacts | null {
  return (loaded['parent'] as ParentFacts | undefined) ?? null;
}

/**
 * A township's parent must be an open city, a village's an open township, and
 * a city has none. Levels alone rule out cycles: a unit can only hang under a
 * higher level.
 */
export function checkParent(level: OrgLevel, parentId: string | null, parent: ParentFacts | null): void {
  const expected = PARENT_LEVEL[level];
  if (expected === null) {
    if (parentId !== null) throw refusals.invalidParentLevel('A city has no parent');
    return;
  }
  if (parentId === null) throw refusals.invalidParentLevel(`A ${level} needs a ${expected} as parent`);
  if (parent === null) throw refusals.parentNotFound();
  if (parent.level !== expected) throw refusals.invalidParentLevel(`A ${level}'s parent must be a ${expected}, not a ${parent.level}`);
  if (parent.status !== 'active') throw refusals.parentClosed();
}
