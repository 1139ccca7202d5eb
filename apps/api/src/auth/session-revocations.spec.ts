import { AccessTokens, type SessionStore } from '@pls/identity';
import { randomBytes } from 'node:crypto';
import { ProblemError } from '../http/problem';
import { AuthClock } from './auth-clock';
import { RevocationCache } from './session-revocations';

/** A session store as another process sees it: revocations land in the database only. */
function fakeStore() {
  const listeners: Array<(ids: readonly string[]) => void> = [];
  const db = { revoked: [] as string[], queries: 0, down: false };
  const store = {
    onRevoked: (l: (ids: readonly string[]) => void) => (listeners.push(l), () => undefined),
    revokedSince: async () => {
      db.queries++;
      if (db.down) throw new Error('connection refused');
      return [...db.revoked];
    },
  } as unknown as SessionStore;
  return { store, db, revokeHere: (id: string) => listeners.forEach((l) => l([id])) };
}

describe('RevocationCache', () => {
  let now = 1_800_000_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());
  const cacheOn = (store: SessionStore) => new RevocationCache(store, new AuthClock(), new AccessTokens(randomBytes(32)));

  it('knows revocations of this process at once, and asks the database at most once a second', async () => {
    const { store, db, revokeHere } = fakeStore();
    const cache = cacheOn(store);
    expect(await cache.isRevoked('a')).toBe(false);
    revokeHere('a');
    expect(await cache.isRevoked('a')).toBe(true);
    for (let i = 0; i < 100; i++) await cache.isRevoked('b');
    expect(db.queries).toBe(1);
  });

  it('learns of another process\'s revocation on its next look, within about a second', async () => {
    const { store, db } = fakeStore();
    const cache = cacheOn(store);
    expect(await cache.isRevoked('c')).toBe(false);
    db.revoked.push('c');
    now += 500;
    expect(await cache.isRevoked('c')).toBe(false);
    now += 500;
    expect(await cache.isRevoked('c')).toBe(true);
  });

  it('serves a list a few seconds old while the database is down, then refuses with 503', async () => {
    const { store, db } = fakeStore();
    const cache = cacheOn(store);
    expect(await cache.isRevoked('d')).toBe(false);
    db.down = true;
    now += 5_000;
    expect(await cache.isRevoked('d')).toBe(false);
    now += 6_000;
    await expect(cache.isRevoked('d')).rejects.toMatchObject({ status: 503, code: 'AUTH.UNAVAILABLE' } satisfies Partial<ProblemError>);
  });
});
