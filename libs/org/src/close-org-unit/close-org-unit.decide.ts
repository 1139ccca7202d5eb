import { shanghaiDate } from '@pls/reference';
import type { OrgUnitEvent } from '../org.events';
import { requireActive } from '../org.guards';
import type { OrgUnitState } from '../org.state';
import type { CloseOrgUnit } from './close-org-unit.command';

export function decideCloseOrgUnit({ data, metadata }: CloseOrgUnit, state: OrgUnitState): OrgUnitEvent[] {
  const unit = requireActive(state);
  // Closing a unit that still has open children is to be refused (409
  // ORG.HAS_OPEN_CHILDREN), but the children live in their own streams and a
  // pure decision cannot see them. The check belongs in this route's `load`,
  // once an org-tree read model can list a unit's open children: it would pass
  // their count as a fact (as register and move pass `parent`) and this
  // function would refuse on it. Until then the rule is not enforced.
  const closedOn = data.closedOn ?? shanghaiDate(metadata.now);
  return [{ type: 'OrgUnitClosed', data: { orgUnitId: unit.id, closedOn } }];
}
