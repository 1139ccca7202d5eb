import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, given, history, meta, recordSession, refusalOf, sessionRecorded } from '../testing/fixtures';
import { recordMediationSessionRoute } from './record-session.command';

describe('RecordMediationSession', () => {
  it('records the first session of an accepted mediation, which is then in session', () => {
    given(history.accepted())
      .when(recordSession({ heldOn: '2021-03-10' }))
      .then([sessionRecorded({ heldOn: '2021-03-10', sessionNumber: 1 })]);
    given(history.accepted())
      .when(recordSession())
      .thenState((state) => expect(state.status).toBe('in-session'));
  });

  it('numbers further sessions and keeps every date', () => {
    given(history.inSession())
      .when(recordSession({ heldOn: '2021-03-12' }))
      .then([sessionRecorded({ heldOn: '2021-03-12', sessionNumber: 2 })]);
    given(history.inSession())
      .when(recordSession({ heldOn: '2021-03-12' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'in-session', handling: { sessionDates: ['2021-03-10', '2021-03-12'] } }));
  });

  it('allows a session on the acceptance day', () =>
    given(history.accepted())
      .when(recordSession({ heldOn: '2021-03-02' }))
      .then([sessionRecorded({ heldOn: '2021-03-02' })]));

  it('refuses a session dated before the acceptance (422 on heldOn)', () =>
    expect(refusalOf(history.accepted(), recordSession({ heldOn: '2021-03-01' }))).toMatchObject({
      code: 'MEDIATION.SESSION_BEFORE_ACCEPTED',
      kind: 'invalid',
      field: 'heldOn',
    }));
});

describe('POST /mediations/{id}/sessions', () => {
  const accepts = bodyValidator(recordMediationSessionRoute);

  it('takes the session date only', () => {
    expect(accepts({ heldOn: '2021-03-10' })).toBe(true);
    expect(accepts({ heldOn: '2021-03-10', minutes: 'the parties met' })).toBe(false);
    expect(accepts({})).toBe(false);
  });

  it('builds the command', () =>
    expect(recordMediationSessionRoute.toCommand({ id: MEDIATION_ID, body: { heldOn: '2021-03-10' }, metadata: meta(), loaded: {} })).toEqual(recordSession()));
});
