import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { ROLES, type Role } from '@pls/identity';

/**
 * Which of a record's org units the caller's subtree must hold:
 * - `unit`: the record's unit (`orgUnitOf`; for a work order the unit it is
 *   assigned to now, for an org unit the unit itself);
 * - `dispatcher`: a work order's hotline unit (it dispatches, visits, reopens, closes);
 * - `either`: a work order's hotline unit or the unit it is assigned to (both
 *   see it; supervisors above either side may act on it);
 * - `handled`: a call's unit, or the unit its work order is assigned to now
 *   (the assignee needs the call behind the order: its caller, class and
 *   category, and it is the source of the mediation a work order turns into);
 * - `none`: any record (the org tree is not secret inside the bureau).
 */
export type RecordScope = 'unit' | 'dispatcher' | 'either' | 'handled' | 'none';

/**
 * Where an org unit named in the body may lie:
 * - `subtree`: inside the caller's subtree (the unit a record is created in,
 *   the parent of a new or moved unit — `null`, a new city, is the
 *   network-wide admin's alone);
 * - `network`: anywhere in the caller's network (the tree under the caller's
 *   city). A hand-over, assignment or referral sends a record to the unit the
 *   matter belongs to, usually outside the sender's subtree (a village
 *   worker refers to her township's mediation committee; the city hotline
 *   assigns to any village). The sender keeps no rights over what the target
 *   unit then does with it, except the hotline, which keeps the work order as
 *   its dispatcher. The target must be a real, open unit (the reference check).
 */
export type UnitRule = 'subtree' | 'network';

export interface ActionPolicy {
  readonly roles: readonly Role[];
  readonly scope: RecordScope;
  /** Body fields (top level) that name org units, and where they may point. */
  readonly units?: Readonly<Record<string, UnitRule>>;
  /**
   * Body fields that name other records the caller must be able to read (by
   * that collection's read rule): the collection, or `null` when the field is
   * itself `{ collection, id }`. Otherwise a 422 "no such record" would tell
   * a caller about records outside their scope.
   */
  readonly records?: Readonly<Record<string, string | null>>;
}

/** Key of a create in the table (action `null` in the registry). */
export const CREATE = '(create)';
/** Key of the record reads: `GET /<collection>/{id}` and `…/history`. */
export const READ = '(read)';

const ALL: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];
/** 12348 operators (话务员): calls, creating, dispatching and visiting work orders. */
const HOTLINE: readonly Role[] = ['operator', 'admin'];
/** Legal workers (法律顾问, 人民调解员): consultations, mediations, lectures, work orders assigned to their unit. */
const LEGAL: readonly Role[] = ['worker', 'admin'];
/** Supervisory acts (督办, extensions, reassigning mediators). */
const SUPERVISORY: readonly Role[] = ['supervisor', 'admin'];

const read = (scope: RecordScope): ActionPolicy => ({ roles: ALL, scope });

/**
 * Who may do what, per collection and action of the route registry, and the
 * record reads. Derived from DOMAIN.md (People at work, lifecycles):
 * operators run the hotline, legal workers the cases of their unit,
 * supervisors read their whole subtree and do the supervisory acts, admins
 * manage the org tree and users. An admin may do everything inside his scope
 * (the bureau's system administrator corrects records); acts the deadline
 * worker sends (`overdue`, `callback-overdue`) are the admin's alone over
 * HTTP. Every signed-in role reads every record in its subtree (DOMAIN.md:
 * "each user … sees that unit's subtree"); clear personal data is the
 * persons routes' own rule.
 *
 * A registry route without an entry fails the start (`assertPolicyTable`).
 */
export const POLICY_TABLE: Readonly<Record<string, Readonly<Record<string, ActionPolicy>>>> = {
  'org-units': {
    [CREATE]: { roles: ADMIN, scope: 'unit', units: { parentId: 'subtree' } },
    rename: { roles: ADMIN, scope: 'unit' },
    move: { roles: ADMIN, scope: 'unit', units: { parentId: 'subtree' } },
    close: { roles: ADMIN, scope: 'unit' },
    [READ]: read('none'),
  },
  'hotline-calls': {
    [CREATE]: { roles: HOTLINE, scope: 'unit', units: { orgUnitId: 'subtree' } },
    callback: { roles: HOTLINE, scope: 'unit' },
    'work-order': { roles: HOTLINE, scope: 'unit', units: { assignToOrgUnitId: 'network' } },
    close: { roles: HOTLINE, scope: 'unit' },
    'callback-overdue': { roles: ADMIN, scope: 'unit' },
    [READ]: read('handled'),
  },
  'work-orders': {
    // Normally the hand-over's follow-up (which runs on the hand-over's authority).
    [CREATE]: {
      roles: HOTLINE,
      scope: 'dispatcher',
      units: { orgUnitId: 'subtree', assignToOrgUnitId: 'network' },
      records: { callId: 'hotline-calls' },
    },
    assign: { roles: HOTLINE, scope: 'dispatcher', units: { orgUnitId: 'network' } },
    acknowledge: { roles: LEGAL, scope: 'unit' },
    return: { roles: LEGAL, scope: 'unit' },
    reply: { roles: LEGAL, scope: 'unit' },
    extend: { roles: SUPERVISORY, scope: 'either' },
    visit: { roles: HOTLINE, scope: 'dispatcher' },
    // Following up an unsatisfied rating and filing the order: the hotline, or a supervisor above it.
    reopen: { roles: ['operator', 'supervisor', 'admin'], scope: 'dispatcher' },
    close: { roles: ['operator', 'supervisor', 'admin'], scope: 'dispatcher' },
    supervise: { roles: SUPERVISORY, scope: 'either' },
    [READ]: read('either'),
  },
  consultations: {
    [CREATE]: { roles: LEGAL, scope: 'unit', units: { orgUnitId: 'subtree' } },
    answer: { roles: LEGAL, scope: 'unit' },
    // Only the consultation's unit refers; the mediation it registers belongs to the target.
    refer: { roles: LEGAL, scope: 'unit', units: { targetOrgUnitId: 'network' } },
    [READ]: read('unit'),
  },
  mediations: {
    // A referral registered by hand names the consultation (or mediation) it came from: one the caller sees.
    [CREATE]: { roles: LEGAL, scope: 'unit', units: { orgUnitId: 'subtree' }, records: { referredFrom: null } },
    // Naming mediators (mediatorIds) grants them nothing: every act is checked against the record's unit.
    accept: { roles: LEGAL, scope: 'unit' },
    reject: { roles: LEGAL, scope: 'unit' },
    sessions: { roles: LEGAL, scope: 'unit' },
    agreement: { roles: LEGAL, scope: 'unit' },
    terminate: { roles: LEGAL, scope: 'unit' },
    'judicial-confirmation': { roles: LEGAL, scope: 'unit' },
    'judicial-confirmation-decision': { roles: LEGAL, scope: 'unit' },
    performance: { roles: LEGAL, scope: 'unit' },
    // 结案归档: the mediator files the case; a supervisor may file it too.
    close: { roles: ['worker', 'supervisor', 'admin'], scope: 'unit' },
    // Due date extended (both parties consent) and mediators reassigned: approved above the mediator.
    extend: { roles: SUPERVISORY, scope: 'unit' },
    reassign: { roles: SUPERVISORY, scope: 'unit' },
    overdue: { roles: ADMIN, scope: 'unit' },
    [READ]: read('unit'),
  },
  lectures: {
    [CREATE]: { roles: LEGAL, scope: 'unit', units: { orgUnitId: 'subtree' } },
    hold: { roles: LEGAL, scope: 'unit' },
    cancel: { roles: LEGAL, scope: 'unit' },
    [READ]: read('unit'),
  },
};

export function actionKey(action: string | null): string {
  return action ?? CREATE;
}

/** The entry for a command (`action: null` = create) or a read (`READ`); `undefined` when the table has none. */
export function policyFor(collection: string, action: string | null): ActionPolicy | undefined {
  const entries = Object.prototype.hasOwnProperty.call(POLICY_TABLE, collection) ? POLICY_TABLE[collection] : undefined;
  const key = actionKey(action);
  return entries && Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : undefined;
}

/**
 * The commands a role may run, per collection (`GET /api/v1/auth/permissions`):
 * every collection of the table, with the action keys (`(create)` for a
 * create) whose roles include `role`, in the table's order. Record reads
 * (`(read)`) are left out: every role has them. The role alone: whether a
 * given record lies in the caller's scope is still decided per request.
 */
export function actionsOfRole(role: Role, table: typeof POLICY_TABLE = POLICY_TABLE): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [collection, entries] of Object.entries(table)) {
    out[collection] = Object.entries(entries)
      .filter(([key, policy]) => key !== READ && policy.roles.includes(role))
      .map(([key]) => key);
  }
  return out;
}

/**
 * What the table and the registry disagree on: `missing` are registry routes
 * and views without a policy (they would be refused — and fail the start);
 * `stale` are entries for routes that no longer exist.
 */
export function comparePolicyTable(
  routes: readonly Pick<CommandRoute, 'collection' | 'action'>[],
  views: readonly Pick<RecordView, 'collection'>[],
  table: typeof POLICY_TABLE = POLICY_TABLE,
): { missing: string[]; stale: string[] } {
  const wanted = new Set<string>([
    ...routes.map((r) => `${r.collection} ${actionKey(r.action)}`),
    ...views.map((v) => `${v.collection} ${READ}`),
  ]);
  const present = new Set<string>();
  for (const [collection, entries] of Object.entries(table)) {
    for (const key of Object.keys(entries)) present.add(`${collection} ${key}`);
  }
  return {
    missing: [...wanted].filter((k) => !present.has(k)).sort(),
    stale: [...present].filter((k) => !wanted.has(k)).sort(),
  };
}

/** Fails the start when a registry route or view has no policy: nothing is served unguarded. */
export function assertPolicyTable(
  routes: readonly Pick<CommandRoute, 'collection' | 'action'>[],
  views: readonly Pick<RecordView, 'collection'>[],
): void {
  const { missing } = comparePolicyTable(routes, views);
  if (missing.length > 0) throw new Error(`no access policy for: ${missing.join(', ')} (apps/api/src/auth/policy-table.ts)`);
}
