import { assertNever, type Decider } from '@pls/event-sourcing';
import { decideCloseOrgUnit } from './close-org-unit/close-org-unit.decide';
import type { CloseOrgUnit } from './close-org-unit/close-org-unit.command';
import { decideMoveOrgUnit } from './move-org-unit/move-org-unit.decide';
import type { MoveOrgUnit } from './move-org-unit/move-org-unit.command';
import type { OrgUnitEvent } from './org.events';
import { evolveOrgUnit, initialOrgUnitState, type OrgUnitState } from './org.state';
import { decideRegisterOrgUnit } from './register-org-unit/register-org-unit.decide';
import type { RegisterOrgUnit } from './register-org-unit/register-org-unit.command';
import { decideRenameOrgUnit } from './rename-org-unit/rename-org-unit.decide';
import type { RenameOrgUnit } from './rename-org-unit/rename-org-unit.command';

export type OrgUnitCommand = RegisterOrgUnit | RenameOrgUnit | MoveOrgUnit | CloseOrgUnit;

export const orgUnitDecider: Decider<OrgUnitCommand, OrgUnitEvent, OrgUnitState> = {
  initialState: initialOrgUnitState,
  evolve: evolveOrgUnit,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrgUnit':
        return decideRegisterOrgUnit(command, state);
      case 'RenameOrgUnit':
        return decideRenameOrgUnit(command, state);
      case 'MoveOrgUnit':
        return decideMoveOrgUnit(command, state);
      case 'CloseOrgUnit':
        return decideCloseOrgUnit(command, state);
      default:
        return assertNever(command, 'org unit command');
    }
  },
};
