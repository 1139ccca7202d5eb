import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_TOKEN_TTL_SECONDS, SessionStore } from '@pls/identity';
import { AccessTokens } from '@pls/identity';
import { ProblemError } from '../http/problem';
import type { SessionRevocations } from './auth.guard';
import { AuthClock } from './auth-clock';

/** How stale another process's revocations may be here: checked at most this often. */
export const REVOCATION_POLL_MS = 1_000;
/** How old the revocation list may grow while the database does not answer before requests are refused (503). */
const STALE_LIMIT_MS = 10_000;
/** Clocks of API processes may differ a little: each look reaches this far behind the last one. */
const CLOCK_SLACK_MS = 10_000;

/**
 * The guard's "was this session revoked?", without a database query per
 * request. Revocations made in this process count at once (the session store
 * tells); those of other processes are fetched at most once a second
 * (one small query, whatever the request rate), so a logout elsewhere takes
 * effect here within about a second. Only revocations younger than an
 * access token's lifetime are kept: an older one's tokens have expired anyway.
 */
@Injectable()
export class RevocationCache implements SessionRevocations, OnModuleDestroy {
  /** session id → revoked at (ms). */
  private readonly revoked = new Map<string, number>();
  private lastLookMs = Number.NEGATIVE_INFINITY;
  private looking: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private readonly keepMs: number;

  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AuthClock) private readonly clock: AuthClock,
    @Inject(AccessTokens) tokens: AccessTokens,
  ) {
    this.keepMs = ((tokens.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS) * 1000) + 60_000;
    this.unsubscribe = sessions.onRevoked((ids) => {
      const at = Date.now();
      for (const id of ids) this.revoked.set(id, at);
    });
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revoked.has(sessionId)) return true;
    if (Date.now() - this.lastLookMs >= REVOCATION_POLL_MS) {
      try {
        await this.look();
      } catch {
        // The database did not answer: a list a few seconds old still serves; an older one fails closed.
        if (Date.now() - this.lastLookMs > STALE_LIMIT_MS) {
          throw new ProblemError(503, 'AUTH.UNAVAILABLE', 'Sessions cannot be checked right now; try again shortly', {}, { 'Retry-After': '2' });
        }
      }
    }
    return this.revoked.has(sessionId);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private look(): Promise<void> {
    this.looking ??= (async () => {
      const started = Date.now();
      const since = Number.isFinite(this.lastLookMs) ? this.lastLookMs - CLOCK_SLACK_MS : this.clock.now().getTime() - this.keepMs;
      try {
        for (const id of await this.sessions.revokedSince(since)) if (!this.revoked.has(id)) this.revoked.set(id, started);
        this.lastLookMs = started;
        for (const [id, at] of this.revoked) if (started - at > this.keepMs) this.revoked.delete(id);
      } finally {
        this.looking = null;
      }
    })();
    return this.looking;
  }
}
