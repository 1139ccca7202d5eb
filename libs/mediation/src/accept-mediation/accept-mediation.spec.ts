import { bodyValidator } from '../testing/body-validator';
import {
  APPLICANT_ID,
  MEDIATION_ID,
  MEDIATOR_ID,
  OTHER_MEDIATOR_ID,
  RESPONDENT_ID,
  accept,
  accepted,
  given,
  history,
  meta,
  refusalOf,
  registered,
} from '../testing/fixtures';
import { acceptMediationRoute, type AcceptMediation } from './accept-mediation.command';
import { configureMediationDueDays } from './accept-mediation.decide';

describe('AcceptMediation', () => {
  it('accepts a registered mediation, due 30 calendar days after acceptance by default', () =>
    given(history.registered())
      .when(accept({ acceptedOn: '2021-03-02' }))
      .then([accepted({ acceptedOn: '2021-03-02', dueOn: '2021-04-01' })]));

  it('counts the default due date across month ends, year ends and leap days', () => {
    given(history.registered()).when(accept({ acceptedOn: '2021-12-15' })).then([accepted({ acceptedOn: '2021-12-15', dueOn: '2022-01-14' })]);
    given([registered({ registeredOn: '2024-02-01' })])
      .when(accept({ acceptedOn: '2024-02-10' }))
      .then([accepted({ acceptedOn: '2024-02-10', dueOn: '2024-03-11' })]);
  });

  it('takes the default time limit the command carries (the PLS_MEDIATION_DUE_DAYS setting)', () =>
    given(history.registered())
      .when(accept({ acceptedOn: '2021-03-02', defaultDueDays: 45 }))
      .then([accepted({ acceptedOn: '2021-03-02', dueOn: '2021-04-16' })]));

  it('puts the configured default time limit into the command', () => {
    const command = (days: number) => {
      configureMediationDueDays(days);
      return (acceptMediationRoute.toCommand as (input: unknown) => AcceptMediation)({
        id: MEDIATION_ID,
        body: { acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID] },
        metadata: meta(),
        loaded: {},
      });
    };
    try {
      expect(command(20).data.defaultDueDays).toBe(20);
    } finally {
      configureMediationDueDays();
    }
    expect(command(30).data.defaultDueDays).toBe(30);
    expect(() => configureMediationDueDays(0)).toThrow(RangeError);
  });

  it('takes a due date the mediators set themselves', () =>
    given(history.registered())
      .when(accept({ dueOn: '2021-05-15' }))
      .then([accepted({ dueOn: '2021-05-15' })]));

  it('allows acceptance on the registration day and a due date on the acceptance day', () =>
    given(history.registered())
      .when(accept({ acceptedOn: '2021-03-01', dueOn: '2021-03-01' }))
      .then([accepted({ acceptedOn: '2021-03-01', dueOn: '2021-03-01' })]));

  it('carries the claimed amount and party count, which count on the acceptance date', () => {
    const parties = [
      { personId: APPLICANT_ID, role: 'applicant' as const },
      { personId: RESPONDENT_ID, role: 'respondent' as const },
      { personId: OTHER_MEDIATOR_ID, role: 'other' as const },
    ];
    given([registered({ parties, partyCount: 3, claimedAmountFen: null })])
      .when(accept())
      .then([accepted({ partyCount: 3, claimedAmountFen: null })]);
  });

  it('designates the mediators and starts with no sessions', () =>
    given(history.registered())
      .when(accept({ mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] }))
      .thenState((state) =>
        expect(state).toMatchObject({
          status: 'accepted',
          handling: { acceptedOn: '2021-03-02', dueOn: '2021-04-01', mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID], sessionDates: [] },
        }),
      ));

  it('refuses an acceptance dated before the registration (422 on acceptedOn)', () =>
    expect(refusalOf(history.registered(), accept({ acceptedOn: '2021-02-28' }))).toMatchObject({
      code: 'MEDIATION.ACCEPTED_BEFORE_REGISTERED',
      kind: 'invalid',
      field: 'acceptedOn',
    }));

  it('refuses a due date before the acceptance (422 on dueOn)', () =>
    expect(refusalOf(history.registered(), accept({ acceptedOn: '2021-03-02', dueOn: '2021-03-01' }))).toMatchObject({
      code: 'MEDIATION.DUE_BEFORE_ACCEPTED',
      kind: 'invalid',
      field: 'dueOn',
    }));
});

describe('POST /mediations/{id}/accept', () => {
  const accepts = bodyValidator(acceptMediationRoute);

  it('takes acceptedOn and mediatorIds, dueOn optional', () => {
    expect(accepts({ acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID] })).toBe(true);
    expect(accepts({ acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID], dueOn: '2021-04-30' })).toBe(true);
  });

  it.each([
    ['no mediator', { acceptedOn: '2021-03-02', mediatorIds: [] }],
    ['the same mediator twice', { acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID, MEDIATOR_ID] }],
    ['a mediator that is not a uuid', { acceptedOn: '2021-03-02', mediatorIds: ['zhang'] }],
    ['no acceptance date', { mediatorIds: [MEDIATOR_ID] }],
    ['an instant instead of a date', { acceptedOn: '2021-03-02T09:00:00+08:00', mediatorIds: [MEDIATOR_ID] }],
    ['an extra field', { acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID], note: 'x' }],
  ])('refuses %s', (_, body) => expect(accepts(body)).toBe(false));

  it('checks the mediators are users', () => expect(acceptMediationRoute.references).toEqual([{ field: 'mediatorIds[]', kind: 'user' }]));

  it('builds the command, leaving the default due date to the decision', () =>
    expect(acceptMediationRoute.toCommand({ id: MEDIATION_ID, body: { acceptedOn: '2021-03-02', mediatorIds: [MEDIATOR_ID] }, metadata: meta(), loaded: {} })).toEqual(
      accept({ dueOn: null, defaultDueDays: 30 }),
    ));
});
