import { randomBytes } from 'node:crypto';
import type { Principal } from '../roles';
import { AccessTokens } from './access-token';

const principal: Principal = {
  id: '7d5b1c1e-0d4f-4a43-9f55-3f3c8f0b7a10',
  username: 'wang.worker',
  role: 'worker',
  orgUnitId: '1b7f3a8e-5c2d-4e6f-8a9b-0c1d2e3f4a5b',
  sessionId: 'c0a80101-0000-4000-8000-000000000001',
};

describe('AccessTokens', () => {
  const tokens = new AccessTokens(randomBytes(32), 60);
  const t0 = new Date('2026-03-02T08:00:00Z');

  it('round-trips the principal until it expires', () => {
    const { token, expiresAt } = tokens.issue(principal, t0);
    expect(expiresAt).toBe(t0.getTime() / 1000 + 60);
    expect(tokens.verify(token, new Date(t0.getTime() + 59_000))).toEqual({ ok: true, principal, expiresAt });
    expect(tokens.verify(token, new Date(t0.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret or with altered claims', () => {
    const { token } = tokens.issue(principal, t0);
    expect(new AccessTokens(randomBytes(32)).verify(token, t0)).toEqual({ ok: false, reason: 'signature' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: principal.id, usr: 'x', role: 'admin', unit: null, sid: 's', exp: 4e9 })).toString('base64url');
    expect(tokens.verify(`${h}.${forged}.${s}`, t0)).toEqual({ ok: false, reason: 'signature' });
  });

  it('calls anything that is not a token malformed', () => {
    for (const junk of ['', 'abc', 'a.b', 'a.b.c', `${'x'.repeat(10)}..`]) {
      expect(tokens.verify(junk, t0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new AccessTokens(randomBytes(16))).toThrow(/32 bytes/);
  });
});
