import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Principal } from '../roles';

/** Default lifetime of an access token; refresh tokens renew it. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export type TokenCheck =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Short-lived access tokens: compact JWS (HS256) over the principal, signed
 * with the configured token secret. Stateless to verify; revocation of a
 * session is checked by the caller against the session store.
 */
export class AccessTokens {
  /**
   * Tokens whose signature and claims checked out lately → what they say. A
   * token's principal and expiry follow from its text under this secret, so a
   * repeat skips the HMAC and the JSON parse; the expiry is still compared with
   * `now` on every call. Bounded: cleared when full.
   */
  private readonly verified = new Map<string, { readonly principal: Principal; readonly exp: number }>();

  constructor(
    private readonly secret: Buffer,
    readonly ttlSeconds: number = ACCESS_TOKEN_TTL_SECONDS,
  ) {
    if (secret.length < 32) throw new Error('the token secret must be at least 32 bytes');
  }

  issue(principal: Principal, now: Date = new Date()): { token: string; expiresAt: number } {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const claims = {
      sub: principal.id,
      usr: principal.username,
      role: principal.role,
      unit: principal.orgUnitId,
      sid: principal.sessionId,
      iat,
      exp,
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: exp };
  }

  verify(token: string, now: Date = new Date()): TokenCheck {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() >= known.exp * 1000) return { ok: false, reason: 'expired' };
      return { ok: true, principal: known.principal, expiresAt: known.exp };
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2]!, 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const { sub, usr, role, unit, sid, exp } = claims;
    if (
      typeof sub !== 'string' ||
      typeof usr !== 'string' ||
      !isRole(role) ||
      (unit !== null && typeof unit !== 'string') ||
      typeof sid !== 'string' ||
      typeof exp !== 'number'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
    const principal: Principal = Object.freeze({ id: sub, username: usr, role, orgUnitId: unit, sessionId: sid });
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(token, { principal, exp });
    return { ok: true, principal, expiresAt: exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** Verified tokens remembered at most (one per signed-in session and refresh, roughly). */
const MAX_VERIFIED = 10_000;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
