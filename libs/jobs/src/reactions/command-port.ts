/** A command a reaction appends: the same route, validation and decider as over HTTP. */
export interface ReactionCommand {
  readonly collection: string;
  /** `null` for a create. */
  readonly action: string | null;
  readonly id: string;
  readonly body: Record<string, unknown>;
  /** Derived from the triggering event's id: a redelivered event appends nothing twice. */
  readonly commandId: string;
  /** Who caused the triggering event (its `actorId`), so the audit trail names them. */
  readonly actorId: string;
  readonly now: string;
}

/**
 * The write side as reactions see it (the API's `CommandExecutor`, adapted by
 * the composition root). It throws `ConsequenceRefusedError` (from
 * `deadline-firing`) for a refusal: a request the route or the record turned
 * down, which no retry changes.
 */
export interface ReactionCommandPort {
  execute(command: ReactionCommand): Promise<{ readonly position: number }>;
}
