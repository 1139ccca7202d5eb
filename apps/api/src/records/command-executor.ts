import {
  deterministicId,
  handleCommand,
  isUuid,
  streamName,
  type Command,
  type CommandMetadata,
  type CommandResult,
  type CommandRoute,
  type Decider,
  type Event,
  type HandleOptions,
  type ReferenceCheck,
} from '@pls/event-sourcing';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import { ProblemError, type FieldError } from '../http/problem';
import type { CommandAccess } from '../auth/policy-access';
import type { WriteAnswer } from './idempotent-responder';
import { fieldErrors } from './json-schema';
import type { RecordReader } from './record-reader';
import type { RouteRegistry } from './route-registry';
import { rememberStreams, type StreamCache } from './stream-cache';

/** Who knows which persons exist (the personal-data vault). */
export interface PersonDirectory {
  existing(ids: readonly string[]): Promise<Set<string>>;
}

export interface CommandRequest {
  readonly collection: string;
  /** `null` for a create. */
  readonly action: string | null;
  /** Path id of a transition; ignored for a create. */
  readonly id?: string;
  readonly body: unknown;
  readonly commandId: string;
  readonly actorId: string | null;
  readonly now: string;
  /** Parsed `If-Match`. */
  readonly expectedVersion?: number;
  /** The record's stream as the caller just read it: decided on without reading it again (`handleCommand`'s `history`). */
  readonly history?: readonly RecordedEvent[];
  /** The caller's scope checks (HTTP); commands the system runs itself carry none. */
  readonly access?: CommandAccess;
}

export type CommandAnswer = WriteAnswer;

const ORG_CLOSED = 'ORG.UNIT_CLOSED';
/** Never a record id: create bodies only take version 1-8 UUIDs. */
const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The one path every command takes: route → schema → references → load →
 * decide and append (`handleCommand`) → follow-ups. A refusal at any step
 * appends nothing.
 */
export class CommandExecutor {
  /**
   * Open org units and registered persons seen lately: nearly every command
   * names both, and they change rarely. Only positive answers are kept, for
   * REFERENCE_TTL_MS; a command on an org unit in this process forgets it at
   * once, so only another API process closing a unit can go unnoticed here
   * for that long (the same race as a close arriving a moment later).
   */
  private readonly known = new Map<string, number>();
  /** Streams this process just read or wrote, to decide on without a read (PostgreSQL): see StreamCache. */
  private readonly streams: StreamCache | null;

  constructor(
    private readonly store: EventStore,
    private readonly registry: RouteRegistry,
    private readonly records: RecordReader,
    private readonly persons: PersonDirectory,
  ) {
    this.streams = rememberStreams(store);
  }

  async execute(request: CommandRequest): Promise<CommandAnswer> {
    const mounted = this.registry.route(request.collection, request.action);
    if (!mounted) throw new ProblemError(404, 'ROUTE.NOT_FOUND', `No action ${request.action ?? 'create'} on ${request.collection}`);
    const { route, validate } = mounted;
    const access = request.access;
    await access?.beforeCommand(route, request.id, request.body, validate);

    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw ProblemError.validation([{ field: '(body)', message: 'must be a JSON object' }]);
    }
    if (!validate(body)) throw ProblemError.validation(fieldErrors(validate));

    const id = this.recordId(route, request, body as Record<string, unknown>);
    // A command on an org unit may close or move it: what this process remembers of it is stale now.
    if (route.collection === 'org-units') this.known.delete(`org-unit:${id}`);
    await this.checkReferences(route.references ?? [], body);

    const metadata: CommandMetadata = { commandId: request.commandId, actorId: request.actorId, now: request.now };
    const loaded = route.load ? await route.load({ id, body }, this.records) : {};
    const command = route.toCommand({ id, body, metadata, loaded });
    const result = await this.handle(request.action === null, streamName(route.streamCategory, id), route.decider, command, {
      expectedVersion: request.expectedVersion,
      history: request.history,
      metadataFor: (state) => ({ orgUnitId: route.orgUnitOf?.(state) ?? null }),
      authorize: access && ((state) => access.onState(route, state)),
    });

    // The answer's position is the last event appended, follow-ups included, so a
    // client waiting on it (minPosition) also sees the work order or mediation it made.
    let position = result.position;
    for (const [i, followUp] of (route.followUps?.(result.state, command) ?? []).entries()) {
      const done = await this.execute({
        collection: followUp.collection,
        action: followUp.action,
        id: followUp.id,
        body: followUp.action === null ? { ...followUp.body, id: followUp.id } : followUp.body,
        commandId: deterministicId('follow-up', request.commandId, i),
        actorId: request.actorId,
        now: request.now,
      });
      position = Math.max(position, done.position);
    }

    return {
      status: request.action === null ? 201 : 200,
      id,
      version: result.version,
      position,
      collection: route.collection,
      extra: route.respond?.(result.state, command) ?? {},
    };
  }

  /**
   * `handleCommand` on the remembered stream (a create's as empty), so a command usually costs no
   * read: a write decided on it lands only if the stream was exactly that (expected version), and
   * a recorded repeat is one. Any other answer — a refusal, a no-op — is decided again on a fresh read.
   */
  private async handle<C extends Command, E extends Event, S>(
    isCreate: boolean,
    stream: string,
    decider: Decider<C, E, S>,
    command: C,
    options: HandleOptions<S>,
  ): Promise<CommandResult<S>> {
    const cache = options.history === undefined ? this.streams : null;
    if (cache) {
      if (isCreate) cache.assumeNew(stream);
      const remembered = cache.wasRemembered(stream);
      try {
        const result = await handleCommand(cache, stream, decider, command, options);
        if (!remembered || result.repeated || result.events.length > 0) return result;
      } catch (error) {
        if (!remembered) throw error;
      }
      cache.forget(stream);
    }
    return handleCommand(this.store, stream, decider, command, options);
  }

  /**
   * A create takes the client's `id`, or one derived from the command id, so
   * a create re-sent under the same Idempotency-Key names the same record.
   */
  private recordId(route: CommandRoute, request: CommandRequest, body: Record<string, unknown>): string {
    if (request.action === null) {
      return typeof body['id'] === 'string' ? body['id'] : deterministicId('record', route.collection, request.commandId);
    }
    // An id that is not a UUID names no record: decide on the empty stream of an id
    // no record can have (the nil UUID), so the context answers its own NOT_FOUND.
    return request.id && isUuid(request.id) ? request.id : NIL_ID;
  }

  private isKnown(key: string): boolean {
    const until = this.known.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.known.delete(key);
    return false;
  }

  private remember(key: string): void {
    if (this.known.size > 50_000) this.known.clear();
    this.known.set(key, Date.now() + REFERENCE_TTL_MS);
  }

  /** Ids inside the body must name existing records (422), and org units must be open (409). */
  private async checkReferences(checks: readonly ReferenceCheck[], body: unknown): Promise<void> {
    const errors: FieldError[] = [];
    let closedUnit: FieldError | undefined;
    for (const check of checks) {
      const found = valuesAt(body, check.field);
      if (found.length === 0) continue;
      if (check.kind === 'person') {
        const unknown = found.filter((f) => !this.isKnown(`person:${f.value}`));
        const existing = unknown.length > 0 ? await this.persons.existing(unknown.map((f) => f.value)) : new Set<string>();
        for (const f of unknown) {
          if (existing.has(f.value)) this.remember(`person:${f.value}`);
          else errors.push({ field: f.path, message: 'names no registered person' });
        }
        continue;
      }
      const collection = check.kind === 'org-unit' ? 'org-units' : check.kind === 'user' ? null : `${check.kind}s`;
      if (collection === null) continue;
      for (const f of found) {
        if (check.kind === 'org-unit' && this.isKnown(`org-unit:${f.value}`)) continue;
        const record = await this.records.readRecord<{ status?: string }>(collection, f.value);
        if (!record) errors.push({ field: f.path, message: `names no ${check.kind.replace('-', ' ')}` });
        else if (check.kind === 'org-unit' && record.state.status === 'closed') {
          closedUnit ??= { field: f.path, message: 'names a closed org unit' };
        } else if (check.kind === 'org-unit') this.remember(`org-unit:${f.value}`);
      }
    }
    if (errors.length > 0) throw ProblemError.validation(errors, 'REFERENCE.NOT_FOUND');
    if (closedUnit) {
      throw new ProblemError(409, ORG_CLOSED, 'The org unit is closed and takes no new records', { errors: [closedUnit] });
    }
  }
}

export const REFERENCE_TTL_MS = 5000;

/** Values at a dotted path where `[]` walks arrays: `parties[].personId`. */
export function valuesAt(root: unknown, path: string): Array<{ path: string; value: string }> {
  let nodes: Array<{ path: string; value: unknown }> = [{ path: '', value: root }];
  for (const segment of path.split('.')) {
    const isArray = segment.endsWith('[]');
    const key = isArray ? segment.slice(0, -2) : segment;
    const next: Array<{ path: string; value: unknown }> = [];
    for (const node of nodes) {
      if (node.value === null || typeof node.value !== 'object') continue;
      const child = (node.value as Record<string, unknown>)[key];
      const childPath = node.path ? `${node.path}.${key}` : key;
      if (child === undefined || child === null) continue;
      if (isArray) {
        if (Array.isArray(child)) child.forEach((item, i) => next.push({ path: `${childPath}[${i}]`, value: item }));
      } else next.push({ path: childPath, value: child });
    }
    nodes = next;
  }
  return nodes.filter((n): n is { path: string; value: string } => typeof n.value === 'string');
}
