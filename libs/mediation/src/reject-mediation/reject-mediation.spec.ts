import { keysOf, REJECTION_REASONS } from '@pls/reference';
import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, given, history, meta, refusalOf, reject, rejected } from '../testing/fixtures';
import { rejectMediationRoute } from './reject-mediation.command';

describe('RejectMediation', () => {
  it.each(keysOf(REJECTION_REASONS))('rejects a registered mediation for the reason %s', (reason) =>
    given(history.registered())
      .when(reject({ reason }))
      .then([rejected({ reason })]));

  it('allows the rejection on the registration day', () =>
    given(history.registered())
      .when(reject({ rejectedOn: '2021-03-01' }))
      .then([rejected({ rejectedOn: '2021-03-01' })]));

  it('makes the registration final', () =>
    given(history.registered())
      .when(reject())
      .thenState((state) => expect(state).toMatchObject({ status: 'rejected', rejection: { reason: 'out-of-scope', rejectedOn: '2021-03-02' } })));

  it('refuses a rejection dated before the registration (422 on rejectedOn)', () =>
    expect(refusalOf(history.registered(), reject({ rejectedOn: '2021-02-28' }))).toMatchObject({
      code: 'MEDIATION.REJECTED_BEFORE_REGISTERED',
      kind: 'invalid',
      field: 'rejectedOn',
    }));
});

describe('POST /mediations/{id}/reject', () => {
  const accepts = bodyValidator(rejectMediationRoute);

  it('takes a listed reason and the date', () => expect(accepts({ reason: 'party-refused', rejectedOn: '2021-03-02' })).toBe(true));

  it.each([
    ['an unlisted reason', { reason: 'busy', rejectedOn: '2021-03-02' }],
    ['a free-text explanation', { reason: 'other', rejectedOn: '2021-03-02', explanation: 'see file' }],
    ['no date', { reason: 'other' }],
  ])('refuses %s', (_, body) => expect(accepts(body)).toBe(false));

  it('builds the command', () =>
    expect(rejectMediationRoute.toCommand({ id: MEDIATION_ID, body: { reason: 'out-of-scope', rejectedOn: '2021-03-02' }, metadata: meta(), loaded: {} })).toEqual(
      reject(),
    ));
});
