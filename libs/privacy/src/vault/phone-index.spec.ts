import { keyringOf } from '../testing/fixtures';
import { normalisePhone, phoneDigest } from './phone-index';

describe('the phone blind index', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['010-12345678', '01012345678'],
    ['(0755) 1234567', '07551234567'],
  ])('normalises %s → %s', (given, normalised) => expect(normalisePhone(given)).toBe(normalised));

  it.each(['', '12345', 'not a phone', '1381234123412345'])('refuses %j', (given) => expect(normalisePhone(given)).toBeNull());

  it('gives one digest per number and key, telling nothing of the number', () => {
    const keyring = keyringOf('k2', 'k1');
    const digest = phoneDigest(keyring, '13812341234');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(phoneDigest(keyring, '13812341234')).toBe(digest);
    expect(phoneDigest(keyring, '13812341235')).not.toBe(digest);
    // Under another master key (a rotation), another digest; another deployment's key, another again.
    expect(phoneDigest(keyring, '13812341234', 'k1')).not.toBe(digest);
    expect(phoneDigest(keyringOf('k2'), '13812341234')).not.toBe(digest);
  });

  it('derives keys that are not the master key and differ by purpose', () => {
    const keyring = keyringOf('k1');
    expect(keyring.derive('phone-index')).toHaveLength(32);
    expect(keyring.derive('phone-index').equals(keyring.derive('other'))).toBe(false);
    expect(() => keyring.derive('phone-index', 'nope')).toThrow(/no master key "nope"/);
  });
});
