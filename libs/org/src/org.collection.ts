import { orgUnitDecider } from './org.decider';
import type { OrgUnitState } from './org.state';

/** What every org unit route and the view share: where the records live and who rules on them. */
export const orgUnitCollection = {
  collection: 'org-units',
  streamCategory: 'orgunit',
  decider: orgUnitDecider,
  /** A unit is its own org unit: events about it are scoped to it. */
  orgUnitOf: (state: OrgUnitState): string | null => (state.status === 'none' ? null : state.id),
} as const;
