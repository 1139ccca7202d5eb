import { createHmac } from 'node:crypto';
import type { MasterKeyring } from '../keyring/master-keyring';

export const PHONE_INDEX_TABLE = 'vault_phone_index';
const LABEL = 'phone-index';

/**
 * 138 1234 1234, +86 13812341234, 010-1234 5678 → the digits a number is
 * matched by: no separators, no +86 before a mobile. `null` when what is left
 * cannot be a phone number.
 */
export function normalisePhone(phone: string): string | null {
  const digits = phone.replace(/[\s\-()（）]/g, '').replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
  return /^\d{7,12}$/.test(digits) ? digits : null;
}

/**
 * The blind index of a phone number: HMAC-SHA256 of the normalised number
 * under a key derived from master key `kid`. Equal numbers give equal digests,
 * so a caller can be found by number without the number being stored; without
 * the master key a digest tells nothing (a table of every mobile number would
 * need the key).
 */
export function phoneDigest(keyring: MasterKeyring, normalised: string, kid: string = keyring.activeKid): string {
  const key = keyring.derive(LABEL, kid);
  try {
    return createHmac('sha256', key).update(normalised, 'utf8').digest('hex');
  } finally {
    key.fill(0);
  }
}
