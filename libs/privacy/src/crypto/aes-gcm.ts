import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VaultIntegrityError } from '../privacy.errors';

/** AES-256-GCM with a 96-bit random IV and a 128-bit tag (NIST SP 800-38D). */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** A fresh random 256-bit key (a person's data key, or a generated master key). */
export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Encrypts `plaintext` under `key`. `aad` binds the ciphertext to where it is
 * stored (the person id, the key id): moved to another row, it no longer opens.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts and authenticates; any change to key, iv, ciphertext, tag or aad throws {@link VaultIntegrityError}. */
export function open(key: Buffer, sealed: Sealed, aad: string, what: string): Buffer {
  assertKey(key);
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new VaultIntegrityError(`${what} is malformed (iv ${sealed.iv.length} bytes, tag ${sealed.tag.length} bytes)`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch (error) {
    throw new VaultIntegrityError(`${what} failed authentication: tampered, corrupted or under another key`, { cause: error });
  }
}

/** iv ‖ ciphertext ‖ tag in one buffer (for a wrapped key, stored in one column). */
export function pack(sealed: Sealed): Buffer {
  return Buffer.concat([sealed.iv, sealed.ciphertext, sealed.tag]);
}

export function unpack(packed: Buffer): Sealed {
  if (packed.length <= IV_BYTES + TAG_BYTES) throw new VaultIntegrityError(`a packed envelope of ${packed.length} bytes is too short`);
  return {
    iv: packed.subarray(0, IV_BYTES),
    ciphertext: packed.subarray(IV_BYTES, packed.length - TAG_BYTES),
    tag: packed.subarray(packed.length - TAG_BYTES),
  };
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256 key has ${KEY_BYTES} bytes, not ${key.length}`);
}
