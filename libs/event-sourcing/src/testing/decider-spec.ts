import { deepStrictEqual, fail } from 'node:assert';
import type { Decider } from '../decider';
import type { Command, Event } from '../event';
import { DomainError } from '../errors';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Then<E extends Event, S> {
  /** The command produces exactly these events (type and data; metadata ignored). */
  then(expected: readonly Pick<E, 'type' | 'data'>[]): void;
  /** The command is refused with this error class (and, if given, this stable code). */
  thenThrows(errorClass: ErrorClass, code?: string): void;
  /** The command is refused with a DomainError carrying this stable code. */
  thenRefuses(code: string): void;
  /** The state after applying the produced events. */
  thenState(check: (state: S) => void): void;
}

/**
 * given/when/then for pure deciders: specs read like the rule they check.
 *
 *   const { given } = deciderSpec(mediationDecider);
 *   given([registered(), accepted()]).when(agree({...})).then([...]);
 */
export function deciderSpec<C extends Command, E extends Event, S>(decider: Decider<C, E, S>) {
  function given(history: readonly E[]) {
    const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
    return {
      when(command: C): Then<E, S> {
        const run = () => decider.decide(command, state);
        return {
          then(expected) {
            const produced = run().map((e) => ({ type: e.type, data: e.data }));
            deepStrictEqual(produced, expected.map((e) => ({ type: e.type, data: e.data })));
          },
          thenThrows(errorClass, code) {
            try {
              run();
            } catch (error) {
              if (!(error instanceof errorClass)) {
                fail(`expected ${errorClass.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
              }
              if (code !== undefined) deepStrictEqual((error as DomainError).code, code);
              return;
            }
            fail(`expected ${errorClass.name}, but the command was accepted`);
          },
          thenRefuses(code) {
            try {
              run();
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              deepStrictEqual(error.code, code);
              return;
            }
            fail(`expected refusal ${code}, but the command was accepted`);
          },
          thenState(check) {
            check(run().reduce((s, e) => decider.evolve(s, e), state));
          },
        };
      },
    };
  }
  return { given };
}
