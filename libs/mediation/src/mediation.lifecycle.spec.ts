import { DomainError } from '@pls/event-sourcing';
import { MediationLifecycleError, MediationNotFoundError } from './mediation.errors';
import { mediationDecider, type MediationCommand } from './mediation.decider';
import type { MediationEvent } from './mediation.events';
import type { MediationStatus } from './mediation.state';
import {
  accept,
  applyForConfirmation,
  close,
  decideConfirmation,
  extendDueDate,
  given,
  history,
  reassign,
  recordAgreement,
  recordPerformance,
  recordSession,
  refusalOf,
  register,
  reject,
  stateAfter,
  terminate,
} from './testing/fixtures';

/**
 * The whole lifecycle in one table: for every state, what each command does.
 * A status is the state the command leads to; `MEDIATION.*` is the refusal.
 * Everything DOMAIN.md does not list is refused, and the refusal is stable.
 */
const states: Record<MediationStatus, () => MediationEvent[]> = {
  none: () => [],
  registered: history.registered,
  rejected: history.rejected,
  accepted: history.accepted,
  'in-session': history.inSession,
  agreed: history.agreed,
  performing: history.performing,
  terminated: history.terminated,
  closed: history.closed,
};

type Outcome = MediationStatus | `MEDIATION.${string}`;
const NF = 'MEDIATION.NOT_FOUND';
const AR = 'MEDIATION.ALREADY_REGISTERED';
const RJ = 'MEDIATION.REJECTED';
const CL = 'MEDIATION.CLOSED';
const NR = 'MEDIATION.NOT_REGISTERED';
const NA = 'MEDIATION.NOT_ACCEPTED';
const NP = 'MEDIATION.NOT_IN_PROGRESS';
const NG = 'MEDIATION.NOT_AGREED';
const NC = 'MEDIATION.NOT_CONCLUDED';
const CN = 'MEDIATION.CONFIRMATION_NOT_APPLIED';

// prettier-ignore
const matrix: Array<[string, () => MediationCommand, Outcome[]]> = [
  //                                                        none          registered    rejected  accepted      in-session    agreed        performing    terminated    closed
  ['register',                       register,             ['registered', AR,           AR,       AR,           AR,           AR,           AR,           AR,           AR]],
  ['accept',                         accept,               [NF,           'accepted',   RJ,       NR,           NR,           NR,           NR,           NR,           CL]],
  ['reject',                         reject,               [NF,           'rejected',   RJ,       NR,           NR,           NR,           NR,           NR,           CL]],
  ['sessions',                       recordSession,        [NF,           NA,           RJ,       'in-session', 'in-session', NP,           NP,           NP,           CL]],
  ['agreement',                      recordAgreement,      [NF,           NA,           RJ,       'agreed',     'agreed',     NP,           NP,           NP,           CL]],
  ['terminate',                      terminate,            [NF,           NA,           RJ,       'terminated', 'terminated', NP,           NP,           NP,           CL]],
  ['extend',                         extendDueDate,        [NF,           NA,           RJ,       'accepted',   'in-session', NP,           NP,           NP,           CL]],
  ['reassign',                       reassign,             [NF,           NA,           RJ,       'accepted',   'in-session', NP,           NP,           NP,           CL]],
  ['judicial-confirmation',          applyForConfirmation, [NF,           NG,           RJ,       NG,           NG,           'agreed',     'performing', NG,           CL]],
  ['judicial-confirmation-decision', decideConfirmation,   [NF,           NG,           RJ,       NG,           NG,           CN,           CN,           NG,           CL]],
  ['performance',                    recordPerformance,    [NF,           NG,           RJ,       NG,           NG,           'performing', 'performing', NG,           CL]],
  ['close',                          close,                [NF,           NC,           RJ,       NC,           NC,           'closed',     'closed',     'closed',     CL]],
];

const cases = matrix.flatMap(([action, command, outcomes]) =>
  Object.entries(states).map(([status, events], i) => ({ action, command, status, events, outcome: outcomes[i]! })),
);

describe('mediation lifecycle', () => {
  it('has one outcome for every command in every state', () => {
    for (const [, , outcomes] of matrix) expect(outcomes).toHaveLength(Object.keys(states).length);
  });

  describe.each(cases.filter((c) => !c.outcome.startsWith('MEDIATION.')))('$action on a $status mediation', ({ command, events, outcome }) => {
    it(`leads to ${outcome}`, () =>
      given(events())
        .when(command())
        .thenState((state) => expect(state.status).toBe(outcome)));
  });

  describe.each(cases.filter((c) => c.outcome.startsWith('MEDIATION.')))('$action on a $status mediation', ({ command, events, outcome }) => {
    it(`is refused with ${outcome}`, () =>
      given(events())
        .when(command())
        .thenRefuses(outcome));
  });

  it('answers any action on a record that does not exist with a not-found refusal (404)', () => {
    for (const [, command] of matrix.slice(1)) {
      const error = refusalOf([], command());
      expect(error).toBeInstanceOf(MediationNotFoundError);
      expect(error).toMatchObject({ code: 'MEDIATION.NOT_FOUND', kind: 'not-found' });
    }
  });

  it('answers every lifecycle refusal as a conflict (409)', () => {
    for (const { command, events, outcome } of cases) {
      if (!outcome.startsWith('MEDIATION.') || outcome === NF) continue;
      const error = refusalOf(events(), command());
      expect(error).toBeInstanceOf(MediationLifecycleError);
      expect(error.kind).toBe('conflict');
    }
  });

  it('leaves the state it was given untouched, whether it decides or refuses', () => {
    for (const { command, events } of cases) {
      const state = stateAfter(events());
      const before = JSON.stringify(state);
      try {
        mediationDecider.decide(command(), state);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
      }
      expect(JSON.stringify(state)).toBe(before);
    }
  });
});
