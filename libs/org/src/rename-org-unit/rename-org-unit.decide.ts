import type { OrgUnitEvent } from '../org.events';
import { refusals } from '../org.errors';
import { requireActive } from '../org.guards';
import type { OrgUnitState } from '../org.state';
import type { RenameOrgUnit } from './rename-org-unit.command';

export function decideRenameOrgUnit({ data }: RenameOrgUnit, state: OrgUnitState): OrgUnitEvent[] {
  const unit = requireActive(state);
  if (data.name === unit.name) throw refusals.sameName();
  return [{ type: 'OrgUnitRenamed', data: { orgUnitId: unit.id, name: data.name } }];
}
