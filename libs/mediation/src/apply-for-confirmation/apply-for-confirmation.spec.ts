import { bodyValidator } from '../testing/body-validator';
import {
  MEDIATION_ID,
  accepted,
  agreed,
  applyForConfirmation,
  confirmationApplied,
  confirmationDecided,
  given,
  history,
  meta,
  refusalOf,
  registered,
} from '../testing/fixtures';
import { ConfirmationWindowClosedError, MediationLifecycleError } from '../mediation.errors';
import { applyForJudicialConfirmationRoute } from './apply-for-confirmation.command';

// The ordinary agreement takes effect on 2021-03-20: day 30 is 2021-04-19.
describe('ApplyForJudicialConfirmation (人民调解法 Art 33)', () => {
  it('records the application within the 30 days', () =>
    given(history.agreed())
      .when(applyForConfirmation({ appliedOn: '2021-03-25' }))
      .then([confirmationApplied({ appliedOn: '2021-03-25', effectiveOn: '2021-03-20' })]));

  it('allows the application on the day the agreement takes effect', () =>
    given(history.agreed())
      .when(applyForConfirmation({ appliedOn: '2021-03-20' }))
      .then([confirmationApplied({ appliedOn: '2021-03-20' })]));

  it('allows the application on day 30', () =>
    given(history.agreed())
      .when(applyForConfirmation({ appliedOn: '2021-04-19' }))
      .then([confirmationApplied({ appliedOn: '2021-04-19' })]));

  it('refuses the application on day 31: the window has closed (409)', () => {
    given(history.agreed())
      .when(applyForConfirmation({ appliedOn: '2021-04-20' }))
      .thenThrows(ConfirmationWindowClosedError, 'MEDIATION.CONFIRMATION_WINDOW_CLOSED');
    expect(refusalOf(history.agreed(), applyForConfirmation({ appliedOn: '2021-04-20' })).kind).toBe('conflict');
  });

  it('refuses judicial confirmation later than 30 days after the agreement', () =>
    given([registered(), accepted({ acceptedOn: '2021-02-20' }), agreed({ effectiveOn: '2021-03-01' })])
      .when(applyForConfirmation({ appliedOn: '2021-04-01' }))
      .thenThrows(ConfirmationWindowClosedError));

  it('counts the window in calendar days across February', () => {
    const agreedInFebruary = [registered(), accepted({ acceptedOn: '2021-02-01' }), agreed({ effectiveOn: '2021-02-10' })];
    given(agreedInFebruary).when(applyForConfirmation({ appliedOn: '2021-03-12' })).then([confirmationApplied({ appliedOn: '2021-03-12', effectiveOn: '2021-02-10' })]);
    given(agreedInFebruary).when(applyForConfirmation({ appliedOn: '2021-03-13' })).thenThrows(ConfirmationWindowClosedError);
  });

  it('records the application while the agreement is being performed', () =>
    given(history.performing())
      .when(applyForConfirmation())
      .then([confirmationApplied()]));

  it('records the application for an oral agreement too (the law names no form)', () =>
    given([registered(), accepted(), agreed({ form: 'oral' })])
      .when(applyForConfirmation())
      .then([confirmationApplied()]));

  it('keeps the application, awaiting the decision', () =>
    given(history.agreed())
      .when(applyForConfirmation())
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'agreed', agreement: { confirmation: { appliedOn: '2021-03-25', result: null, decidedOn: null } } }),
      ));

  it('refuses an application dated before the agreement takes effect (422 on appliedOn)', () =>
    expect(refusalOf(history.agreed(), applyForConfirmation({ appliedOn: '2021-03-19' }))).toMatchObject({
      code: 'MEDIATION.APPLIED_BEFORE_EFFECTIVE',
      kind: 'invalid',
      field: 'appliedOn',
    }));

  it('refuses a second application', () =>
    given([...history.agreed(), confirmationApplied()])
      .when(applyForConfirmation({ appliedOn: '2021-03-26' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.CONFIRMATION_ALREADY_APPLIED'));

  it('refuses a new application once the court has decided', () =>
    given([...history.agreed(), confirmationApplied(), confirmationDecided({ result: 'withdrawn', decidedOn: '2021-03-28' })])
      .when(applyForConfirmation({ appliedOn: '2021-04-01' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.CONFIRMATION_ALREADY_APPLIED'));
});

describe('POST /mediations/{id}/judicial-confirmation', () => {
  const accepts = bodyValidator(applyForJudicialConfirmationRoute);

  it('takes the application date only', () => {
    expect(accepts({ appliedOn: '2021-03-25' })).toBe(true);
    expect(accepts({ appliedOn: '2021-03-25', court: 'county court' })).toBe(false);
    expect(accepts({})).toBe(false);
  });

  it('builds the command', () =>
    expect(applyForJudicialConfirmationRoute.toCommand({ id: MEDIATION_ID, body: { appliedOn: '2021-03-25' }, metadata: meta(), loaded: {} })).toEqual(
      applyForConfirmation(),
    ));
});
