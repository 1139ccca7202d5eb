import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { newId } from '@pls/event-sourcing';
import { AccessTokens, Public, SessionStore, SignedIn, UserDirectory, type Principal, type Role, type UserView } from '@pls/identity';
import type { AuthSettings } from '@pls/config';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { AuthClock } from './auth-clock';
import { ANY_PASSWORD_RULE, readBody } from './auth-body';
import { principalOf } from './auth.guard';
import { LoginRateLimiter } from './login-rate-limit';
import { actionsOfRole } from './policy-table';

export const AUTH_SETTINGS = Symbol.for('pls.AUTH_SETTINGS');

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds the access token is valid for. */
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

const unauthorized = (code: string, title: string) => new ProblemError(401, code, title, {}, { 'WWW-Authenticate': 'Bearer' });
const invalidCredentials = () => unauthorized('AUTH.INVALID_CREDENTIALS', 'The username or password is not right');

/**
 * Sign-in and sessions (API.md, Identity). A session is one sign-in: short
 * access tokens (the guard trusts them until they expire or the session is
 * revoked) and a refresh token exchanged for a new pair on each refresh.
 */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly users: UserDirectory,
    private readonly sessions: SessionStore,
    private readonly tokens: AccessTokens,
    private readonly clock: AuthClock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {
    this.limiter = new LoginRateLimiter(settings.loginRatePerMinute);
  }

  /** The caller's address: the socket's, or behind the one trusted proxy the last `X-Forwarded-For` entry (the one it added). */
  private clientAddress(req: FastifyRequest): string {
    if (!this.settings.trustProxy) return req.ip;
    const header = req.headers['x-forwarded-for'];
    const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').pop()?.trim();
    return last || req.ip;
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token (short-lived) and a refresh token' })
  @ApiBody({ schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } })
  async login(@Body() body: unknown, @Req() req: FastifyRequest): Promise<TokenPair> {
    const now = this.clock.now();
    const wait = this.limiter.take(this.clientAddress(req), now.getTime());
    if (wait !== null) {
      throw new ProblemError(429, 'AUTH.RATE_LIMITED', 'Too many sign-in attempts from this address; wait a little', {}, { 'Retry-After': String(wait) });
    }
    const { username, password } = readBody(body, { username: { kind: 'string', min: 1, max: 256 }, password: ANY_PASSWORD_RULE });
    const outcome = await this.users.signIn(username, password, now);
    switch (outcome.kind) {
      case 'ok':
        return this.openSession(outcome.user, now);
      case 'locked': {
        const seconds = Math.max(1, Math.ceil((Date.parse(outcome.until) - now.getTime()) / 1000));
        throw new ProblemError(423, 'AUTH.LOCKED', 'Too many failed sign-ins: the account is locked for a while', { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
      }
      case 'deactivated':
        throw unauthorized('AUTH.ACCOUNT_DEACTIVATED', 'This account is deactivated');
      case 'invalid':
        throw invalidCredentials();
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new token pair for the refresh token; the old refresh token is spent (a second use ends the session)' })
  @ApiBody({ schema: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string' } } } })
  async refresh(@Body() body: unknown): Promise<TokenPair> {
    const { refreshToken } = readBody(body, { refreshToken: { kind: 'string', min: 1, max: 200 } });
    const now = this.clock.now();
    const rotation = await this.sessions.rotate(refreshToken, now);
    switch (rotation.kind) {
      case 'unknown':
        throw unauthorized('AUTH.REFRESH_INVALID', 'The refresh token is not valid');
      case 'expired':
        throw unauthorized('AUTH.REFRESH_EXPIRED', 'The refresh token has expired; sign in again');
      case 'revoked':
        throw unauthorized('AUTH.SESSION_REVOKED', 'This session has ended; sign in again');
      case 'reused':
        throw unauthorized('AUTH.REFRESH_REUSED', 'This refresh token was used before: the session has ended; sign in again');
      case 'rotated': {
        // Role, scope and status as the user's stream says now: a refresh carries changes into the new token.
        const user = await this.users.current(rotation.userId);
        if (!user || user.status !== 'active') {
          await this.sessions.revoke(rotation.sessionId, 'deactivated', now);
          throw unauthorized('AUTH.SESSION_REVOKED', 'This session has ended; sign in again');
        }
        return this.pair(user, rotation.sessionId, rotation.refreshToken, now);
      }
    }
  }

  @SignedIn()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working' })
  async logout(@Req() req: FastifyRequest): Promise<void> {
    await this.sessions.revoke(principalOf(req).sessionId, 'logout', this.clock.now());
  }

  @SignedIn()
  @Get('me')
  @ApiOperation({ summary: 'The caller: { id, username, role, orgUnitId } (orgUnitId null for a network-wide admin)' })
  me(@Req() req: FastifyRequest): { id: string; username: string; role: string; orgUnitId: string | null } {
    const { id, username, role, orgUnitId } = principalOf(req);
    return { id, username, role, orgUnitId };
  }

  @SignedIn()
  @Get('permissions')
  @ApiOperation({
    summary:
      "The commands the caller's role may run: { role, actions: { <collection>: ['(create)', <action>, …] } } from the policy table " +
      '(record reads, open to every role, are not listed; whether a record lies in your org scope is still checked per request)',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['role', 'actions'],
      properties: {
        role: { type: 'string' },
        actions: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    },
  })
  permissions(@Req() req: FastifyRequest): { role: Role; actions: Record<string, string[]> } {
    const { role } = principalOf(req);
    return { role, actions: actionsOfRole(role) };
  }

  @SignedIn()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your own password: every session of yours ends; answers a new token pair for this device' })
  @ApiBody({ schema: { type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string' } } } })
  async changePassword(@Body() body: unknown, @Req() req: FastifyRequest): Promise<TokenPair> {
    const principal: Principal = principalOf(req);
    const { currentPassword, newPassword } = readBody(body, { currentPassword: ANY_PASSWORD_RULE, newPassword: ANY_PASSWORD_RULE });
    const now = this.clock.now();
    await this.users.changeOwnPassword(principal.id, currentPassword, newPassword, { commandId: newId(), actorId: principal.id, now: now.toISOString() });
    const user = await this.users.current(principal.id);
    if (!user) throw invalidCredentials();
    return this.openSession(user, now);
  }

  private async openSession(user: UserView, now: Date): Promise<TokenPair> {
    const { sessionId, refreshToken } = await this.sessions.open(user.id, now);
    return this.pair(user, sessionId, refreshToken, now);
  }

  private pair(user: UserView, sessionId: string, refreshToken: string, now: Date): TokenPair {
    const { token } = this.tokens.issue({ id: user.id, username: user.username, role: user.role, orgUnitId: user.orgUnitId, sessionId }, now);
    return { accessToken: token, refreshToken, expiresIn: this.tokens.ttlSeconds, tokenType: 'Bearer' };
  }
}
