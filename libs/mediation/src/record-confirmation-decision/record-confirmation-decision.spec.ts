import { CONFIRMATION_RESULTS, keysOf } from '@pls/reference';
import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, confirmationApplied, confirmationDecided, decideConfirmation, given, history, meta, refusalOf } from '../testing/fixtures';
import { MediationLifecycleError } from '../mediation.errors';
import { recordJudicialConfirmationDecisionRoute } from './record-confirmation-decision.command';

const applied = () => [...history.agreed(), confirmationApplied({ appliedOn: '2021-03-25' })];

describe('RecordJudicialConfirmationDecision', () => {
  it.each(keysOf(CONFIRMATION_RESULTS))('records the decision %s', (result) =>
    given(applied())
      .when(decideConfirmation({ result }))
      .then([confirmationDecided({ result })]));

  it('records a decision taken the day of the application', () =>
    given(applied())
      .when(decideConfirmation({ decidedOn: '2021-03-25' }))
      .then([confirmationDecided({ decidedOn: '2021-03-25' })]));

  it('records the decision while the agreement is being performed', () =>
    given([...history.performing(), confirmationApplied()])
      .when(decideConfirmation())
      .then([confirmationDecided()]));

  it('completes the application with the result', () =>
    given(applied())
      .when(decideConfirmation({ result: 'not-confirmed', decidedOn: '2021-04-10' }))
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'agreed', agreement: { confirmation: { appliedOn: '2021-03-25', result: 'not-confirmed', decidedOn: '2021-04-10' } } }),
      ));

  it('refuses a decision without an application', () =>
    given(history.agreed())
      .when(decideConfirmation())
      .thenThrows(MediationLifecycleError, 'MEDIATION.CONFIRMATION_NOT_APPLIED'));

  it('refuses a second decision', () =>
    given([...applied(), confirmationDecided()])
      .when(decideConfirmation({ result: 'withdrawn' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.CONFIRMATION_ALREADY_DECIDED'));

  it('refuses a decision dated before the application (422 on decidedOn)', () =>
    expect(refusalOf(applied(), decideConfirmation({ decidedOn: '2021-03-24' }))).toMatchObject({
      code: 'MEDIATION.DECIDED_BEFORE_APPLIED',
      kind: 'invalid',
      field: 'decidedOn',
    }));
});

describe('POST /mediations/{id}/judicial-confirmation-decision', () => {
  const accepts = bodyValidator(recordJudicialConfirmationDecisionRoute);

  it('takes a listed result and the date', () => {
    expect(accepts({ result: 'confirmed', decidedOn: '2021-04-10' })).toBe(true);
    expect(accepts({ result: 'approved', decidedOn: '2021-04-10' })).toBe(false);
    expect(accepts({ result: 'confirmed' })).toBe(false);
  });

  it('builds the command', () =>
    expect(
      recordJudicialConfirmationDecisionRoute.toCommand({ id: MEDIATION_ID, body: { result: 'confirmed', decidedOn: '2021-04-10' }, metadata: meta(), loaded: {} }),
    ).toEqual(decideConfirmation()));
});
