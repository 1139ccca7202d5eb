import { assertNever, InvalidTransitionError, type Command, type Decider, type Event } from '@pls/event-sourcing';

/**
 * The event side of a person: only the id (and, for a restriction, a date).
 * Name, phone and ID number live in the vault, never in an event (PIPL); the
 * stream gives a person a version, a log position and an audit trail like
 * every other record.
 */
export type PersonRegistered = Event<'PersonRegistered', { readonly personId: string }>;
/**
 * PIPL Art 47: erasure was asked while a retention period runs, so the data is
 * kept but no longer shown. `until` is the Asia/Shanghai date the period ends,
 * or `null` while a linked record is still open (it then runs from its closing).
 */
export type PersonRestricted = Event<'PersonRestricted', { readonly personId: string; readonly until: string | null }>;
/** Crypto-shredded: the person's data key is deleted; the id stays for the records that name it. */
export type PersonErased = Event<'PersonErased', { readonly personId: string }>;
export type PersonEvent = PersonRegistered | PersonRestricted | PersonErased;

export type RegisterPersonRecord = Command<'RegisterPerson', { readonly personId: string }>;
/**
 * Erase the person, unless the retention period of the records that name them
 * still runs: the handler loads it (see `retentionOf`), the decision compares
 * it with the command's own date.
 */
export type ErasePersonRecord = Command<
  'ErasePerson',
  {
    readonly personId: string;
    /** A linked record is open: retention runs whatever the date. */
    readonly openRecords: boolean;
    /** Last day of the retention period of the closed linked records; `null` when none was closed. */
    readonly retainUntil: string | null;
    /** Asia/Shanghai date of the request. */
    readonly today: string;
  }
>;
export type PersonCommand = RegisterPersonRecord | ErasePersonRecord;

export type PersonRecordState =
  | { readonly status: 'none' }
  | { readonly status: 'registered'; readonly personId: string }
  | { readonly status: 'restricted'; readonly personId: string; readonly until: string | null }
  | { readonly status: 'erased'; readonly personId: string };

export const PERSON_STREAM = 'person';

export const personDecider: Decider<PersonCommand, PersonEvent, PersonRecordState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson':
        if (state.status !== 'none') {
          // The vault already answered this id with the same content (else it refused with 409).
          if (state.personId === command.data.personId) return [];
          throw new InvalidTransitionError('PERSON.ALREADY_EXISTS', 'A person with this id already exists');
        }
        return [{ type: 'PersonRegistered', data: { personId: command.data.personId } }];
      case 'ErasePerson': {
        const { personId, openRecords, retainUntil, today } = command.data;
        if (state.status === 'none') throw new InvalidTransitionError('PERSON.NOT_FOUND', 'There is no person with this id');
        if (state.status === 'erased') return [];
        // PIPL Art 47 (2): while the retention period runs, erasure becomes restriction.
        const retained = openRecords || (retainUntil !== null && retainUntil >= today);
        if (!retained) return [{ type: 'PersonErased', data: { personId } }];
        const until = openRecords ? null : retainUntil;
        if (state.status === 'restricted' && state.until === until) return [];
        return [{ type: 'PersonRestricted', data: { personId, until } }];
      }
      default:
        return assertNever(command, 'person command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegistered':
        return { status: 'registered', personId: event.data.personId };
      case 'PersonRestricted':
        return { status: 'restricted', personId: event.data.personId, until: event.data.until };
      case 'PersonErased':
        return { status: 'erased', personId: event.data.personId };
      default:
        return state;
    }
  },
};
