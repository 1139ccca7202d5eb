import { assertNever } from '@pls/event-sourcing';
import { refusals } from './org.errors';
import type { ActiveOrgUnit, OrgUnitState } from './org.state';

/** The open unit a command acts on, or the refusal that explains why there is none. */
export function requireActive(state: OrgUnitState): ActiveOrgUnit {
  switch (state.status) {
    case 'active':
      return state;
    case 'closed':
      throw refusals.alreadyClosed();
    case 'none':
      throw refusals.notFound();
    default:
      return assertNever(state, 'org unit state');
  }
}
