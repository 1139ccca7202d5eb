import { newKey, open, pack, seal, unpack } from './aes-gcm';
import { VaultIntegrityError } from '../privacy.errors';

describe('AES-256-GCM envelope', () => {
  const plaintext = Buffer.from('{"name":"张三"}', 'utf8');

  it('opens what it sealed, with a fresh iv each time', () => {
    const key = newKey();
    const a = seal(key, plaintext, 'person-1');
    const b = seal(key, plaintext, 'person-1');
    expect(open(key, a, 'person-1', 'test').equals(plaintext)).toBe(true);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(open(key, unpack(pack(a)), 'person-1', 'test').equals(plaintext)).toBe(true);
  });

  it.each([
    ['another key', (s: ReturnType<typeof seal>) => ({ key: newKey(), sealed: s, aad: 'person-1' })],
    ['another aad', (s: ReturnType<typeof seal>) => ({ key: undefined, sealed: s, aad: 'person-2' })],
    ['a flipped ciphertext bit', (s: ReturnType<typeof seal>) => ({ key: undefined, sealed: { ...s, ciphertext: flip(s.ciphertext) }, aad: 'person-1' })],
    ['a flipped tag bit', (s: ReturnType<typeof seal>) => ({ key: undefined, sealed: { ...s, tag: flip(s.tag) }, aad: 'person-1' })],
    ['a truncated tag', (s: ReturnType<typeof seal>) => ({ key: undefined, sealed: { ...s, tag: s.tag.subarray(0, 12) }, aad: 'person-1' })],
  ])('refuses to open with %s', (_what, change) => {
    const key = newKey();
    const changed = change(seal(key, plaintext, 'person-1'));
    expect(() => open(changed.key ?? key, changed.sealed, changed.aad, 'test')).toThrow(VaultIntegrityError);
  });

  it('refuses keys that are not 256 bits', () => {
    expect(() => seal(Buffer.alloc(16), plaintext, 'x')).toThrow(/32 bytes/);
  });
});

function flip(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0x80;
  return copy;
}
