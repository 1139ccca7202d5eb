import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, close, closed, given, history, meta, refusalOf } from '../testing/fixtures';
import { MediationLifecycleError } from '../mediation.errors';
import { closeMediationRoute } from './close-mediation.command';

describe('CloseMediation (结案归档)', () => {
  it('files an agreed mediation, naming the outcome and the day it counts on', () =>
    given(history.agreed())
      .when(close())
      .then([closed({ outcome: 'agreed', concludedOn: '2021-03-20', closedOn: '2021-04-20' })]));

  it('files a mediation whose agreement is being performed', () =>
    given(history.performing())
      .when(close())
      .then([closed({ outcome: 'agreed', concludedOn: '2021-03-20' })]));

  it('files a terminated mediation', () =>
    given(history.terminated())
      .when(close())
      .then([closed({ outcome: 'terminated', concludedOn: '2021-03-25' })]));

  it('allows closing on the conclusion day', () =>
    given(history.terminated())
      .when(close({ closedOn: '2021-03-25' }))
      .then([closed({ outcome: 'terminated', concludedOn: '2021-03-25', closedOn: '2021-03-25' })]));

  it('keeps everything the record held, under the closed status', () =>
    given(history.performing())
      .when(close())
      .thenState((state) =>
        expect(state).toMatchObject({
          status: 'closed',
          closedOn: '2021-04-20',
          filed: { status: 'performing', agreement: { effectiveOn: '2021-03-20', performances: [{ performance: 'full' }] } },
        }),
      ));

  it('refuses to close before the conclusion (422 on closedOn)', () =>
    expect(refusalOf(history.terminated(), close({ closedOn: '2021-03-24' }))).toMatchObject({
      code: 'MEDIATION.CLOSED_BEFORE_CONCLUDED',
      kind: 'invalid',
      field: 'closedOn',
    }));

  it('refuses to close a rejected registration: it is final as it stands', () =>
    given(history.rejected())
      .when(close())
      .thenThrows(MediationLifecycleError, 'MEDIATION.REJECTED'));

  it.each([
    ['registered', history.registered],
    ['accepted', history.accepted],
    ['in session', history.inSession],
  ])('refuses to close a mediation that is %s and not concluded', (_, events) =>
    given(events())
      .when(close())
      .thenThrows(MediationLifecycleError, 'MEDIATION.NOT_CONCLUDED'));
});

describe('POST /mediations/{id}/close', () => {
  const accepts = bodyValidator(closeMediationRoute);

  it('takes the closing date only', () => {
    expect(accepts({ closedOn: '2021-04-20' })).toBe(true);
    expect(accepts({ closedOn: '2021-04-20', archiveNo: '2021-17' })).toBe(false);
    expect(accepts({ closedOn: '20210420' })).toBe(false);
  });

  it('builds the command', () =>
    expect(closeMediationRoute.toCommand({ id: MEDIATION_ID, body: { closedOn: '2021-04-20' }, metadata: meta(), loaded: {} })).toEqual(close()));
});
