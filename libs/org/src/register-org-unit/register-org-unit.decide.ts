import type { OrgUnitEvent } from '../org.events';
import { refusals } from '../org.errors';
import { checkParent } from '../org.parent';
import type { OrgUnitState } from '../org.state';
import type { RegisterOrgUnit } from './register-org-unit.command';

export function decideRegisterOrgUnit({ data }: RegisterOrgUnit, state: OrgUnitState): OrgUnitEvent[] {
  if (state.status !== 'none') throw refusals.alreadyRegistered();
  checkParent(data.level, data.parentId, data.parent);
  return [
    {
      type: 'OrgUnitRegistered',
      data: { orgUnitId: data.id, name: data.name, level: data.level, parentId: data.parentId, code: data.code ?? null },
    },
  ];
}
