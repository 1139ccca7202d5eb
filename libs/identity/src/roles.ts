/** The four roles of DOMAIN.md (People at work); a user has exactly one. */
export const ROLES = ['operator', 'worker', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is calling, as the access token says. `orgUnitId` is the root of the
 * subtree the user sees; `null` only for the bootstrap admin, who sees the
 * whole network.
 */
export interface Principal {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly orgUnitId: string | null;
  /** The login session (refresh-token family) the token was issued under. */
  readonly sessionId: string;
}
