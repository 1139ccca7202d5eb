import { InvalidTransitionError, type Command, type Decider, type Event } from '@pls/event-sourcing';

/**
 * The event side of a person: only the id. Name, phone and ID number live in
 * the vault, never in an event (PIPL); the stream gives a person a version, a
 * log position and an audit trail like every other record.
 */
export type PersonRegistered = Event<'PersonRegistered', { readonly personId: string }>;
export type PersonEvent = PersonRegistered;

export type RegisterPersonRecord = Command<'RegisterPerson', { readonly personId: string }>;

export type PersonRecordState = { readonly status: 'none' } | { readonly status: 'registered'; readonly personId: string };

export const PERSON_STREAM = 'person';

export const personDecider: Decider<RegisterPersonRecord, PersonEvent, PersonRecordState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (state.status === 'registered') {
      // The vault already answered this id with the same content (else it refused with 409).
      if (state.personId === command.data.personId) return [];
      throw new InvalidTransitionError('PERSON.ALREADY_EXISTS', 'A person with this id already exists');
    }
    return [{ type: 'PersonRegistered', data: { personId: command.data.personId } }];
  },
  evolve(_state, event) {
    return { status: 'registered', personId: event.data.personId };
  },
};
