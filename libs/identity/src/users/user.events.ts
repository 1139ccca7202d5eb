import type { Event } from '@pls/event-sourcing';
import type { Role } from '../roles';

/**
 * The user stream's events (`user-<id>`): the contract, type strings final.
 * They carry ids, the role and the scope only — never the username (often a
 * person's name), the password or its hash: those live in the account table
 * of the read-model database (PIPL; a hash in the log could never be erased).
 */

/** `orgUnitId` `null`: a network-wide admin (the bootstrap admin). */
export type UserRegistered = Event<'UserRegistered', { readonly userId: string; readonly role: Role; readonly orgUnitId: string | null }>;
export type UserRoleChanged = Event<'UserRoleChanged', { readonly userId: string; readonly role: Role }>;
export type UserScopeChanged = Event<'UserScopeChanged', { readonly userId: string; readonly orgUnitId: string | null }>;
export type UserDeactivated = Event<'UserDeactivated', { readonly userId: string }>;
export type UserReactivated = Event<'UserReactivated', { readonly userId: string }>;
/** The password was set anew: by the user (`self`) or reset by an admin (`admin`). Nothing of it is here. */
export type UserPasswordChanged = Event<'UserPasswordChanged', { readonly userId: string; readonly by: 'self' | 'admin' }>;

export type UserEvent = UserRegistered | UserRoleChanged | UserScopeChanged | UserDeactivated | UserReactivated | UserPasswordChanged;

export const USER_STREAM = 'user';
