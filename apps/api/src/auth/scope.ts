import { fold, streamName, type Event } from '@pls/event-sourcing';
import type { EventStore } from '@pls/event-store';
import type { Principal } from '@pls/identity';
import { orgUnitView, type OrgUnitState } from '@pls/org';

/**
 * How long a unit's place in the tree is trusted without re-reading it. This
 * process forgets everything at once when it runs an org-unit command
 * (`invalidate`); the bound is for a move made through another API process,
 * the same window the command executor allows for a unit closed elsewhere.
 */
export const SCOPE_TTL_MS = 5000;
/** Deeper than any real tree (city → township → village); a longer walk means a broken tree. */
const MAX_DEPTH = 16;
const MAX_ENTRIES = 100_000;

/** Where a unit lies for a caller: inside the subtree they see, outside it, or not a unit at all. */
export type ScopeVerdict = 'in' | 'out' | 'unknown';

interface Cached {
  /** The unit, its parent, …, its root (the city). */
  readonly chain: readonly string[];
  readonly until: number;
}

/**
 * The caller's subtree, asked unit by unit: "is unit U under the caller's
 * unit R?" is "does U's chain of ancestors hold R?". Chains are read from the
 * org-unit streams themselves (no projection lag: a unit registered a moment
 * ago is already known) and cached, so a check on a warm cache is a map
 * lookup and a scan of at most three ids.
 *
 * Only a move changes a chain; registering adds units (unknown units are never
 * cached) and closing keeps a unit where it was (its records stay visible to
 * the subtree above it). The cache is dropped whenever this process runs an
 * org-unit command, and entries expire after `SCOPE_TTL_MS` for moves made
 * elsewhere.
 */
export class OrgScopes {
  private readonly chains = new Map<string, Cached>();
  /** Bumped by `invalidate`: a walk that started before it must not fill the cache. */
  private generation = 0;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly ttlMs: number = SCOPE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forget every chain: the org tree changed (or may have). */
  invalidate(): void {
    this.chains.clear();
    this.generation++;
  }

  /** `[unit, parent, …, root]`, or `null` when no unit has that id. */
  async chainOf(unitId: string): Promise<readonly string[] | null> {
    const now = this.now();
    const hit = this.chains.get(unitId);
    if (hit && hit.until > now) return hit.chain;
    const generation = this.generation;
    const chain: string[] = [];
    let current: string | null = unitId;
    while (current !== null && chain.length < MAX_DEPTH && !chain.includes(current)) {
      const cached = this.chains.get(current);
      if (cached && cached.until > now) {
        chain.push(...cached.chain);
        break;
      }
      const unit = await this.readUnit(current);
      if (unit === null) break;
      chain.push(current);
      current = unit.parentId;
    }
    if (chain.length === 0) return null;
    if (generation === this.generation) {
      if (this.chains.size > MAX_ENTRIES) this.chains.clear();
      const until = this.now() + this.ttlMs;
      // Every unit on the way up learns its own chain too (the suffix).
      chain.forEach((id, i) => {
        if (!this.chains.has(id) || i === 0) this.chains.set(id, { chain: chain.slice(i), until });
      });
    }
    return chain;
  }

  /** Whether `unitId` lies in the subtree the caller sees (`orgUnitId: null` sees the whole network). */
  async verdict(principal: Pick<Principal, 'orgUnitId'>, unitId: string): Promise<ScopeVerdict> {
    if (principal.orgUnitId === null) return 'in';
    const chain = await this.chainOf(unitId);
    if (chain === null) return 'unknown';
    return chain.includes(principal.orgUnitId) ? 'in' : 'out';
  }

  /**
   * Whether `unitId` lies in the caller's network: the tree under the same
   * city as the caller's unit. Hand-overs and referrals may go anywhere in it.
   */
  async networkVerdict(principal: Pick<Principal, 'orgUnitId'>, unitId: string): Promise<ScopeVerdict> {
    if (principal.orgUnitId === null) return 'in';
    const [target, own] = await Promise.all([this.chainOf(unitId), this.chainOf(principal.orgUnitId)]);
    if (target === null) return 'unknown';
    // A caller whose own unit is gone sees no network beyond their (empty) subtree.
    if (own === null) return 'out';
    return target[target.length - 1] === own[own.length - 1] ? 'in' : 'out';
  }

  private async readUnit(id: string): Promise<{ parentId: string | null } | null> {
    const events = await this.store.readStream(streamName(orgUnitView.streamCategory, id));
    if (events.length === 0) return null;
    const state: OrgUnitState = fold(orgUnitView.decider, events as unknown as Event[]);
    return state.status === 'none' ? null : { parentId: state.parentId };
  }
}
