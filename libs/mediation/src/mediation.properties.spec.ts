import fc from 'fast-check';
import { DomainError, isUuid } from '@pls/event-sourcing';
import {
  AGREEMENT_FORMS,
  CONFIRMATION_RESULTS,
  MEDIATION_KINDS,
  MEDIATION_SOURCES,
  PARTY_ROLES,
  PERFORMANCE,
  REJECTION_REASONS,
  TERMINATION_REASONS,
  addDays,
  daysBetween,
  isBusinessDate,
  isCategory,
  keysOf,
} from '@pls/reference';
import { mediationDecider, type MediationCommand } from './mediation.decider';
import type { MediationEvent } from './mediation.events';
import { viewMediation } from './mediation.routes';
import type { MediationState } from './mediation.state';
import {
  MEDIATOR_ID,
  OTHER_MEDIATOR_ID,
  accept,
  accepted,
  agreed,
  applyForConfirmation,
  close,
  decideConfirmation,
  extendDueDate,
  reassign,
  recordAgreement,
  recordPerformance,
  recordSession,
  refusalOf,
  register,
  registered,
  reject,
  terminate,
} from './testing/fixtures';

const EPOCH = '1990-01-01';
/** Any business date that leaves a year of room before 2100-12-31. */
const anyDate = fc.integer({ min: 0, max: daysBetween(EPOCH, '2099-12-31') }).map((n) => addDays(EPOCH, n));
const lag = (max: number) => fc.integer({ min: 0, max });

function decide(events: readonly MediationEvent[], command: MediationCommand): MediationEvent[] {
  return mediationDecider.decide(command, events.reduce(mediationDecider.evolve, mediationDecider.initialState));
}

describe('mediation properties', () => {
  it('sets the default due date exactly 30 calendar days after acceptance', () =>
    fc.assert(
      fc.property(anyDate, lag(365), (registeredOn, days) => {
        const acceptedOn = addDays(registeredOn, days);
        const [event] = decide([registered({ registeredOn })], accept({ acceptedOn, dueOn: null }));
        expect(event).toMatchObject({ type: 'MediationAccepted', data: { acceptedOn, dueOn: addDays(acceptedOn, 30) } });
        expect(daysBetween(acceptedOn, (event!.data as { dueOn: string }).dueOn)).toBe(30);
      }),
    ));

  it('calls a conclusion on time exactly when it falls on or before the due date', () =>
    fc.assert(
      fc.property(anyDate, lag(120), lag(180), fc.boolean(), (acceptedOn, dueIn, concludedIn, byAgreement) => {
        const dueOn = addDays(acceptedOn, dueIn);
        const concludedOn = addDays(acceptedOn, concludedIn);
        const events = [registered({ registeredOn: acceptedOn }), accepted({ acceptedOn, dueOn })];
        const command = byAgreement ? recordAgreement({ effectiveOn: concludedOn }) : terminate({ terminatedOn: concludedOn });
        const [event] = decide(events, command);
        expect(event!.data).toMatchObject({ acceptedOn, dueOn, onTime: concludedIn <= dueIn });
      }),
    ));

  // 人民调解法 Art 33: day 0 to day 30 after the agreement takes effect, and no later.
  it('takes a judicial confirmation application from day 0 to day 30 and refuses it before and after', () =>
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -60, max: 400 }), (effectiveOn, day) => {
        const events = [registered({ registeredOn: effectiveOn }), accepted({ acceptedOn: effectiveOn }), agreed({ effectiveOn })];
        const command = applyForConfirmation({ appliedOn: addDays(effectiveOn, day) });
        if (day >= 0 && day <= 30) expect(decide(events, command)).toHaveLength(1);
        else expect(refusalOf(events, command).code).toBe(day < 0 ? 'MEDIATION.APPLIED_BEFORE_EFFECTIVE' : 'MEDIATION.CONFIRMATION_WINDOW_CLOSED');
      }),
    ));

  describe('over any sequence of commands', () => {
    /** A command still missing its business date; the walk supplies dates that mostly move forward. */
    type Step = (day: string) => MediationCommand;
    const step = <T>(arbitrary: fc.Arbitrary<T>, build: (day: string, value: T) => MediationCommand, weight: number) => ({
      arbitrary: arbitrary.map((value): Step => (day) => build(day, value)),
      weight,
    });
    const code = <T extends string>(values: readonly T[]) => fc.constantFrom(...values);
    const registration = step(
      fc.record({ kind: code(keysOf(MEDIATION_KINDS)), source: code(keysOf(MEDIATION_SOURCES)), role: code(keysOf(PARTY_ROLES)) }),
      (registeredOn, { role, ...facts }) => {
        const [first, second] = register().data.parties;
        return register({ ...facts, registeredOn, parties: [first!, { ...second!, role }] });
      },
      1,
    );
    const anyStep = fc.oneof(
      registration,
      step(fc.option(lag(60), { nil: null }), (acceptedOn, dueIn) => accept({ acceptedOn, dueOn: dueIn === null ? null : addDays(acceptedOn, dueIn) }), 3),
      step(code(keysOf(REJECTION_REASONS)), (rejectedOn, reason) => reject({ rejectedOn, reason }), 1),
      step(fc.constant(null), (heldOn) => recordSession({ heldOn }), 3),
      step(fc.record({ form: code(keysOf(AGREEMENT_FORMS)), agreedAmountFen: fc.nat() }), (effectiveOn, data) => recordAgreement({ effectiveOn, ...data }), 2),
      step(code(keysOf(TERMINATION_REASONS)), (terminatedOn, reason) => terminate({ terminatedOn, reason }), 1),
      step(lag(60), (day, later) => extendDueDate({ newDueOn: addDays(day, later) }), 1),
      step(fc.subarray([MEDIATOR_ID, OTHER_MEDIATOR_ID], { minLength: 1 }), (_, mediatorIds) => reassign({ mediatorIds }), 1),
      step(fc.constant(null), (appliedOn) => applyForConfirmation({ appliedOn }), 2),
      step(code(keysOf(CONFIRMATION_RESULTS)), (decidedOn, result) => decideConfirmation({ decidedOn, result }), 2),
      step(code(keysOf(PERFORMANCE)), (recordedOn, performance) => recordPerformance({ recordedOn, performance }), 2),
      step(fc.constant(null), (closedOn) => close({ closedOn }), 2),
    );
    // Days mostly move forward and sometimes step back, so date refusals happen too.
    // Most walks start with a registration so that they get somewhere; some do not.
    const moves = fc.array(fc.tuple(anyStep, fc.integer({ min: -3, max: 12 })), { maxLength: 30, size: 'max' });
    const sequences = fc
      .tuple(fc.option(registration.arbitrary, { freq: 5, nil: null }), moves)
      .filter(([first, rest]) => first !== null || rest.length > 0)
      .map(([first, rest]) => {
        let day = '2021-03-01';
        return [...(first ? [first(day)] : []), ...rest.map(([build, move]) => build((day = addDays(day, move))))];
      });

    /** Walks the commands, keeping what was appended and what was refused. */
    function run(commands: readonly MediationCommand[]) {
      let state: MediationState = mediationDecider.initialState;
      const steps: Array<{ before: MediationState; command: MediationCommand; events: MediationEvent[] | null; error: unknown; after: MediationState }> = [];
      for (const command of commands) {
        const before = state;
        let events: MediationEvent[] | null = null;
        let error: unknown = null;
        try {
          events = mediationDecider.decide(command, state);
          state = events.reduce(mediationDecider.evolve, state);
        } catch (e) {
          error = e;
        }
        steps.push({ before, command, events, error, after: state });
      }
      return steps;
    }
    it('refuses only with the context’s stable codes, and then appends nothing', () =>
      fc.assert(
        fc.property(sequences, (commands) => {
          for (const step of run(commands)) {
            if (step.events !== null) continue;
            expect(step.error).toBeInstanceOf(DomainError);
            expect((step.error as DomainError).code).toMatch(/^MEDIATION\.[A-Z_]+$/);
            expect(step.after).toBe(step.before);
          }
        }),
      ));

    it('decides exactly one event for every command it accepts', () =>
      fc.assert(
        fc.property(sequences, (commands) => {
          for (const { events } of run(commands)) if (events !== null) expect(events).toHaveLength(1);
        }),
      ));

    it('never puts anything in event data but ids, codes, dates, amounts, counts and flags (PIPL)', () => {
      const codes = new Set<string>(
        [MEDIATION_KINDS, MEDIATION_SOURCES, PARTY_ROLES, REJECTION_REASONS, TERMINATION_REASONS, AGREEMENT_FORMS, CONFIRMATION_RESULTS, PERFORMANCE].flatMap((o) =>
          keysOf(o),
        ),
      );
      for (const value of ['consultations', 'hotline-calls', 'agreed', 'terminated']) codes.add(value);
      const check = (value: unknown): void => {
        if (value === null || typeof value === 'boolean') return;
        if (typeof value === 'number') return expect(Number.isSafeInteger(value)).toBe(true);
        if (typeof value === 'string') return expect(isUuid(value) || isBusinessDate(value) || isCategory(value) || codes.has(value)).toBe(true);
        if (Array.isArray(value)) return value.forEach(check);
        Object.values(value as object).forEach(check);
      };
      fc.assert(
        fc.property(sequences, (commands) => {
          for (const { events } of run(commands)) for (const event of events ?? []) check(event.data);
        }),
      );
    });

    it('keeps a rejected or closed record final: every later command is refused', () =>
      fc.assert(
        fc.property(sequences, (commands) => {
          for (const step of run(commands)) {
            if (step.before.status !== 'rejected' && step.before.status !== 'closed') continue;
            expect(step.events).toBeNull();
            expect(step.after).toBe(step.before);
          }
        }),
      ));

    it('keeps dates in order: nothing concluded before acceptance, nothing accepted before registration', () =>
      fc.assert(
        fc.property(sequences, (commands) => {
          const steps = run(commands);
          const view = viewMediation(steps.at(-1)!.after);
          if (view === null) return;
          const registeredOn = view['registeredOn'] as string;
          const acceptedOn = view['acceptedOn'] as string | null;
          const concludedOn = view['concludedOn'] as string | null;
          if (acceptedOn !== null) expect(acceptedOn >= registeredOn).toBe(true);
          if (concludedOn !== null) expect(concludedOn >= (acceptedOn ?? registeredOn)).toBe(true);
          for (const date of (view['sessions'] as { dates: string[] }).dates) expect(date >= acceptedOn!).toBe(true);
          if (view['closedOn'] !== null) expect((view['closedOn'] as string) >= concludedOn!).toBe(true);
        }),
      ));

    it('shows in the view as many sessions as were recorded', () =>
      fc.assert(
        fc.property(sequences, (commands) => {
          const steps = run(commands);
          const recorded = steps.flatMap((s) => s.events ?? []).filter((e) => e.type === 'MediationSessionRecorded').length;
          const view = viewMediation(steps.at(-1)!.after);
          expect(view === null ? 0 : (view['sessions'] as { count: number }).count).toBe(recorded);
        }),
      ));
  });
});
