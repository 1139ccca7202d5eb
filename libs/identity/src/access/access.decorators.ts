import { SetMetadata } from '@nestjs/common';
import { ROLES, type Role } from '../roles';

/** Metadata key of every route's access rule; the API's guard reads it. */
export const ACCESS_RULE = 'pls:access-rule';

/**
 * A route's access rule. Every Nest route carries exactly one — a test
 * enumerates the route table and fails on a route without — so nothing can
 * be added unguarded:
 * - `public`: no token needed (health, login, refresh);
 * - `roles`: a signed-in caller with one of these roles; scope checks on the
 *   record or org unit the route touches happen in the handler;
 * - `policy`: decided per request by a named policy (the generic records
 *   routes: per collection and action, then per record's org unit).
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'policy'; readonly policy: string; readonly roles: readonly Role[] };

/** No token needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** A signed-in caller with one of `roles`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** Any signed-in caller; the handler clips what it answers to the caller's scope. */
export const SignedIn = (): MethodDecorator & ClassDecorator => Roles(...ROLES);

/** Signed in with one of `roles`; the named policy decides the rest per request. */
export const Policy = (policy: string, roles: readonly Role[] = ROLES): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'policy', policy, roles } satisfies AccessRule);
