import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, agreed, dueDateExtended, given, history, meta, recordAgreement, refusalOf } from '../testing/fixtures';
import { recordMediationAgreementRoute } from './record-agreement.command';

describe('RecordMediationAgreement', () => {
  it('records the agreement reached in session, with the facts statistics count on', () =>
    given(history.inSession())
      .when(recordAgreement())
      .then([agreed()]));

  it('records an agreement reached without a recorded session', () =>
    given(history.accepted())
      .when(recordAgreement())
      .then([agreed()]));

  it('takes an oral agreement with nothing to pay', () =>
    given(history.inSession())
      .when(recordAgreement({ form: 'oral', agreedAmountFen: 0 }))
      .then([agreed({ form: 'oral', agreedAmountFen: 0 })]));

  it('is on time when it takes effect on the due date, late the day after', () => {
    given(history.inSession())
      .when(recordAgreement({ effectiveOn: '2021-04-01' }))
      .then([agreed({ effectiveOn: '2021-04-01', onTime: true })]);
    given(history.inSession())
      .when(recordAgreement({ effectiveOn: '2021-04-02' }))
      .then([agreed({ effectiveOn: '2021-04-02', onTime: false })]);
  });

  it('measures on-time against the extended due date', () =>
    given([...history.inSession(), dueDateExtended({ newDueOn: '2021-04-16' })])
      .when(recordAgreement({ effectiveOn: '2021-04-10' }))
      .then([agreed({ effectiveOn: '2021-04-10', dueOn: '2021-04-16', onTime: true })]));

  it('allows an agreement effective on the acceptance day', () =>
    given(history.accepted())
      .when(recordAgreement({ effectiveOn: '2021-03-02' }))
      .then([agreed({ effectiveOn: '2021-03-02' })]));

  it('concludes the mediation as agreed', () =>
    given(history.inSession())
      .when(recordAgreement())
      .thenState((state) =>
        expect(state).toMatchObject({
          status: 'agreed',
          agreement: { form: 'written', effectiveOn: '2021-03-20', agreedAmountFen: 1_200_000, confirmation: null, performances: [] },
        }),
      ));

  it('refuses an agreement effective before the acceptance (422 on effectiveOn)', () =>
    expect(refusalOf(history.inSession(), recordAgreement({ effectiveOn: '2021-03-01' }))).toMatchObject({
      code: 'MEDIATION.AGREEMENT_BEFORE_ACCEPTED',
      kind: 'invalid',
      field: 'effectiveOn',
    }));
});

describe('POST /mediations/{id}/agreement', () => {
  const accepts = bodyValidator(recordMediationAgreementRoute);
  const valid = { form: 'written', effectiveOn: '2021-03-20', agreedAmountFen: 1_200_000 };

  it('takes form, effective date and agreed amount in fen', () => {
    expect(accepts(valid)).toBe(true);
    expect(accepts({ ...valid, agreedAmountFen: 1e15 })).toBe(true);
  });

  it.each([
    ['an unknown form', { form: 'notarised' }],
    ['a fractional amount', { agreedAmountFen: 12000.5 }],
    ['an amount as a string', { agreedAmountFen: '12000' }],
    ['a negative amount', { agreedAmountFen: -100 }],
    ['an amount above 10^15 fen', { agreedAmountFen: 1e15 + 1 }],
    ['the terms of the agreement', { terms: 'A pays B' }],
  ])('refuses %s', (_, change) => expect(accepts({ ...valid, ...change })).toBe(false));

  it('requires the amount', () => expect(accepts({ form: 'oral', effectiveOn: '2021-03-20' })).toBe(false));

  it('builds the command', () =>
    expect(recordMediationAgreementRoute.toCommand({ id: MEDIATION_ID, body: valid, metadata: meta(), loaded: {} })).toEqual(recordAgreement()));
});
