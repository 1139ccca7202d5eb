import type { MediationOverdue } from '../mediation.events';
import { MediationLifecycleError } from '../mediation.errors';
import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, ORG_UNIT_ID, dueDateExtended, given, history, meta, sessionRecorded } from '../testing/fixtures';
import type { MarkMediationOverdue } from './mark-overdue.command';
import { markMediationOverdueRoute } from './mark-overdue.command';

// The fixture case is accepted 2021-03-02 and due 2021-04-01.
const markOverdue = (data: Partial<MarkMediationOverdue['data']> = {}): MarkMediationOverdue => ({
  type: 'MarkMediationOverdue',
  data: { mediationId: MEDIATION_ID, dueOn: '2021-04-01', markedOn: '2021-04-02', ...data },
  metadata: meta(),
});
const overdue = (data: Partial<MediationOverdue['data']> = {}): MediationOverdue => ({
  type: 'MediationOverdue',
  data: { mediationId: MEDIATION_ID, orgUnitId: ORG_UNIT_ID, dueOn: '2021-04-01', markedOn: '2021-04-02', ...data },
});

describe('MarkMediationOverdue', () => {
  it('flags an accepted mediation the day after its due date', () =>
    given(history.accepted()).when(markOverdue()).then([overdue()]));

  it('flags a mediation in session, and leaves it in session', () =>
    given(history.inSession())
      .when(markOverdue({ markedOn: '2021-04-20' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'in-session', handling: { dueOn: '2021-04-01', overdueFor: '2021-04-01' } })));

  it('refuses on the due date itself: due on a day means by its end', () =>
    given(history.accepted())
      .when(markOverdue({ markedOn: '2021-04-01' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.NOT_OVERDUE'));

  it('refuses a second flag for the same due date', () =>
    given([...history.accepted(), overdue()])
      .when(markOverdue({ markedOn: '2021-04-05' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.ALREADY_OVERDUE'));

  it('flags again once an extension has been overrun too', () =>
    given([...history.accepted(), overdue(), dueDateExtended({ previousDueOn: '2021-04-01', newDueOn: '2021-04-16' })])
      .when(markOverdue({ dueOn: '2021-04-16', markedOn: '2021-04-17' }))
      .then([overdue({ dueOn: '2021-04-16', markedOn: '2021-04-17' })]));

  it('refuses a flag for a due date an extension has replaced', () =>
    given([...history.accepted(), dueDateExtended({ newDueOn: '2021-04-16' })])
      .when(markOverdue({ dueOn: '2021-04-01', markedOn: '2021-04-02' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.DUE_DATE_CHANGED'));

  it('keeps the flag through later sessions', () =>
    given([...history.accepted(), overdue(), sessionRecorded({ heldOn: '2021-04-03', sessionNumber: 1 })])
      .when(markOverdue({ markedOn: '2021-04-05' }))
      .thenThrows(MediationLifecycleError, 'MEDIATION.ALREADY_OVERDUE'));

  it.each([
    ['registered (no due date yet)', history.registered, 'MEDIATION.NOT_ACCEPTED'],
    ['rejected', history.rejected, 'MEDIATION.REJECTED'],
    ['agreed', history.agreed, 'MEDIATION.NOT_IN_PROGRESS'],
    ['performing', history.performing, 'MEDIATION.NOT_IN_PROGRESS'],
    ['terminated', history.terminated, 'MEDIATION.NOT_IN_PROGRESS'],
    ['closed', history.closed, 'MEDIATION.CLOSED'],
  ])('refuses a mediation that is %s', (_, events, code) => given(events()).when(markOverdue()).thenRefuses(code));

  it('refuses an unknown mediation as not found', () => given([]).when(markOverdue()).thenRefuses('MEDIATION.NOT_FOUND'));
});

describe('POST /mediations/{id}/overdue', () => {
  const accepts = bodyValidator(markMediationOverdueRoute);

  it('takes the due date it is flagging', () => {
    expect(accepts({ dueOn: '2021-04-01' })).toBe(true);
    expect(accepts({})).toBe(false);
    expect(accepts({ dueOn: '2021-04-01', markedOn: '2021-04-02' })).toBe(false);
  });

  it('builds the command, dated on the Asia/Shanghai day it was issued', () =>
    expect(
      markMediationOverdueRoute.toCommand({
        id: MEDIATION_ID,
        body: { dueOn: '2021-04-01' },
        metadata: { ...meta(), now: '2021-04-01T16:30:00Z' },
        loaded: {},
      }),
    ).toEqual({ ...markOverdue({ markedOn: '2021-04-02' }), metadata: { ...meta(), now: '2021-04-01T16:30:00Z' } }));
});
