import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, AccessTokens, type AccessRule, type Principal } from '@pls/identity';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { AccessPolicies } from './policy-access';
import { AuthClock } from './auth-clock';

/** Answers whether a login session was revoked (logout, password change, refresh-token reuse). */
export interface SessionRevocations {
  isRevoked(sessionId: string): Promise<boolean>;
}
export const SESSION_REVOCATIONS = Symbol.for('pls.SESSION_REVOCATIONS');

/** The request after the guard: `user` is the caller (the responder scopes Idempotency-Keys by it). */
export type AuthenticatedRequest = FastifyRequest & { user: Principal };

export function principalOf(req: FastifyRequest): Principal {
  const user = (req as Partial<AuthenticatedRequest>).user;
  if (!user) throw new ProblemError(401, 'AUTH.UNAUTHENTICATED', 'Sign in first', {}, { 'WWW-Authenticate': 'Bearer' });
  return user;
}

/**
 * The global guard: every route needs an access rule (fail closed — a route
 * without one answers 403 and the route-table test names it). Public routes
 * pass; every other needs a valid, unrevoked bearer token and a role the rule
 * allows. Scope (which records and units) is the handler's and policies' part.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly policies: AccessPolicies,
    private readonly clock: AuthClock,
    @Optional() @Inject(SESSION_REVOCATIONS) private readonly revocations?: SessionRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new ProblemError(403, 'AUTH.NO_RULE', 'This route has no access rule');
    if (rule.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(req);
    (req as AuthenticatedRequest).user = principal;
    if (!rule.roles.includes(principal.role)) {
      throw new ProblemError(403, 'AUTH.ROLE_FORBIDDEN', `A ${principal.role} may not do this`);
    }
    // The named policy decides the rest: per collection and action, or the queried unit's scope.
    if (rule.kind === 'policy') await this.policies.authorize(rule.policy, principal, req, context.getHandler().name);
    return true;
  }

  private async authenticate(req: FastifyRequest): Promise<Principal> {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const unauthenticated = (code: string, title: string) =>
      new ProblemError(401, code, title, {}, { 'WWW-Authenticate': 'Bearer' });
    if (!m) throw unauthenticated('AUTH.UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <accessToken>');
    const check = this.tokens.verify(m[1]!, this.clock.now());
    if (!check.ok) {
      throw check.reason === 'expired'
        ? unauthenticated('AUTH.TOKEN_EXPIRED', 'The access token has expired; refresh it')
        : unauthenticated('AUTH.TOKEN_INVALID', 'The access token is not valid');
    }
    if (this.revocations && (await this.revocations.isRevoked(check.principal.sessionId))) {
      throw unauthenticated('AUTH.SESSION_REVOKED', 'This session has ended; sign in again');
    }
    return check.principal;
  }
}
