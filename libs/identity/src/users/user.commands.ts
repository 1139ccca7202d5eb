import type { Command } from '@pls/event-sourcing';
import type { Role } from '../roles';

export type RegisterUser = Command<'RegisterUser', { readonly userId: string; readonly role: Role; readonly orgUnitId: string | null }>;
export type ChangeUserRole = Command<'ChangeUserRole', { readonly userId: string; readonly role: Role }>;
export type ChangeUserScope = Command<'ChangeUserScope', { readonly userId: string; readonly orgUnitId: string | null }>;
export type DeactivateUser = Command<'DeactivateUser', { readonly userId: string }>;
export type ReactivateUser = Command<'ReactivateUser', { readonly userId: string }>;
/** Records that the password was set anew; the hash itself goes to the account table only. */
export type RecordPasswordChange = Command<'RecordPasswordChange', { readonly userId: string; readonly by: 'self' | 'admin' }>;

export type UserCommand = RegisterUser | ChangeUserRole | ChangeUserScope | DeactivateUser | ReactivateUser | RecordPasswordChange;
