/**
 * Actors of events no person caused. Every event's `metadata.actorId` names
 * who did it: a user id for people, one of these for the system's own
 * processes, so the audit trail never has a blank "who".
 */
export const SYSTEM_ACTORS = {
  /** Deadline jobs (in-process scheduler and the BullMQ worker): supervision, overdue marks. */
  deadlines: 'system:deadlines',
  /** The demo loader (embedded autoload and `npm run demo`) and its demo accounts. */
  demo: 'system:demo',
  /** The first admin, created from `PLS_BOOTSTRAP_ADMIN`. */
  bootstrap: 'system:bootstrap',
  /** Administration from the command line (`npm run cli -- users …`). */
  cli: 'system:cli',
} as const;

export type SystemActor = (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS];

/** `system:<process>`: the form every system actor id takes (user ids are UUIDs). */
export const SYSTEM_ACTOR_PATTERN = /^system:[a-z][a-z0-9-]{0,40}$/;

export function isSystemActor(value: unknown): value is string {
  return typeof value === 'string' && SYSTEM_ACTOR_PATTERN.test(value);
}
