import type { CommandMetadata, DomainError } from '@pls/event-sourcing';
import type { CloseOrgUnit } from '../close-org-unit/close-org-unit.command';
import type { MoveOrgUnit } from '../move-org-unit/move-org-unit.command';
import { orgUnitDecider } from '../org.decider';
import type { OrgUnitClosed, OrgUnitEvent, OrgUnitMoved, OrgUnitRegistered, OrgUnitRenamed } from '../org.events';
import type { ParentFacts } from '../org.parent';
import type { RegisterOrgUnit } from '../register-org-unit/register-org-unit.command';
import type { RenameOrgUnit } from '../rename-org-unit/rename-org-unit.command';

/** 10:00 in Shanghai on 2021-03-01. */
export const NOW = '2021-03-01T02:00:00Z';

export const ids = {
  unit: '11111111-1111-4111-8111-111111111111',
  city: '22222222-2222-4222-8222-222222222222',
  township: '33333333-3333-4333-8333-333333333333',
  otherTownship: '44444444-4444-4444-8444-444444444444',
  otherCity: '55555555-5555-4555-8555-555555555555',
  command: '99999999-9999-4999-8999-999999999999',
} as const;

export function meta(now: string = NOW): CommandMetadata {
  return { commandId: ids.command, actorId: null, now };
}

/** Parent facts as the routes' `load` step reports them. */
export const parent = {
  city: { level: 'city', status: 'active' },
  township: { level: 'township', status: 'active' },
  village: { level: 'village', status: 'active' },
  closedTownship: { level: 'township', status: 'closed' },
} as const satisfies Record<string, ParentFacts>;

// Events. A unit defaults to a village under `ids.township`.

export const registered = (data: Partial<OrgUnitRegistered['data']> = {}): OrgUnitRegistered => ({
  type: 'OrgUnitRegistered',
  data: { orgUnitId: ids.unit, name: '青河镇东坡村公共法律服务工作室', level: 'village', parentId: ids.township, code: null, ...data },
});

export const cityRegistered = (data: Partial<OrgUnitRegistered['data']> = {}): OrgUnitRegistered =>
  registered({ name: '云川市公共法律服务中心', level: 'city', parentId: null, ...data });

export const townshipRegistered = (data: Partial<OrgUnitRegistered['data']> = {}): OrgUnitRegistered =>
  registered({ name: '青河镇公共法律服务站', level: 'township', parentId: ids.city, ...data });

export const renamed = (name: string): OrgUnitRenamed => ({ type: 'OrgUnitRenamed', data: { orgUnitId: ids.unit, name } });

export const moved = (data: Partial<OrgUnitMoved['data']> = {}): OrgUnitMoved => ({
  type: 'OrgUnitMoved',
  data: { orgUnitId: ids.unit, fromParentId: ids.township, toParentId: ids.otherTownship, effectiveOn: '2021-02-01', ...data },
});

export const closed = (data: Partial<OrgUnitClosed['data']> = {}): OrgUnitClosed => ({
  type: 'OrgUnitClosed',
  data: { orgUnitId: ids.unit, closedOn: '2021-02-15', ...data },
});

/** The state after these events. */
export const stateOf = (...events: OrgUnitEvent[]) => events.reduce(orgUnitDecider.evolve, orgUnitDecider.initialState);

// Commands.

export const register = (data: Partial<RegisterOrgUnit['data']> = {}, now?: string): RegisterOrgUnit => ({
  type: 'RegisterOrgUnit',
  data: { id: ids.unit, name: '青河镇东坡村公共法律服务工作室', level: 'village', parentId: ids.township, parent: parent.township, ...data },
  metadata: meta(now),
});

export const rename = (name: string): RenameOrgUnit => ({ type: 'RenameOrgUnit', data: { name }, metadata: meta() });

export const move = (data: Partial<MoveOrgUnit['data']> = {}, now?: string): MoveOrgUnit => ({
  type: 'MoveOrgUnit',
  data: { parentId: ids.otherTownship, parent: parent.township, ...data },
  metadata: meta(now),
});

export const close = (data: CloseOrgUnit['data'] = {}, now?: string): CloseOrgUnit => ({ type: 'CloseOrgUnit', data, metadata: meta(now) });

/** The refusal a decision throws, for asserting what the HTTP layer maps (kind, field). */
export function refusalOf(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal, but the command was accepted');
}
