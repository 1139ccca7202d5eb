import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigError } from '@pls/config';
import { fingerprintKid, generateMasterKeyText, MasterKeyring } from './master-keyring';
import { VaultIntegrityError } from '../privacy.errors';

const b64 = (key: Buffer) => key.toString('base64');

describe('MasterKeyring', () => {
  it('reads one base64 key, its id a fingerprint of the key', () => {
    const key = randomBytes(32);
    const ring = MasterKeyring.parse(b64(key));
    expect(ring.activeKid).toBe(fingerprintKid(key));
    expect(ring.activeKid).toMatch(/^fp-[0-9a-f]{12}$/);
  });

  it('reads kid:base64 pairs, the first active', () => {
    const ring = MasterKeyring.parse(` k2:${b64(randomBytes(32))} , k1:${b64(randomBytes(32))}`);
    expect(ring.activeKid).toBe('k2');
    expect(ring.kids).toEqual(['k2', 'k1']);
    expect(ring.has('k1')).toBe(true);
    expect(ring.has('k3')).toBe(false);
  });

  it('reads what its generator writes', () => {
    expect(MasterKeyring.parse(generateMasterKeyText('k9')).activeKid).toBe('k9');
  });

  it('wraps under the active key and unwraps under any key it holds', () => {
    const k1 = randomBytes(32);
    const dataKey = randomBytes(32);
    const before = MasterKeyring.parse(`k1:${b64(k1)}`);
    const wrapped = before.wrap(dataKey, 'person-1');
    expect(wrapped.kid).toBe('k1');

    const after = MasterKeyring.parse(`k2:${b64(randomBytes(32))},k1:${b64(k1)}`);
    expect(after.unwrap(wrapped, 'person-1').equals(dataKey)).toBe(true);
    expect(after.wrap(dataKey, 'person-1').kid).toBe('k2');
    expect(() => after.unwrap(wrapped, 'person-2')).toThrow(VaultIntegrityError);
    expect(() => MasterKeyring.parse(`k2:${b64(randomBytes(32))}`).unwrap(wrapped, 'person-1')).toThrow(/"k1"/);
  });

  it('still unwraps what a key wrapped while unnamed once it is given a name', () => {
    const key = randomBytes(32);
    const dataKey = randomBytes(32);
    const wrapped = MasterKeyring.parse(b64(key)).wrap(dataKey, 'p');
    const named = MasterKeyring.parse(`k2:${b64(randomBytes(32))},old:${b64(key)}`);
    expect(named.unwrap(wrapped, 'p').equals(dataKey)).toBe(true);
  });

  it.each([
    ['', 'is empty'],
    ['not base64!', 'is not base64'],
    [b64(randomBytes(16)), 'is not base64 of 32 bytes'],
    [b64(randomBytes(33)), 'is not base64 of 32 bytes'],
    [`k1:${b64(randomBytes(32))},k1:${b64(randomBytes(32))}`, 'given twice'],
    [`bad kid:${b64(randomBytes(32))}`, 'key id'],
    [`:${b64(randomBytes(32))}`, 'key id'],
  ])('refuses %j in one line naming the variable (%s)', (text, reason) => {
    try {
      MasterKeyring.parse(text);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('PLS_VAULT_MASTER_KEY');
      expect((error as Error).message).toContain(reason);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('never shows key material', () => {
    const key = randomBytes(32);
    const ring = MasterKeyring.parse(`k1:${b64(key)}`);
    for (const shown of [String(ring), JSON.stringify(ring), inspect(ring)]) {
      expect(shown).toContain('k1');
      expect(shown).not.toContain(b64(key));
      expect(shown).not.toContain(key.toString('hex'));
    }
    try {
      MasterKeyring.parse(`k1:${b64(key).slice(0, 40)}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(b64(key).slice(0, 40));
    }
  });
});
