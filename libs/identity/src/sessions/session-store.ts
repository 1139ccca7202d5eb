import { exclusive, writeTransaction } from '@pls/read-model';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const SESSIONS_TABLE = 'identity_sessions';
export const REFRESH_TOKENS_TABLE = 'identity_refresh_tokens';

/** Why a session ended. */
export type RevocationReason = 'logout' | 'password-changed' | 'refresh-reused' | 'deactivated' | 'role-changed' | 'scope-changed';

export type Rotation =
  | { readonly kind: 'rotated'; readonly sessionId: string; readonly userId: string; readonly refreshToken: string }
  | { readonly kind: 'unknown' | 'expired' | 'revoked' }
  /** The token had been exchanged already: someone holds a copy. The whole session is now revoked. */
  | { readonly kind: 'reused'; readonly sessionId: string };

/** SHA-256 of the opaque token: the table never holds a usable refresh token. */
export function refreshTokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Login sessions and their refresh tokens. A session is one sign-in; each
 * refresh exchanges the current refresh token for a new one (rotation). The
 * tokens are 256 random bits, stored as digests.
 */
export class SessionStore {
  private readonly listeners = new Set<(sessionIds: readonly string[]) => void>();

  constructor(
    private readonly db: DataSource,
    private readonly refreshTtlSeconds: number,
  ) {}

  /** Hears every revocation made through this store (this process), as it happens. */
  onRevoked(listener: (sessionIds: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(userId: string, now: Date): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    await writeTransaction(this.db, async (tx) => {
      await tx.createQueryBuilder().insert().into(SESSIONS_TABLE).values({ id: sessionId, user_id: userId, created_at: now.toISOString() }).execute();
      await tx.createQueryBuilder().insert().into(REFRESH_TOKENS_TABLE).values(this.tokenRow(refreshToken, sessionId, now)).execute();
    });
    return { sessionId, refreshToken };
  }

  async rotate(refreshToken: string, now: Date): Promise<Rotation> {
    const digest = refreshTokenDigest(refreshToken);
    const found = await this.db
      .createQueryBuilder()
      .select(['t.session_id AS session_id', 't.expires_at AS expires_at', 't.used_at AS used_at', 's.user_id AS user_id', 's.revoked_at AS revoked_at'])
      .from(REFRESH_TOKENS_TABLE, 't')
      .innerJoin(SESSIONS_TABLE, 's', 's.id = t.session_id')
      .where('t.token_hash = :digest', { digest })
      .getRawOne<{ session_id: string; expires_at: string; used_at: string | null; user_id: string; revoked_at: string | null }>();
    if (!found) return { kind: 'unknown' };
    if (found.revoked_at !== null) return { kind: 'revoked' };
    if (found.used_at !== null) {
      await this.revoke(found.session_id, 'refresh-reused', now);
      return { kind: 'reused', sessionId: found.session_id };
    }
    if (found.expires_at <= now.toISOString()) return { kind: 'expired' };
    const next = newRefreshToken();
    // Only one exchange of a token can win, in any process: the loser saw it already used.
    const won = await writeTransaction(this.db, async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(REFRESH_TOKENS_TABLE)
        .set({ used_at: now.toISOString() })
        .where('token_hash = :digest AND used_at IS NULL', { digest })
        .execute();
      if (!claimed.affected) return false;
      await tx.createQueryBuilder().insert().into(REFRESH_TOKENS_TABLE).values(this.tokenRow(next, found.session_id, now)).execute();
      return true;
    });
    if (!won) {
      await this.revoke(found.session_id, 'refresh-reused', now);
      return { kind: 'reused', sessionId: found.session_id };
    }
    return { kind: 'rotated', sessionId: found.session_id, userId: found.user_id, refreshToken: next };
  }

  async revoke(sessionId: string, reason: RevocationReason, now: Date): Promise<void> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .update(SESSIONS_TABLE)
        .set({ revoked_at: now.toISOString(), revoked_reason: reason, revoked_ms: now.getTime() })
        .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
        .execute(),
    );
    this.tell([sessionId]);
  }

  /** Ends every open session of the user (password change, deactivation, new role or scope). */
  async revokeUser(userId: string, reason: RevocationReason, now: Date): Promise<void> {
    const open = await this.db
      .createQueryBuilder()
      .select('s.id', 'id')
      .from(SESSIONS_TABLE, 's')
      .where('s.user_id = :userId AND s.revoked_at IS NULL', { userId })
      .getRawMany<{ id: string }>();
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .update(SESSIONS_TABLE)
        .set({ revoked_at: now.toISOString(), revoked_reason: reason, revoked_ms: now.getTime() })
        .where('user_id = :userId AND revoked_at IS NULL', { userId })
        .execute(),
    );
    this.tell(open.map((r) => r.id));
  }

  /** Sessions revoked at or after `sinceMs` (any process), for the revocation cache. */
  async revokedSince(sinceMs: number): Promise<string[]> {
    const rows = await this.db
      .createQueryBuilder()
      .select('s.id', 'id')
      .from(SESSIONS_TABLE, 's')
      .where('s.revoked_ms >= :since', { since: sinceMs })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const row = await this.db
      .createQueryBuilder()
      .select('s.revoked_at', 'revoked_at')
      .from(SESSIONS_TABLE, 's')
      .where('s.id = :sessionId', { sessionId })
      .getRawOne<{ revoked_at: string | null }>();
    return row?.revoked_at != null;
  }

  private tokenRow(token: string, sessionId: string, now: Date) {
    return {
      token_hash: refreshTokenDigest(token),
      session_id: sessionId,
      issued_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.refreshTtlSeconds * 1000).toISOString(),
      used_at: null,
    };
  }

  private tell(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    for (const listener of this.listeners) listener(sessionIds);
  }
}
