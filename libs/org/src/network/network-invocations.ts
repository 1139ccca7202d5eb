import { deterministicId, type FollowUp } from '@pls/event-sourcing';
import type { OrgLevel } from '@pls/reference';
import type { NetworkFile, NetworkUnit } from './network-file';

/** One call of a route, as the composition root runs it (load → toCommand → handleCommand). */
export interface RouteInvocation extends FollowUp {
  /** Name-based like `id`: running the invocation again is recognised as a repeat and appends nothing. */
  readonly commandId: string;
}

/** The id a unit of a network gets, the same every time the network is loaded. */
export function networkUnitId(networkName: string, key: string): string {
  return deterministicId('org-unit', networkName, key);
}

const DEPTH: Readonly<Record<OrgLevel, number>> = { city: 0, township: 1, village: 2 };

/**
 * The RegisterOrgUnit calls that set up a network, parents before children
 * (cities, then townships, then villages; file order within a level), with
 * ids and command ids derived from the network's name and each unit's key.
 * Loading the same network twice therefore registers nothing twice: the
 * repeated commands are answered from the stream, and even under other
 * command ids the decider refuses a second registration (ORG.ALREADY_REGISTERED).
 */
export function networkInvocations(network: NetworkFile, networkName: string): RouteInvocation[] {
  const idOf = (key: string) => networkUnitId(networkName, key);
  return [...network.units]
    .sort((a, b) => DEPTH[a.level] - DEPTH[b.level])
    .map((unit) => ({
      collection: 'org-units',
      action: null,
      id: idOf(unit.key),
      commandId: deterministicId('org-unit-registration', networkName, unit.key),
      body: registrationBody(unit, unit.parentKey === null ? null : idOf(unit.parentKey)),
    }));
}

/** A RegisterOrgUnit body (the record id travels beside it, as for follow-ups). */
function registrationBody(unit: NetworkUnit, parentId: string | null): Record<string, unknown> {
  const body: Record<string, unknown> = { name: unit.name, level: unit.level, parentId };
  if (unit.code !== undefined) body['code'] = unit.code;
  return body;
}
