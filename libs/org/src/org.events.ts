import type { Event } from '@pls/event-sourcing';
import type { OrgLevel } from '@pls/reference';

/**
 * The org unit stream's events: the contract. Type strings are final. Every
 * event names its unit, so a projection of the tree reads no other stream.
 * A unit's name and code name a public office, not a person: they may travel
 * in events (PIPL concerns persons only).
 */

export type OrgUnitRegistered = Event<
  'OrgUnitRegistered',
  {
    readonly orgUnitId: string;
    readonly name: string;
    readonly level: OrgLevel;
    /** `null` for a city, the root of its tree. */
    readonly parentId: string | null;
    readonly code: string | null;
  }
>;

export type OrgUnitRenamed = Event<'OrgUnitRenamed', { readonly orgUnitId: string; readonly name: string }>;

/**
 * From `effectiveOn` the unit rolls up to its new parent; what happened before
 * stays with the old one (DOMAIN.md: a moved village keeps its past figures).
 */
export type OrgUnitMoved = Event<
  'OrgUnitMoved',
  { readonly orgUnitId: string; readonly fromParentId: string; readonly toParentId: string; readonly effectiveOn: string }
>;

export type OrgUnitClosed = Event<'OrgUnitClosed', { readonly orgUnitId: string; readonly closedOn: string }>;

export type OrgUnitEvent = OrgUnitRegistered | OrgUnitRenamed | OrgUnitMoved | OrgUnitClosed;
