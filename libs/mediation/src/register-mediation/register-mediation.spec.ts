import { bodyValidator } from '../testing/body-validator';
import {
  APPLICANT_ID,
  CONSULTATION_ID,
  MEDIATION_ID,
  ORG_UNIT_ID,
  RESPONDENT_ID,
  given,
  history,
  meta,
  refusalOf,
  register,
  registered,
} from '../testing/fixtures';
import { MediationLifecycleError } from '../mediation.errors';
import { registerMediationRoute } from './register-mediation.command';

const THIRD_PARTY_ID = '72f59bef-cd8e-4fa0-8b9c-e3decfb0ab98';

describe('RegisterMediation', () => {
  it('registers a mediation with its parties, party count and claimed amount', () =>
    given([]).when(register()).then([registered()]));

  it('records a missing claimed amount as null, not as zero', () =>
    given([])
      .when(register({ claimedAmountFen: null }))
      .then([registered({ claimedAmountFen: null })]));

  it('counts every listed party, and needs no applicant among them', () => {
    const parties = [
      { personId: APPLICANT_ID, role: 'respondent' as const },
      { personId: RESPONDENT_ID, role: 'respondent' as const },
      { personId: THIRD_PARTY_ID, role: 'other' as const },
    ];
    given([])
      .when(register({ parties }))
      .then([registered({ parties, partyCount: 3 })]);
  });

  it('keeps the link back to the consultation a referral came from', () => {
    const referredFrom = { collection: 'consultations' as const, id: CONSULTATION_ID };
    given([])
      .when(register({ source: 'referral', referredFrom }))
      .then([registered({ source: 'referral', referredFrom })]);
  });

  it('takes a referral from a court or the police without a link', () =>
    given([])
      .when(register({ source: 'referral' }))
      .then([registered({ source: 'referral' })]));

  it('leaves the record registered, awaiting acceptance', () =>
    given([])
      .when(register())
      .thenState((state) => expect(state).toMatchObject({ status: 'registered', record: { id: MEDIATION_ID, orgUnitId: ORG_UNIT_ID } })));

  it.each(Object.entries(history))('refuses to register again over a record that is %s', (_, events) =>
    given(events())
      .when(register())
      .thenThrows(MediationLifecycleError, 'MEDIATION.ALREADY_REGISTERED'));

  it('refuses the same person as two parties (person-times would count them twice)', () => {
    const parties = [
      { personId: APPLICANT_ID, role: 'applicant' as const },
      { personId: APPLICANT_ID, role: 'respondent' as const },
    ];
    expect(refusalOf([], register({ parties }))).toMatchObject({ code: 'MEDIATION.DUPLICATE_PARTY', kind: 'invalid', field: 'parties' });
  });

  it('refuses a referral link on a mediation whose source is not a referral', () =>
    expect(refusalOf([], register({ source: 'application', referredFrom: { collection: 'hotline-calls', id: CONSULTATION_ID } }))).toMatchObject({
      code: 'MEDIATION.REFERRAL_SOURCE_REQUIRED',
      kind: 'invalid',
      field: 'referredFrom',
    }));
});

describe('POST /mediations', () => {
  const accepts = bodyValidator(registerMediationRoute);
  const valid = {
    orgUnitId: ORG_UNIT_ID,
    kind: 'people',
    source: 'application',
    category: '02',
    parties: [
      { personId: APPLICANT_ID, role: 'applicant' },
      { personId: RESPONDENT_ID, role: 'respondent' },
    ],
    registeredOn: '2021-03-01',
  };

  it('is the create route of the mediations collection', () =>
    expect(registerMediationRoute).toMatchObject({ collection: 'mediations', action: null, streamCategory: 'mediation' }));

  it('takes the API body, with the optional id, claimed amount and referral link', () => {
    expect(accepts(valid)).toBe(true);
    expect(
      accepts({ ...valid, id: MEDIATION_ID, claimedAmountFen: 0, source: 'referral', referredFrom: { collection: 'hotline-calls', id: CONSULTATION_ID } }),
    ).toBe(true);
  });

  it.each([
    ['one party only', { parties: [{ personId: APPLICANT_ID, role: 'applicant' }] }],
    ['a party role outside the list', { parties: [{ personId: APPLICANT_ID, role: 'witness' }, valid.parties[1]] }],
    ['a party with a name', { parties: [{ personId: APPLICANT_ID, role: 'applicant', name: '张三' }, valid.parties[1]] }],
    ['an unknown kind', { kind: 'court' }],
    ['an unknown source', { source: 'walk-in' }],
    ['an unknown category', { category: '15' }],
    ['a claimed amount in yuan with decimals', { claimedAmountFen: 15000.5 }],
    ['a negative claimed amount', { claimedAmountFen: -1 }],
    ['a claimed amount above 10^15 fen', { claimedAmountFen: 1e15 + 1 }],
    ['an impossible date', { registeredOn: '2021-02-30' }],
    ['a referral from another collection', { referredFrom: { collection: 'lectures', id: CONSULTATION_ID } }],
    ['a field the API does not define', { summary: 'neighbours quarrel over a wall' }],
  ])('refuses %s', (_, change) => expect(accepts({ ...valid, ...change })).toBe(false));

  it.each(['orgUnitId', 'kind', 'source', 'category', 'parties', 'registeredOn'])('requires %s', (field) => {
    const { [field]: _omitted, ...rest } = valid as Record<string, unknown>;
    expect(accepts(rest)).toBe(false);
  });

  it('checks the org unit and every party person exist', () =>
    expect(registerMediationRoute.references).toEqual([
      { field: 'orgUnitId', kind: 'org-unit' },
      { field: 'parties[].personId', kind: 'person' },
    ]));

  it('builds the command from the body, with the record id and nulls for what was left out', () =>
    expect(registerMediationRoute.toCommand({ id: MEDIATION_ID, body: { ...valid, id: MEDIATION_ID }, metadata: meta(), loaded: {} })).toEqual(
      register({ claimedAmountFen: null, referredFrom: null }),
    ));

  describe('referral link', () => {
    const referral = { ...valid, source: 'referral', referredFrom: { collection: 'consultations', id: CONSULTATION_ID } };
    const load = registerMediationRoute.load!;

    it('looks the referring record up in its own collection', async () => {
      const readRecord = jest.fn().mockResolvedValue({ state: { status: 'referred' }, version: 2 });
      await expect(load({ id: MEDIATION_ID, body: referral }, { readRecord })).resolves.toEqual({});
      expect(readRecord).toHaveBeenCalledWith('consultations', CONSULTATION_ID);
    });

    it('refuses a link to a record that does not exist (422 naming referredFrom.id)', async () => {
      const readRecord = jest.fn().mockResolvedValue(null);
      await expect(load({ id: MEDIATION_ID, body: referral }, { readRecord })).rejects.toMatchObject({
        code: 'MEDIATION.UNKNOWN_REFERRAL',
        kind: 'invalid',
        field: 'referredFrom.id',
      });
    });

    it('reads nothing when there is no link', async () => {
      const readRecord = jest.fn();
      await load({ id: MEDIATION_ID, body: valid }, { readRecord });
      expect(readRecord).not.toHaveBeenCalled();
    });
  });
});
