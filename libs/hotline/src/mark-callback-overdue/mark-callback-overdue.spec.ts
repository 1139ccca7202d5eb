import { deciderSpec } from '@pls/event-sourcing/testing';
import { CallAlreadyReachedError, CallNotMissedError, HotlineCallNotFoundError } from '../hotline-call.errors';
import type { HotlineCallbackOverdue } from '../hotline-call.events';
import { hotlineCallDecider } from '../hotline-call.decider';
import {
  callbackAttempted,
  callClosed,
  callHandedOver,
  callLogged,
  ids,
  meta,
  missedCallLogged,
  recordCallback,
  voicemailLogged,
} from '../testing/fixtures';
import { markCallbackOverdueBody, markCallbackOverdueRoute, type MarkCallbackOverdue } from './mark-callback-overdue.command';
import { CallbackAlreadyOverdueError, CallbackNotOverdueError } from './mark-callback-overdue.errors';
import Ajv2020 from 'ajv/dist/2020';
import { isInstant } from '@pls/reference';

const { given } = deciderSpec(hotlineCallDecider);

/** The body schema as the HTTP layer checks it (Ajv, with the formats the conventions name). */
function bodyValidatorFor(schema: object): (body: unknown) => boolean {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('instant', { type: 'string', validate: isInstant });
  const validate = ajv.compile(schema);
  return (body) => validate(body) === true;
}

// The fixture call was missed on Monday 2021-03-01 at 09:00; by default it is due back by the end of that working day.
const DUE = '2021-03-01T16:00:00.000Z';
const AFTER = '2021-03-02T00:00:05+08:00';

const markOverdue = (data: Partial<MarkCallbackOverdue['data']> = {}, now = AFTER): MarkCallbackOverdue => ({
  type: 'MarkCallbackOverdue',
  data: { dueAt: DUE, ...data },
  metadata: meta(now),
});
const overdue = (data: Partial<HotlineCallbackOverdue['data']> = {}): HotlineCallbackOverdue => ({
  type: 'HotlineCallbackOverdue',
  data: { dueAt: DUE, at: AFTER, offeredOn: '2021-03-01', orgUnitId: ids.city, ...data },
});

describe('MarkCallbackOverdue', () => {
  it('flags a missed call nobody called back by the deadline', () => given([missedCallLogged()]).when(markOverdue()).then([overdue()]));

  it('flags a voicemail, and a call whose callbacks did not reach the caller, leaving the status alone', () => {
    given([voicemailLogged()]).when(markOverdue()).then([overdue()]);
    given([missedCallLogged(), callbackAttempted({ reached: false })])
      .when(markOverdue())
      .thenState((state) => expect(state).toMatchObject({ status: 'callback-attempted', callbackOverdueAt: AFTER }));
  });

  it('takes `at` when given, and counts on the day the call was offered', () =>
    given([missedCallLogged()])
      .when(markOverdue({ at: '2021-03-05T10:00:00+08:00' }))
      .then([overdue({ at: '2021-03-05T10:00:00+08:00' })]));

  it('refuses before the deadline', () =>
    given([missedCallLogged()])
      .when(markOverdue({}, '2021-03-01T23:59:59+08:00'))
      .thenThrows(CallbackNotOverdueError, 'HOTLINE.CALLBACK_NOT_OVERDUE'));

  it('refuses a second flag', () =>
    given([missedCallLogged(), overdue()]).when(markOverdue()).thenThrows(CallbackAlreadyOverdueError, 'HOTLINE.CALLBACK_ALREADY_OVERDUE'));

  it('refuses once the caller was reached', () =>
    given([missedCallLogged(), callbackAttempted({ reached: true })]).when(markOverdue()).thenThrows(CallAlreadyReachedError, 'HOTLINE.ALREADY_REACHED'));

  it('still takes a callback after the flag, and the call can be reached then', () =>
    given([missedCallLogged(), overdue()])
      .when(recordCallback({ at: '2021-03-02T10:00:00+08:00', reached: true }))
      .thenState((state) => expect(state).toMatchObject({ status: 'reached', callbackOverdueAt: AFTER })));

  it.each([
    ['answered', [callLogged()]],
    ['handed over', [callLogged(), callHandedOver()]],
    ['closed', [callLogged(), callClosed()]],
  ])('refuses a call that was %s', (_, history) => given(history).when(markOverdue()).thenThrows(CallNotMissedError, 'HOTLINE.NOT_MISSED'));

  it('refuses an unknown call as not found', () => given([]).when(markOverdue()).thenThrows(HotlineCallNotFoundError, 'HOTLINE.NOT_FOUND'));
});

describe('POST /hotline-calls/{id}/callback-overdue', () => {
  const accepts = bodyValidatorFor(markCallbackOverdueBody);

  it('takes the deadline, and optionally when', () => {
    expect(accepts({ dueAt: DUE })).toBe(true);
    expect(accepts({ dueAt: DUE, at: AFTER })).toBe(true);
    expect(accepts({})).toBe(false);
    expect(accepts({ dueAt: '2021-03-01' })).toBe(false);
    expect(accepts({ dueAt: DUE, reason: 'late' })).toBe(false);
  });

  it('builds the command', () =>
    expect(markCallbackOverdueRoute.toCommand({ id: ids.call, body: { dueAt: DUE }, metadata: meta(AFTER), loaded: {} })).toEqual(
      markOverdue({ at: undefined }),
    ));
});
