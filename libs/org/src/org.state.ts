import { assertNever } from '@pls/event-sourcing';
import type { OrgLevel } from '@pls/reference';
import type { OrgUnitEvent } from './org.events';

/** One stretch of a unit's life under one parent; `since: null` means from registration. */
export interface ParentPeriod {
  readonly parentId: string | null;
  readonly since: string | null;
  /** `null` while the period runs. */
  readonly until: string | null;
}

interface OrgUnitFields {
  readonly id: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId: string | null;
  readonly code: string | null;
  /** Oldest first; the last period is the current parent. */
  readonly parentHistory: readonly ParentPeriod[];
}

export type ActiveOrgUnit = OrgUnitFields & { readonly status: 'active' };
export type ClosedOrgUnit = OrgUnitFields & { readonly status: 'closed'; readonly closedOn: string };
export type RegisteredOrgUnit = ActiveOrgUnit | ClosedOrgUnit;
export type OrgUnitState = { readonly status: 'none' } | RegisteredOrgUnit;
export type OrgUnitStatus = OrgUnitState['status'];

export const initialOrgUnitState: OrgUnitState = { status: 'none' };

export function evolveOrgUnit(state: OrgUnitState, event: OrgUnitEvent): OrgUnitState {
  switch (event.type) {
    case 'OrgUnitRegistered': {
      const { orgUnitId, name, level, parentId, code } = event.data;
      return { status: 'active', id: orgUnitId, name, level, parentId, code, parentHistory: [{ parentId, since: null, until: null }] };
    }
    case 'OrgUnitRenamed':
      return state.status === 'none' ? state : { ...state, name: event.data.name };
    case 'OrgUnitMoved': {
      if (state.status === 'none') return state;
      const { toParentId, effectiveOn } = event.data;
      const ended = state.parentHistory.map((period, i, all) => (i === all.length - 1 ? { ...period, until: effectiveOn } : period));
      return { ...state, parentId: toParentId, parentHistory: [...ended, { parentId: toParentId, since: effectiveOn, until: null }] };
    }
    case 'OrgUnitClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed', closedOn: event.data.closedOn };
    default:
      return assertNever(event, 'org unit event');
  }
}

/** The period the unit is in now. */
export function currentParentPeriod(unit: RegisteredOrgUnit): ParentPeriod {
  return unit.parentHistory[unit.parentHistory.length - 1]!;
}
