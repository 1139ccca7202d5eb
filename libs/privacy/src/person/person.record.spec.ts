import type { CommandMetadata } from '@pls/event-sourcing';
import { personDecider, type ErasePersonRecord, type PersonEvent, type PersonRecordState } from './person.record';

const personId = '5f0c6a4e-2a7b-4c57-9d4e-1f5c8b0a9e31';
const metadata: CommandMetadata = { commandId: 'c1', actorId: 'u1', now: '2026-05-01T02:00:00.000Z' };

function given(events: PersonEvent[]) {
  const state = events.reduce<PersonRecordState>((s, e) => personDecider.evolve(s, e), personDecider.initialState);
  return {
    when: (data: Omit<ErasePersonRecord['data'], 'personId'>) => {
      const run = () => personDecider.decide({ type: 'ErasePerson', data: { personId, ...data }, metadata }, state);
      return {
        then: (expected: PersonEvent[]) => expect(run()).toEqual(expected),
        thenThrows: (code: string) => expect(run).toThrow(expect.objectContaining({ code })),
      };
    },
  };
}

const registered: PersonEvent = { type: 'PersonRegistered', data: { personId } };
const restricted = (until: string | null): PersonEvent => ({ type: 'PersonRestricted', data: { personId, until } });
const erased: PersonEvent = { type: 'PersonErased', data: { personId } };

describe('erasing a person (PIPL Art 47)', () => {
  it('erases when no record names the person', () =>
    given([registered]).when({ openRecords: false, retainUntil: null, today: '2026-05-01' }).then([erased]));

  it('erases once the retention period of the closed records has ended', () =>
    given([registered]).when({ openRecords: false, retainUntil: '2026-04-30', today: '2026-05-01' }).then([erased]));

  it('restricts instead while the retention period runs (its last day included)', () => {
    given([registered])
      .when({ openRecords: false, retainUntil: '2026-05-01', today: '2026-05-01' })
      .then([restricted('2026-05-01')]);
    given([registered])
      .when({ openRecords: false, retainUntil: '2029-01-31', today: '2026-05-01' })
      .then([restricted('2029-01-31')]);
  });

  it('restricts without an end date while a record naming the person is open', () =>
    given([registered])
      .when({ openRecords: true, retainUntil: '2020-01-01', today: '2026-05-01' })
      .then([restricted(null)]));

  it('restricts once: the same request again appends nothing, a later end date is recorded', () => {
    given([registered, restricted(null)])
      .when({ openRecords: true, retainUntil: null, today: '2026-05-01' })
      .then([]);
    given([registered, restricted(null)])
      .when({ openRecords: false, retainUntil: '2029-01-31', today: '2026-05-01' })
      .then([restricted('2029-01-31')]);
  });

  it('erases a restricted person once retention has ended', () =>
    given([registered, restricted('2026-04-30')])
      .when({ openRecords: false, retainUntil: '2026-04-30', today: '2026-05-01' })
      .then([erased]));

  it('erases once: an erased person stays erased', () =>
    given([registered, erased]).when({ openRecords: false, retainUntil: null, today: '2026-05-01' }).then([]));

  it('knows no unregistered person', () =>
    given([]).when({ openRecords: false, retainUntil: null, today: '2026-05-01' }).thenThrows('PERSON.NOT_FOUND'));

  it('carries nothing but ids and a date in its events', () => {
    for (const e of [registered, restricted('2029-01-31'), erased])
      expect(Object.keys(e.data).sort()).toEqual(e.type === 'PersonRestricted' ? ['personId', 'until'] : ['personId']);
  });
});

describe('registering a person', () => {
  it('registers once; an erased id is not registered again', () => {
    const register = { type: 'RegisterPerson' as const, data: { personId }, metadata };
    expect(personDecider.decide(register, personDecider.initialState)).toEqual([registered]);
    expect(personDecider.decide(register, { status: 'erased', personId })).toEqual([]);
    expect(() => personDecider.decide(register, { status: 'registered', personId: 'other' })).toThrow(
      expect.objectContaining({ code: 'PERSON.ALREADY_EXISTS' }),
    );
  });
});
