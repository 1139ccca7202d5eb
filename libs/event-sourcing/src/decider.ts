import type { Command, Event } from './event';

/**
 * A pure decider: no I/O, no clock, no framework. `decide` throws a
 * `DomainError` to refuse; it may return `[]` when the command changes nothing.
 */
export interface Decider<C extends Command, E extends Event, S> {
  readonly initialState: S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}

export function fold<E extends Event, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
