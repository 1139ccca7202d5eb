import { Inject, Injectable } from '@nestjs/common';
import { fold, isUuid, streamName, type CommandRoute, type Event } from '@pls/event-sourcing';
import type { EventStore } from '@pls/event-store';
import type { Principal } from '@pls/identity';
import type { FastifyRequest } from 'fastify';
import { ProblemError, type FieldError } from '../http/problem';
import { EVENT_STORE } from '../infrastructure/tokens';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../records/catalogue';
import { READ, assertPolicyTable, policyFor, type ActionPolicy, type RecordScope } from './policy-table';
import { OrgScopes } from './scope';

/** Named request policies (`@Policy(name, roles)`) the guard knows; any other name is refused (fail closed). */
export const RECORDS_POLICY = 'records';
/**
 * `@Policy('org-unit-query', roles)`: the `orgUnitId` query parameter must name
 * a unit in the caller's subtree; without one, the caller's own unit is
 * filled in (a network-wide caller must name one). Statistics, drill-downs,
 * backlog, the live stream and the case list use it.
 */
export const ORG_UNIT_QUERY_POLICY = 'org-unit-query';
export const KNOWN_POLICIES: readonly string[] = [RECORDS_POLICY, ORG_UNIT_QUERY_POLICY];

/**
 * The scope checks of one command, handed to the command executor by the
 * HTTP layer (commands the system runs itself — follow-ups, deadlines, the
 * demo — carry none). Both refuse with 403 `AUTH.OUT_OF_SCOPE`, and a refused
 * command appends nothing.
 */
export interface CommandAccess {
  /**
   * Before the body is validated, its references checked or anything read
   * for the decision, so nothing about a record outside the caller's scope
   * leaks through another answer: for a transition the record's own unit(s),
   * then the org units the body names. An unknown record id passes (the
   * context answers 404), as does an unknown unit (the reference check
   * answers 422). `validBody` is the route's schema check: a transition whose
   * valid body names nothing to check first leaves its record to `onState`,
   * so the hot path reads the record once.
   */
  beforeCommand(route: CommandRoute, id: string | undefined, body: unknown, validBody: (body: unknown) => boolean): Promise<void>;
  /** On the state the decision is made on, inside the retry loop: the record's unit(s). */
  onState(route: CommandRoute, state: unknown): Promise<void>;
}

export const outOfScope = (errors?: FieldError[]) =>
  new ProblemError(403, 'AUTH.OUT_OF_SCOPE', 'This is outside the org units you may see', errors ? { errors } : {});
const roleForbidden = (principal: Principal) => new ProblemError(403, 'AUTH.ROLE_FORBIDDEN', `A ${principal.role} may not do this`);
const noRule = () => new ProblemError(403, 'AUTH.NO_RULE', 'This route has no access rule');

type OrgUnitOf = (state: unknown) => string | null;

/** A work order's hotline unit (its dispatcher); `null` for every other record. */
function dispatcherOf(state: unknown): string | null {
  const unit = (state as { hotlineOrgUnitId?: unknown } | null)?.hotlineOrgUnitId;
  return typeof unit === 'string' ? unit : null;
}

/**
 * Authorisation of every route: the per-request part of the guard's named
 * policies (`records`: role per collection and action from the policy
 * table; `org-unit-query`: the queried unit in the caller's subtree) and the
 * scope checks per record (reads here, commands through `CommandAccess`).
 */
@Injectable()
export class AccessPolicies {
  private readonly orgUnitOf = new Map<string, OrgUnitOf>();

  constructor(
    readonly scopes: OrgScopes,
    @Inject(EVENT_STORE) private readonly store: Pick<EventStore, 'readStream'>,
  ) {
    assertPolicyTable(COMMAND_ROUTES, RECORD_VIEWS);
    for (const route of COMMAND_ROUTES) {
      if (route.orgUnitOf && !this.orgUnitOf.has(route.collection))
        this.orgUnitOf.set(route.collection, route.orgUnitOf.bind(route) as OrgUnitOf);
    }
  }

  /** The guard's hook for `@Policy(name)` routes, after authentication and the rule's roles. */
  async authorize(policy: string, principal: Principal, req: FastifyRequest, handler: string): Promise<void> {
    if (policy === RECORDS_POLICY) return this.authorizeRecordsRoute(principal, req, handler);
    if (policy === ORG_UNIT_QUERY_POLICY) return this.authorizeOrgUnitQuery(principal, req);
    throw noRule();
  }

  /** Scope checks for one command by `principal`; `undefined` when the registry has no such route (404 follows). */
  forCommand(principal: Principal, collection: string, action: string | null): CommandAccess | undefined {
    const policy = policyFor(collection, action);
    if (!policy) {
      if (COMMAND_ROUTES.some((r) => r.collection === collection && r.action === action)) throw noRule();
      return undefined;
    }
    if (!policy.roles.includes(principal.role)) throw roleForbidden(principal);
    return new PolicyCommandAccess(this, principal, policy);
  }

  /** A record read (`GET /<collection>/{id}`, `…/history`): the record must lie in the caller's scope. */
  async checkRead(principal: Principal, collection: string, state: unknown): Promise<void> {
    const policy = policyFor(collection, READ);
    if (!policy) throw noRule();
    if (!policy.roles.includes(principal.role)) throw roleForbidden(principal);
    await this.checkRecord(principal, collection, policy.scope, state);
  }

  /** A command on the org tree has run (or failed): every cached chain may be stale. */
  commandDone(collection: string): void {
    if (collection === 'org-units') this.scopes.invalidate();
  }

  async checkRecord(principal: Principal, collection: string, scope: RecordScope, state: unknown): Promise<void> {
    if (scope === 'none' || principal.orgUnitId === null) return;
    const unit = this.orgUnitOf.get(collection)?.(state) ?? null;
    const dispatcher = dispatcherOf(state);
    const units = scope === 'unit' || scope === 'handled' ? [unit] : scope === 'dispatcher' ? [dispatcher] : [unit, dispatcher];
    const named = units.filter((u): u is string => u !== null);
    // No unit: no record yet (a create, or an unknown id the context answers 404 for).
    if (named.length === 0 && unit === null) return;
    for (const u of named) if ((await this.scopes.verdict(principal, u)) === 'in') return;
    if (scope === 'handled') {
      // Read only when the call's own unit did not settle it: the order may have moved since the hand-over.
      const assignee = await this.handlingUnit(state);
      if (assignee !== null && (await this.scopes.verdict(principal, assignee)) === 'in') return;
    }
    throw outOfScope();
  }

  /** The unit the work order a call was handed over to is assigned to now; `null` for a call not handed over. */
  private async handlingUnit(state: unknown): Promise<string | null> {
    const workOrderId = (state as { handOver?: { workOrderId?: unknown } } | null)?.handOver?.workOrderId;
    const route = COMMAND_ROUTES.find((r) => r.collection === 'work-orders');
    if (typeof workOrderId !== 'string' || !route) return null;
    const order = await this.currentState(route, workOrderId);
    return order === null ? null : (this.orgUnitOf.get('work-orders')?.(order) ?? null);
  }

  async checkBodyUnits(principal: Principal, policy: ActionPolicy, body: unknown): Promise<void> {
    if (!policy.units || principal.orgUnitId === null || body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const errors: FieldError[] = [];
    for (const [field, rule] of Object.entries(policy.units)) {
      const value = (body as Record<string, unknown>)[field];
      if (value === null && rule === 'subtree') {
        errors.push({ field, message: 'only a network-wide administrator may register a unit without a parent' });
        continue;
      }
      // Anything else that is not a unit id is the schema's or the reference check's to refuse.
      if (typeof value !== 'string' || !isUuid(value)) continue;
      const verdict = rule === 'subtree' ? await this.scopes.verdict(principal, value) : await this.scopes.networkVerdict(principal, value);
      if (verdict === 'out') {
        errors.push({
          field,
          message: rule === 'subtree' ? 'names an org unit outside your subtree' : 'names an org unit outside your network',
        });
      }
    }
    if (errors.length > 0) throw outOfScope(errors);
  }

  async checkBodyRecords(principal: Principal, policy: ActionPolicy, body: unknown): Promise<void> {
    if (!policy.records || principal.orgUnitId === null || body === null || typeof body !== 'object' || Array.isArray(body)) return;
    for (const [field, fixed] of Object.entries(policy.records)) {
      const value = (body as Record<string, unknown>)[field];
      const named =
        fixed === null ? (value as { collection?: unknown; id?: unknown } | null | undefined) : { collection: fixed, id: value };
      if (!named || typeof named.collection !== 'string' || typeof named.id !== 'string' || !isUuid(named.id)) continue;
      const route = COMMAND_ROUTES.find((r) => r.collection === named.collection);
      const read = policyFor(named.collection, READ);
      if (!route || !read) continue;
      const state = await this.currentState(route, named.id);
      // No such record: the route's own check answers 422.
      if (state === null) continue;
      try {
        await this.checkRecord(principal, named.collection, read.scope, state);
      } catch {
        throw outOfScope([{ field: fixed === null ? `${field}.id` : field, message: 'names a record outside your subtree' }]);
      }
    }
  }

  /** The record as it stands, for a check before the executor's own read. `null` when the stream is empty. */
  async currentState(route: CommandRoute, id: string): Promise<unknown> {
    const events = await this.store.readStream(streamName(route.streamCategory, id));
    return events.length === 0 ? null : fold(route.decider, events as unknown as Event[]);
  }

  private authorizeRecordsRoute(principal: Principal, req: FastifyRequest, handler: string): void {
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const collection = params['collection'] ?? '';
    const action = handler === 'create' ? null : handler === 'transition' ? (params['action'] ?? '') : READ;
    const policy = policyFor(collection, action);
    // No entry: no such route or view either (the start refuses a registry route without one); the controller answers 404.
    if (policy && !policy.roles.includes(principal.role)) throw roleForbidden(principal);
  }

  private async authorizeOrgUnitQuery(principal: Principal, req: FastifyRequest): Promise<void> {
    const query = (req.query ?? {}) as Record<string, unknown>;
    if (query['orgUnitId'] === undefined && principal.orgUnitId !== null && req.query) query['orgUnitId'] = principal.orgUnitId;
    const given = query['orgUnitId'];
    for (const value of Array.isArray(given) ? given : [given]) {
      // Not a unit id: the query's own validation answers 422; an unknown unit likewise.
      if (typeof value !== 'string' || !isUuid(value)) continue;
      if ((await this.scopes.verdict(principal, value)) === 'out') {
        throw outOfScope([{ field: 'orgUnitId', message: 'names an org unit outside your subtree' }]);
      }
    }
  }
}

class PolicyCommandAccess implements CommandAccess {
  constructor(
    private readonly policies: AccessPolicies,
    private readonly principal: Principal,
    private readonly policy: ActionPolicy,
  ) {}

  async beforeCommand(route: CommandRoute, id: string | undefined, body: unknown, validBody: (body: unknown) => boolean): Promise<void> {
    if (this.principal.orgUnitId === null) return;
    if (route.action !== null) {
      if (id === undefined || !isUuid(id)) return;
      // A record outside the caller's scope is 403 whatever the body says: settled here when the
      // schema would answer first (an invalid body) or other records are read first (references,
      // `load`, units in the body); otherwise `onState` settles it before the decision, on the
      // same read. (A network-wide caller reads nothing for scope.)
      const readsFirst =
        route.load !== undefined || (route.references ?? []).some((r) => r.kind !== 'user') || this.policy.units !== undefined;
      const given = body ?? {};
      const valid = typeof given === 'object' && !Array.isArray(given) && validBody(given);
      if (readsFirst || !valid) {
        const state = await this.policies.currentState(route, id);
        if (state === null) return;
        await this.policies.checkRecord(this.principal, route.collection, this.policy.scope, state);
      }
    }
    await this.policies.checkBodyUnits(this.principal, this.policy, body);
    await this.policies.checkBodyRecords(this.principal, this.policy, body);
  }

  async onState(route: CommandRoute, state: unknown): Promise<void> {
    await this.policies.checkRecord(this.principal, route.collection, this.policy.scope, state);
  }
}
