import * as argon2 from 'argon2';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended
 * setting: 19 MiB of memory, 2 iterations, 1 lane. Changing these makes
 * older hashes `needsRehash`; they are upgraded at the next sign-in.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** OWASP: at least 8 characters; long passphrases allowed, but bounded (hashing is the cost). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is refused, or `null`. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

/** Hashes and verifies passwords (argon2id, PHC string form `$argon2id$v=19$m=…`). */
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password.normalize('NFC'), ARGON2_OPTIONS);
  }

  /** `false` for a wrong password and for a hash that cannot be read. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password.normalize('NFC'));
    } catch {
      return false;
    }
  }

  /**
   * Spends the time a real verification takes, for an unknown username: a
   * sign-in attempt must not tell whether the account exists by answering faster.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= argon2.hash('not a password of anyone', ARGON2_OPTIONS);
    await this.verify(await this.dummy, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }
}
