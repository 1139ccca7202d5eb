import { assertNever } from '@pls/event-sourcing';
import type { Role } from '../roles';
import type { UserEvent } from './user.events';

interface UserFields {
  readonly id: string;
  readonly role: Role;
  readonly orgUnitId: string | null;
}

export type RegisteredUser = UserFields & { readonly status: 'active' | 'deactivated' };
export type UserState = { readonly status: 'none' } | RegisteredUser;

export const initialUserState: UserState = { status: 'none' };

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { status: 'active', id: event.data.userId, role: event.data.role, orgUnitId: event.data.orgUnitId };
    case 'UserRoleChanged':
      return state.status === 'none' ? state : { ...state, role: event.data.role };
    case 'UserScopeChanged':
      return state.status === 'none' ? state : { ...state, orgUnitId: event.data.orgUnitId };
    case 'UserDeactivated':
      return state.status === 'none' ? state : { ...state, status: 'deactivated' };
    case 'UserReactivated':
      return state.status === 'none' ? state : { ...state, status: 'active' };
    case 'UserPasswordChanged':
      return state;
    default:
      return assertNever(event, 'user event');
  }
}
