import { PasswordHasher, passwordProblem } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores argon2id hashes at the OWASP setting, salted', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(hasher.needsRehash(a)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('密码很长很长的一句话');
    expect(await hasher.verify(hash, '密码很长很长的一句话')).toBe(true);
    expect(await hasher.verify(hash, '密码很长很长的一句')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });

  it('asks weaker or older hashes to be redone', async () => {
    const argon2 = await import('argon2');
    const weak = await argon2.hash('password1', { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(hasher.needsRehash(weak)).toBe(true);
  });

  it('wants at least 8 and at most 256 characters', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/);
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });
});
