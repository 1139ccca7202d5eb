import type { Command, CommandMetadata, Event } from './event';
import type { Decider } from './decider';

/** JSON Schema (draft 2020-12 subset understood by Ajv) for a request body. */
export type JsonSchema = Record<string, unknown>;

/** An id inside a body that must name an existing record (else 422 naming the field). */
export interface ReferenceCheck {
  /** Dotted path; `[]` walks arrays: `parties[].personId`. */
  readonly field: string;
  /** `org-unit` must also be open (a closed unit takes no new records). */
  readonly kind: 'org-unit' | 'person' | 'user' | 'mediation' | 'consultation' | 'hotline-call' | 'work-order' | 'lecture';
}

/**
 * One use case as the HTTP layer sees it: where it lives, what body it takes,
 * how the body becomes a command, and which decider rules on it. Contexts
 * export their routes; the API mounts them all the same way
 * (validation → command → `handleCommand` → `{ id, version, position }`).
 */
export interface CommandRoute<C extends Command = Command, E extends Event = Event, S = unknown> {
  /** Command name, imperative: `AcceptMediation`. */
  readonly name: string;
  /** Collection in the URL: `mediations`. */
  readonly collection: string;
  /** Action in the URL (`accept` → `POST /mediations/{id}/accept`); `null` for create. */
  readonly action: string | null;
  /** One line for the API docs. */
  readonly summary: string;
  readonly body: JsonSchema;
  readonly references?: readonly ReferenceCheck[];
  /** Stream category; the stream is `<category>-<id>`. */
  readonly streamCategory: string;
  readonly decider: Decider<C, E, S>;
  /**
   * Reads what the decision needs from other records (the parent unit's level,
   * the target unit of a referral …) before `toCommand`; the decider itself
   * stays pure. Whatever it returns arrives as `loaded`.
   */
  load?(input: { readonly id: string; readonly body: any }, deps: RouteDeps): Promise<Record<string, unknown>>;
  /** Builds the command from a validated body. `id` is the record id (new for a create). */
  toCommand(input: {
    readonly id: string;
    readonly body: any;
    readonly metadata: CommandMetadata;
    readonly loaded: Record<string, unknown>;
  }): C;
  /** Org unit the record belongs to after the command, for event metadata and scope checks. */
  orgUnitOf?(state: S): string | null;
  /** Extra fields for the 200/201 answer (`{ workOrderId }` for a hand-over). */
  respond?(state: S, command: C): Record<string, unknown>;
  /**
   * Commands on other records that this one entails (a call handed over
   * creates its work order; a referral registers a mediation). They run after
   * the append with command ids derived from this command's id, so a retry or
   * a crash between the two repeats nothing and loses nothing.
   */
  followUps?(state: S, command: C): readonly FollowUp[];
}

export interface FollowUp {
  /** `collection` + `action` of the route to run (`action: null` = create). */
  readonly collection: string;
  readonly action: string | null;
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** State → HTTP read model of a record (`GET /<collection>/{id}`). */
export interface RecordView<S = unknown> {
  readonly collection: string;
  readonly streamCategory: string;
  readonly decider: Pick<Decider<Command, Event, S>, 'evolve' | 'initialState'>;
  /** `null` when the stream does not hold a record (404). */
  view(state: S): Record<string, unknown> | null;
}

export function streamName(category: string, id: string): string {
  return `${category}-${id}`;
}

export interface RouteDeps {
  /** Current state of another record, or `null` when there is no such record. */
  readRecord<S = unknown>(collection: string, id: string): Promise<{ state: S; version: number } | null>;
}
