import { createHash, hkdfSync } from 'node:crypto';
import { ConfigError } from '@pls/config';
import { KEY_BYTES, newKey, open, pack, seal, unpack } from '../crypto/aes-gcm';
import { VaultIntegrityError } from '../privacy.errors';

export const VAULT_MASTER_KEY_VARIABLE = 'PLS_VAULT_MASTER_KEY';

export interface MasterKey {
  /** Key id stored next to every data key it wraps: `[A-Za-z0-9._-]{1,64}`. */
  readonly kid: string;
  readonly key: Buffer;
}

/** A data key wrapped by a master key, as stored in `vault_persons`. */
export interface WrappedKey {
  readonly kid: string;
  /** base64 of iv ‖ ciphertext ‖ tag (AES-256-GCM under the master key). */
  readonly wrappedKey: string;
}

const KID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

/**
 * The master keys of the vault: one active key wraps new data keys; the others
 * still unwrap what they wrapped before a rotation. Rotating a master key
 * re-wraps data keys (a few bytes a person) and never touches events or
 * personal ciphertext.
 *
 * A key given without an id gets a fingerprint id (`fp-` + 12 hex of a hash of
 * the key), and every key also answers to its fingerprint id: naming a key
 * later (`k2:…,k1:…`) still reads what it wrapped while it was unnamed.
 * Key material never appears in messages, `toString` or JSON.
 */
export class MasterKeyring {
  readonly activeKid: string;
  readonly kids: readonly string[];
  readonly #keys = new Map<string, Buffer>();

  constructor(keys: readonly MasterKey[], source = VAULT_MASTER_KEY_VARIABLE) {
    if (keys.length === 0) throw new ConfigError(source, 'holds no master key');
    for (const { kid, key } of keys) {
      if (!KID_RE.test(kid)) throw new ConfigError(source, `key id "${kid.slice(0, 64)}" must be 1-64 of A-Z a-z 0-9 . _ -`);
      if (key.length !== KEY_BYTES) throw new ConfigError(source, `key "${kid}" has ${key.length} bytes; a master key is ${KEY_BYTES} bytes`);
      if (this.#keys.has(kid)) throw new ConfigError(source, `key id "${kid}" is given twice`);
      this.#keys.set(kid, Buffer.from(key));
    }
    for (const { kid, key } of keys) {
      const alias = fingerprintKid(key);
      const taken = this.#keys.get(alias);
      if (taken && !taken.equals(key)) throw new ConfigError(source, `key id "${alias}" names another key`);
      if (alias !== kid) this.#keys.set(alias, this.#keys.get(kid)!);
    }
    this.kids = keys.map((k) => k.kid);
    this.activeKid = keys[0]!.kid;
  }

  /**
   * `base64` or `kid:base64[,kid2:base64…]`, each key base64 of 32 bytes; the
   * first is active. Errors name `source` and never echo key material.
   */
  static parse(text: string, source = VAULT_MASTER_KEY_VARIABLE): MasterKeyring {
    const entries = text
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (entries.length === 0) throw new ConfigError(source, 'is empty (expected base64 of 32 bytes, e.g. from `openssl rand -base64 32`)');
    const keys = entries.map((entry, i): MasterKey => {
      const colon = entry.indexOf(':');
      const kid = colon < 0 ? null : entry.slice(0, colon).trim();
      const encoded = colon < 0 ? entry : entry.slice(colon + 1).trim();
      const label = kid === null ? `key #${i + 1}` : `key "${kid}"`;
      if (!BASE64_RE.test(encoded)) {
        throw new ConfigError(source, `${label} is not base64 of ${KEY_BYTES} bytes (generate one with \`openssl rand -base64 32\`)`);
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== KEY_BYTES) throw new ConfigError(source, `${label} decodes to ${key.length} bytes; a master key is ${KEY_BYTES} bytes`);
      return { kid: kid ?? fingerprintKid(key), key };
    });
    return new MasterKeyring(keys, source);
  }

  /** Whether data keys wrapped under `kid` can be unwrapped. */
  has(kid: string): boolean {
    return this.#keys.has(kid);
  }

  /** Wraps a data key under the active master key. `context` binds it to its row (the person id). */
  wrap(dataKey: Buffer, context: string): WrappedKey {
    const kid = this.activeKid;
    const sealed = seal(this.#keys.get(kid)!, dataKey, wrapAad(kid, context));
    return { kid, wrappedKey: pack(sealed).toString('base64') };
  }

  /** Unwraps a data key; an unknown kid or any tampering throws {@link VaultIntegrityError}. */
  unwrap(wrapped: WrappedKey, context: string): Buffer {
    const master = this.#keys.get(wrapped.kid);
    if (!master) {
      throw new VaultIntegrityError(
        `the data key is wrapped by master key "${wrapped.kid}", which ${VAULT_MASTER_KEY_VARIABLE} does not hold (it holds ${this.kids.join(', ')})`,
      );
    }
    const dataKey = open(master, unpack(Buffer.from(wrapped.wrappedKey, 'base64')), wrapAad(wrapped.kid, context), 'the wrapped data key');
    if (dataKey.length !== KEY_BYTES) throw new VaultIntegrityError(`an unwrapped data key has ${dataKey.length} bytes`);
    return dataKey;
  }

  /**
   * A 256-bit key for another purpose (`label`), derived from master key
   * `kid` (default the active one) by HKDF-SHA256: it rotates with the master
   * key, and never reveals it.
   */
  derive(label: string, kid: string = this.activeKid): Buffer {
    const master = this.#keys.get(kid);
    if (!master) throw new VaultIntegrityError(`no master key "${kid}" to derive a key from`);
    return Buffer.from(hkdfSync('sha256', master, Buffer.from('pls-desk vault derived key', 'utf8'), Buffer.from(`${label}/${kid}`, 'utf8'), KEY_BYTES));
  }

  toString(): string {
    return `MasterKeyring(active=${this.activeKid}, kids=${this.kids.join(',')})`;
  }

  toJSON(): { activeKid: string; kids: readonly string[] } {
    return { activeKid: this.activeKid, kids: this.kids };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** A new master key in the `kid:base64` form {@link MasterKeyring.parse} reads. */
export function generateMasterKeyText(kid = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  return `${kid}:${newKey().toString('base64')}`;
}

/** The id a key answers to whatever it is called: a hash of the key, not the key. */
export function fingerprintKid(key: Buffer): string {
  return `fp-${createHash('sha256').update('pls-desk vault master key id\u0000').update(key).digest('hex').slice(0, 12)}`;
}

function wrapAad(kid: string, context: string): string {
  return `pls-vault/v1/data-key/${kid}/${context}`;
}
