import { deciderSpec } from '@pls/event-sourcing/testing';
import { CallAlreadyReachedError, CallNotMissedError, HotlineCallNotFoundError } from '../hotline-call.errors';
import { hotlineCallDecider } from '../hotline-call.decider';
import type { HotlineCallState } from '../hotline-call.state';
import {
  callbackAttempted,
  callClosed,
  callHandedOver,
  callLogged,
  ids,
  missedCallLogged,
  recordCallback,
  voicemailLogged,
} from '../testing/fixtures';
import { refusalOf } from '../testing/refusals';

const { given } = deciderSpec(hotlineCallDecider);
const callbacksOf = (state: HotlineCallState) => (state.status === 'none' ? [] : state.callbacks);

describe('RecordCallback', () => {
  it('records an unanswered callback to a missed call: the call waits for another attempt', () => {
    given([missedCallLogged()])
      .when(recordCallback({ at: '2021-03-01T10:00:00+08:00', reached: false }))
      .then([{ type: 'HotlineCallbackAttempted', data: { at: '2021-03-01T10:00:00+08:00', reached: false, offeredOn: '2021-03-01', orgUnitId: ids.city } }]);
    given([missedCallLogged()])
      .when(recordCallback({ reached: false }))
      .thenState((state) => expect(state.status).toBe('callback-attempted'));
  });

  it('reaches a voicemail caller', () =>
    given([voicemailLogged()])
      .when(recordCallback({ reached: true }))
      .thenState((state) => expect(state.status).toBe('reached')));

  it('tries again after an attempt that did not reach the caller, and keeps every attempt', () =>
    given([missedCallLogged(), callbackAttempted({ at: '2021-03-01T10:00:00+08:00' })])
      .when(recordCallback({ at: '2021-03-02T10:00:00+08:00', reached: true }))
      .thenState((state) => {
        expect(state.status).toBe('reached');
        expect(callbacksOf(state)).toEqual([
          { at: '2021-03-01T10:00:00+08:00', reached: false },
          { at: '2021-03-02T10:00:00+08:00', reached: true },
        ]);
      }));

  it('a further unreached attempt leaves the call waiting for a callback', () =>
    given([missedCallLogged(), callbackAttempted()])
      .when(recordCallback({ at: '2021-03-02T10:00:00+08:00' }))
      .thenState((state) => expect([state.status, callbacksOf(state).length]).toEqual(['callback-attempted', 2])));

  it('counts a callback made days later on the day the call was offered', () =>
    given([missedCallLogged()])
      .when(recordCallback({ at: '2021-03-09T10:00:00+08:00', reached: true }))
      .then([{ type: 'HotlineCallbackAttempted', data: { at: '2021-03-09T10:00:00+08:00', reached: true, offeredOn: '2021-03-01', orgUnitId: ids.city } }]));

  it('refuses a further callback once the caller was reached', () =>
    given([missedCallLogged(), callbackAttempted({ reached: true })])
      .when(recordCallback())
      .thenThrows(CallAlreadyReachedError, 'HOTLINE.ALREADY_REACHED'));

  it.each([
    ['answered', [callLogged()]],
    ['handed over', [callLogged(), callHandedOver()]],
    ['closed', [callLogged(), callClosed()]],
  ])('refuses a callback to a call that was %s', (_, history) =>
    given(history).when(recordCallback()).thenThrows(CallNotMissedError, 'HOTLINE.NOT_MISSED'));

  it('refuses a callback to an unknown call as not found', () => {
    given([]).when(recordCallback()).thenThrows(HotlineCallNotFoundError, 'HOTLINE.NOT_FOUND');
    expect(refusalOf(() => hotlineCallDecider.decide(recordCallback(), hotlineCallDecider.initialState)).kind).toBe('not-found');
  });

  it('refuses a callback before the call was offered, naming `at`', () => {
    const state = hotlineCallDecider.evolve(hotlineCallDecider.initialState, missedCallLogged());
    expect(refusalOf(() => hotlineCallDecider.decide(recordCallback({ at: '2021-03-01T08:59:00+08:00' }), state))).toMatchObject({
      code: 'HOTLINE.CALLBACK_BEFORE_OFFERED',
      field: 'at',
      kind: 'invalid',
    });
  });
});
