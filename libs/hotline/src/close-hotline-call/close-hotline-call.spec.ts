import { deciderSpec } from '@pls/event-sourcing/testing';
import { CallAlreadyHandedOverError, CallClosedError, CallNotAnsweredError, HotlineCallNotFoundError } from '../hotline-call.errors';
import { hotlineCallDecider } from '../hotline-call.decider';
import {
  callbackAttempted,
  callClosed,
  callHandedOver,
  callLogged,
  closeCall,
  ids,
  missedCallLogged,
  T,
  voicemailLogged,
} from '../testing/fixtures';
import { refusalOf } from '../testing/refusals';

const { given } = deciderSpec(hotlineCallDecider);

describe('CloseHotlineCall', () => {
  it('closes an answered call at the given instant', () =>
    given([callLogged()])
      .when(closeCall({ at: '2021-03-01T09:06:00+08:00' }))
      .then([{ type: 'HotlineCallClosed', data: { at: '2021-03-01T09:06:00+08:00', orgUnitId: ids.city, offeredOn: '2021-03-01' } }]));

  it('closes at the moment the command was issued when no instant is given', () =>
    given([callLogged()])
      .when(closeCall({}, '2021-03-01T09:30:00+08:00'))
      .thenState((state) => {
        expect(state.status).toBe('closed');
        expect(state.status === 'closed' && state.closedAt).toBe('2021-03-01T09:30:00+08:00');
      }));

  it('refuses to close a call handed over to a work order', () =>
    given([callLogged(), callHandedOver()]).when(closeCall()).thenThrows(CallAlreadyHandedOverError, 'HOTLINE.ALREADY_HANDED_OVER'));

  it('refuses to close a call twice', () =>
    given([callLogged(), callClosed()]).when(closeCall()).thenThrows(CallClosedError, 'HOTLINE.CLOSED'));

  it.each([
    ['missed', [missedCallLogged()]],
    ['voicemail', [voicemailLogged()]],
    ['callback-attempted', [missedCallLogged(), callbackAttempted()]],
    ['reached', [missedCallLogged(), callbackAttempted({ reached: true })]],
  ])('refuses to close a %s call', (_, history) =>
    given(history).when(closeCall()).thenThrows(CallNotAnsweredError, 'HOTLINE.NOT_ANSWERED'));

  it('refuses to close an unknown call as not found', () =>
    given([]).when(closeCall()).thenThrows(HotlineCallNotFoundError, 'HOTLINE.NOT_FOUND'));

  it('refuses to close a call before it ended, naming `at`', () => {
    const state = hotlineCallDecider.evolve(hotlineCallDecider.initialState, callLogged());
    expect(refusalOf(() => hotlineCallDecider.decide(closeCall({ at: T.answered }), state))).toMatchObject({
      code: 'HOTLINE.CLOSED_BEFORE_CALL_ENDED',
      field: 'at',
      kind: 'invalid',
    });
  });
});
