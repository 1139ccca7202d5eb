import { shanghaiDate } from '@pls/reference';
import type { OrgUnitEvent } from '../org.events';
import { refusals } from '../org.errors';
import { requireActive } from '../org.guards';
import { checkParent } from '../org.parent';
import { currentParentPeriod, type OrgUnitState } from '../org.state';
import type { MoveOrgUnit } from './move-org-unit.command';

export function decideMoveOrgUnit({ data, metadata }: MoveOrgUnit, state: OrgUnitState): OrgUnitEvent[] {
  const unit = requireActive(state);
  const fromParentId = unit.parentId;
  // Only a city has no parent: it is the root of its tree and has nowhere to go.
  if (unit.level === 'city' || fromParentId === null) throw refusals.cityNotMovable();
  if (data.parentId === fromParentId) throw refusals.sameParent();
  checkParent(unit.level, data.parentId, data.parent);
  const effectiveOn = data.effectiveOn ?? shanghaiDate(metadata.now);
  // Parent periods must follow one another, or a day would belong to two parents.
  const { since } = currentParentPeriod(unit);
  if (since !== null && effectiveOn < since) throw refusals.moveBeforeLastMove(since);
  return [{ type: 'OrgUnitMoved', data: { orgUnitId: unit.id, fromParentId, toParentId: data.parentId, effectiveOn } }];
}
