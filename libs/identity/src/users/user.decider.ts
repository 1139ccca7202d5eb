import { assertNever, type Decider } from '@pls/event-sourcing';
import type { Role } from '../roles';
import type { UserCommand } from './user.commands';
import { userRefusals } from './user.errors';
import type { UserEvent } from './user.events';
import { evolveUser, initialUserState, type RegisteredUser, type UserState } from './user.state';

/** Only an admin may see the whole network; everyone else works inside one org unit's subtree. */
function checkScope(role: Role, orgUnitId: string | null): void {
  if (orgUnitId === null && role !== 'admin') throw userRefusals.scopeRequired();
}

function registered(state: UserState): RegisteredUser {
  if (state.status === 'none') throw userRefusals.notFound();
  return state;
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: initialUserState,
  evolve: evolveUser,
  decide(command, state): UserEvent[] {
    switch (command.type) {
      case 'RegisterUser': {
        if (state.status !== 'none') throw userRefusals.alreadyRegistered();
        const { userId, role, orgUnitId } = command.data;
        checkScope(role, orgUnitId);
        return [{ type: 'UserRegistered', data: { userId, role, orgUnitId } }];
      }
      case 'ChangeUserRole': {
        const user = registered(state);
        if (user.role === command.data.role) return [];
        checkScope(command.data.role, user.orgUnitId);
        return [{ type: 'UserRoleChanged', data: { userId: user.id, role: command.data.role } }];
      }
      case 'ChangeUserScope': {
        const user = registered(state);
        if (user.orgUnitId === command.data.orgUnitId) return [];
        checkScope(user.role, command.data.orgUnitId);
        return [{ type: 'UserScopeChanged', data: { userId: user.id, orgUnitId: command.data.orgUnitId } }];
      }
      case 'DeactivateUser': {
        const user = registered(state);
        if (user.status === 'deactivated') throw userRefusals.alreadyDeactivated();
        if (command.metadata.actorId === user.id) throw userRefusals.selfDeactivation();
        return [{ type: 'UserDeactivated', data: { userId: user.id } }];
      }
      case 'ReactivateUser': {
        const user = registered(state);
        if (user.status !== 'deactivated') throw userRefusals.notDeactivated();
        return [{ type: 'UserReactivated', data: { userId: user.id } }];
      }
      case 'RecordPasswordChange': {
        const user = registered(state);
        // A deactivated user cannot sign in to change her own; an admin may reset it before reactivating.
        if (command.data.by === 'self' && user.status === 'deactivated') throw userRefusals.deactivated();
        return [{ type: 'UserPasswordChanged', data: { userId: user.id, by: command.data.by } }];
      }
      default:
        return assertNever(command, 'user command');
    }
  },
};
