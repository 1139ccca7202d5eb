import { keysOf, TERMINATION_REASONS } from '@pls/reference';
import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, dueDateExtended, given, history, meta, refusalOf, terminate, terminated } from '../testing/fixtures';
import { terminateMediationRoute } from './terminate-mediation.command';

describe('TerminateMediation', () => {
  it.each(keysOf(TERMINATION_REASONS))('terminates a mediation in session for the reason %s', (reason) =>
    given(history.inSession())
      .when(terminate({ reason }))
      .then([terminated({ reason })]));

  it('terminates an accepted mediation before any session', () =>
    given(history.accepted())
      .when(terminate())
      .then([terminated()]));

  it('is late when terminated after the due date, on time with an extension', () => {
    given(history.inSession())
      .when(terminate({ terminatedOn: '2021-04-02' }))
      .then([terminated({ terminatedOn: '2021-04-02', onTime: false })]);
    given([...history.inSession(), dueDateExtended({ newDueOn: '2021-04-16' })])
      .when(terminate({ terminatedOn: '2021-04-02' }))
      .then([terminated({ terminatedOn: '2021-04-02', dueOn: '2021-04-16', onTime: true })]);
  });

  it('allows termination on the acceptance day', () =>
    given(history.accepted())
      .when(terminate({ terminatedOn: '2021-03-02' }))
      .then([terminated({ terminatedOn: '2021-03-02' })]));

  it('concludes the mediation as terminated', () =>
    given(history.inSession())
      .when(terminate())
      .thenState((state) => expect(state).toMatchObject({ status: 'terminated', termination: { reason: 'no-agreement', terminatedOn: '2021-03-25' } })));

  it('refuses a termination dated before the acceptance (422 on terminatedOn)', () =>
    expect(refusalOf(history.inSession(), terminate({ terminatedOn: '2021-03-01' }))).toMatchObject({
      code: 'MEDIATION.TERMINATED_BEFORE_ACCEPTED',
      kind: 'invalid',
      field: 'terminatedOn',
    }));
});

describe('POST /mediations/{id}/terminate', () => {
  const accepts = bodyValidator(terminateMediationRoute);

  it('takes a listed reason and the date', () => expect(accepts({ reason: 'withdrawn', terminatedOn: '2021-03-25' })).toBe(true));

  it.each([
    ['an unlisted reason', { reason: 'gave-up', terminatedOn: '2021-03-25' }],
    ['no reason', { terminatedOn: '2021-03-25' }],
    ['a narrative', { reason: 'other', terminatedOn: '2021-03-25', narrative: 'the parties fell out' }],
  ])('refuses %s', (_, body) => expect(accepts(body)).toBe(false));

  it('builds the command', () =>
    expect(terminateMediationRoute.toCommand({ id: MEDIATION_ID, body: { reason: 'no-agreement', terminatedOn: '2021-03-25' }, metadata: meta(), loaded: {} })).toEqual(
      terminate(),
    ));
});
