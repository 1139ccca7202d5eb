import type { CommandRoute } from '@pls/event-sourcing';
import { HOTLINE_CALLS, HOTLINE_CALL_STREAM } from './hotline.collections';
import { hotlineCallDecider, type HotlineCallCommand } from './hotline-call.decider';
import type { HotlineCallEvent } from './hotline-call.events';
import type { HotlineCallState } from './hotline-call.state';

export type HotlineCallRoute<C extends HotlineCallCommand> = CommandRoute<C, HotlineCallEvent, HotlineCallState>;

export function hotlineCallOrgUnit(state: HotlineCallState): string | null {
  return state.status === 'none' ? null : state.orgUnitId;
}

/** A slice's route with what every hotline-call route shares filled in. */
export function hotlineCallRoute<C extends HotlineCallCommand>(
  slice: Omit<HotlineCallRoute<C>, 'collection' | 'streamCategory' | 'decider' | 'orgUnitOf'>,
): HotlineCallRoute<C> {
  return {
    ...slice,
    collection: HOTLINE_CALLS,
    streamCategory: HOTLINE_CALL_STREAM,
    decider: hotlineCallDecider,
    orgUnitOf: hotlineCallOrgUnit,
  };
}
