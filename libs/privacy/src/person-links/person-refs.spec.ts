import { randomUUID } from 'node:crypto';
import { personIdsIn, workerIdsIn } from './person-refs';

describe('finding the persons an event names', () => {
  const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  it('reads personId and any …PersonId field, whatever the event type', () => {
    expect(personIdsIn({ personId: a, orgUnitId: b })).toEqual([a]);
    expect(personIdsIn({ callerPersonId: a })).toEqual([a]);
    expect(personIdsIn({ applicantPersonId: a, respondentPersonId: b }).sort()).toEqual([a, b].sort());
  });

  it('reads arrays of objects with personId (mediation parties) and …PersonIds arrays', () => {
    const parties = [
      { personId: a, role: 'applicant' },
      { personId: b, role: 'respondent' },
    ];
    expect(personIdsIn({ parties, partyCount: 2 }).sort()).toEqual([a, b].sort());
    expect(personIdsIn({ witnessPersonIds: [c, d] }).sort()).toEqual([c, d].sort());
    expect(personIdsIn({ nested: { deeper: [{ guardianPersonId: c }] } })).toEqual([c]);
  });

  it('ignores what is not a person reference', () => {
    expect(personIdsIn({ personId: null, callerPersonId: 'not-a-uuid', personsServed: 3, operatorId: a, mediatorIds: [b] })).toEqual([]);
    expect(personIdsIn(null)).toEqual([]);
    expect(personIdsIn('x')).toEqual([]);
    expect(personIdsIn({ responsePersonIdx: a, personIdentifier: b })).toEqual([]);
  });

  it('lower-cases ids and names each once', () => {
    expect(personIdsIn({ personId: a.toUpperCase(), parties: [{ personId: a }] })).toEqual([a]);
  });
});

describe('finding the workers an event names', () => {
  it('takes mediators and assignees, and leaves the workers alone otherwise', () => {
    expect(workerIdsIn({ mediatorIds: ['u1', 'u2'], previousMediatorIds: ['u0'] })).toEqual(['u1', 'u2']);
    expect(workerIdsIn({ assigneeIds: ['u3'] })).toEqual(['u3']);
    expect(workerIdsIn({ assigneeId: 'u4' })).toEqual(['u4']);
    expect(workerIdsIn({ assigneeId: null })).toEqual([]);
    expect(workerIdsIn({ operatorId: 'u5', orgUnitId: 'x' })).toBeUndefined();
    expect(workerIdsIn(null)).toBeUndefined();
  });
});
