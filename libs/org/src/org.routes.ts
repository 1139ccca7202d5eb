import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { closeOrgUnitRoute } from './close-org-unit/close-org-unit.command';
import { moveOrgUnitRoute } from './move-org-unit/move-org-unit.command';
import { orgUnitCollection } from './org.collection';
import type { OrgUnitState } from './org.state';
import { registerOrgUnitRoute } from './register-org-unit/register-org-unit.command';
import { renameOrgUnitRoute } from './rename-org-unit/rename-org-unit.command';

export const orgUnitRoutes: CommandRoute[] = [registerOrgUnitRoute, renameOrgUnitRoute, moveOrgUnitRoute, closeOrgUnitRoute];

/** `GET /org-units/{id}`: the unit with the parents it has had (a moved village's past stays with its old township). */
export const orgUnitView: RecordView<OrgUnitState> = {
  collection: orgUnitCollection.collection,
  streamCategory: orgUnitCollection.streamCategory,
  decider: orgUnitCollection.decider,
  view(state) {
    if (state.status === 'none') return null;
    return {
      id: state.id,
      status: state.status,
      name: state.name,
      level: state.level,
      parentId: state.parentId,
      code: state.code,
      parentHistory: state.parentHistory,
      closedOn: state.status === 'closed' ? state.closedOn : null,
    };
  },
};
