import type { CommandRoute, JsonSchema, ReferenceCheck } from '@pls/event-sourcing';
import { mediationDecider, type MediationCommand } from './mediation.decider';
import type { MediationEvent } from './mediation.events';
import { orgUnitOf, type MediationState } from './mediation.state';

export const MEDIATIONS = 'mediations';
/** Streams are `mediation-<id>`. */
export const MEDIATION_STREAM = 'mediation';

export type MediationRoute = CommandRoute<MediationCommand, MediationEvent, MediationState>;

/** What a slice says about its route; the rest is the same for every mediation route. */
export interface MediationRouteSpec<C extends MediationCommand> {
  readonly name: C['type'];
  readonly action: string | null;
  readonly summary: string;
  readonly body: JsonSchema;
  readonly references?: readonly ReferenceCheck[];
  readonly load?: MediationRoute['load'];
  readonly toCommand: (input: Parameters<MediationRoute['toCommand']>[0]) => C;
}

export function mediationRoute<C extends MediationCommand>(spec: MediationRouteSpec<C>): MediationRoute {
  return {
    ...spec,
    collection: MEDIATIONS,
    streamCategory: MEDIATION_STREAM,
    decider: mediationDecider,
    orgUnitOf,
  };
}
