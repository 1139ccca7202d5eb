import { deciderSpec } from '@pls/event-sourcing/testing';
import { HotlineCallAlreadyExistsError } from '../hotline-call.errors';
import { hotlineCallDecider } from '../hotline-call.decider';
import { callLogged, ids, logCall, T } from '../testing/fixtures';
import { refusalOf } from '../testing/refusals';
import { logHotlineCallRoute } from './log-hotline-call.command';

const { given } = deciderSpec(hotlineCallDecider);
const refusalTo = (command: ReturnType<typeof logCall>) => refusalOf(() => hotlineCallDecider.decide(command, hotlineCallDecider.initialState));

describe('LogHotlineCall', () => {
  it('logs an answered call with its wait and talk seconds and the day it counts on', () =>
    given([])
      .when(logCall())
      .then([
        {
          type: 'HotlineCallLogged',
          data: {
            callId: ids.call,
            orgUnitId: ids.city,
            offeredAt: '2021-03-01T09:00:00+08:00',
            answeredAt: '2021-03-01T09:00:08+08:00',
            endedAt: '2021-03-01T09:05:08+08:00',
            outcome: 'answered',
            waitSeconds: 8,
            talkSeconds: 300,
            callerPersonId: ids.caller,
            class: 'complaint',
            category: '10',
            operatorId: ids.operator,
            offeredOn: '2021-03-01',
          },
        },
      ]));

  it('logs a missed call: it waited until the caller hung up, talked for nothing, and absent fields are null', () =>
    given([])
      .when(
        logCall({
          outcome: 'missed',
          answeredAt: undefined,
          endedAt: '2021-03-01T09:00:03+08:00',
          callerPersonId: undefined,
          category: undefined,
          operatorId: undefined,
        }),
      )
      .then([
        {
          type: 'HotlineCallLogged',
          data: {
            callId: ids.call,
            orgUnitId: ids.city,
            offeredAt: T.offered,
            answeredAt: null,
            endedAt: '2021-03-01T09:00:03+08:00',
            outcome: 'missed',
            waitSeconds: 3,
            talkSeconds: 0,
            callerPersonId: null,
            class: 'complaint',
            category: null,
            operatorId: null,
            offeredOn: '2021-03-01',
          },
        },
      ]));

  it.each([
    ['answered', T.answered],
    ['missed', undefined],
    ['voicemail', undefined],
  ] as const)('a call logged %s has that status', (outcome, answeredAt) =>
    given([])
      .when(logCall({ outcome, answeredAt }))
      .thenState((state) => expect(state.status).toBe(outcome)));

  it('counts the call on its Asia/Shanghai date, whatever offset the instant was written in', () =>
    given([])
      .when(logCall({ offeredAt: '2021-02-28T16:30:00Z', answeredAt: '2021-02-28T16:30:05Z', endedAt: '2021-02-28T16:31:00Z' }))
      .thenState((state) => expect(state.status !== 'none' && state.offeredOn).toBe('2021-03-01')));

  it('compares instants as points in time across offsets', () =>
    given([])
      .when(logCall({ offeredAt: '2021-03-01T01:00:00Z', answeredAt: '2021-03-01T09:00:20+08:00', endedAt: '2021-03-01T01:01:00Z' }))
      .thenState((state) => expect(state.status !== 'none' && [state.waitSeconds, state.talkSeconds]).toEqual([20, 40])));

  it('truncates durations to whole seconds, so 15.9 s of waiting is 15', () =>
    given([])
      .when(logCall({ answeredAt: '2021-03-01T09:00:15.900+08:00' }))
      .thenState((state) => expect(state.status !== 'none' && state.waitSeconds).toBe(15)));

  it('refuses a call id that is already logged', () =>
    given([callLogged()]).when(logCall()).thenThrows(HotlineCallAlreadyExistsError, 'HOTLINE.ALREADY_EXISTS'));

  it.each([
    ['an answered call without answeredAt', logCall({ answeredAt: undefined }), 'HOTLINE.ANSWERED_AT_REQUIRED', 'answeredAt'],
    ['a missed call with answeredAt', logCall({ outcome: 'missed' }), 'HOTLINE.ANSWERED_AT_NOT_ALLOWED', 'answeredAt'],
    ['a voicemail with answeredAt', logCall({ outcome: 'voicemail' }), 'HOTLINE.ANSWERED_AT_NOT_ALLOWED', 'answeredAt'],
    ['an answer before the offer', logCall({ answeredAt: '2021-03-01T08:59:59+08:00' }), 'HOTLINE.ANSWERED_BEFORE_OFFERED', 'answeredAt'],
    ['an end before the answer', logCall({ endedAt: '2021-03-01T09:00:07+08:00' }), 'HOTLINE.ENDED_BEFORE_START', 'endedAt'],
    [
      'a missed call ending before its offer',
      logCall({ outcome: 'missed', answeredAt: undefined, endedAt: '2021-03-01T08:59:00+08:00' }),
      'HOTLINE.ENDED_BEFORE_START',
      'endedAt',
    ],
  ])('refuses %s as an invalid value naming the field', (_, command, code, field) =>
    expect(refusalTo(command)).toMatchObject({ code, field, kind: 'invalid' }));

  it('accepts a call that ends the instant it is answered', () =>
    given([])
      .when(logCall({ endedAt: T.answered }))
      .thenState((state) => expect(state.status !== 'none' && state.talkSeconds).toBe(0)));

  describe('route', () => {
    it('turns the body into the command, with the record id as the call id and no stray id', () => {
      const body = { id: ids.call, orgUnitId: ids.city, offeredAt: T.offered, endedAt: T.ended, outcome: 'missed', class: 'suggestion' };
      const command = logHotlineCallRoute.toCommand({ id: ids.call, body, metadata: logCall().metadata, loaded: {} });
      expect(command.type).toBe('LogHotlineCall');
      expect(command.data).toMatchObject({ callId: ids.call, outcome: 'missed', class: 'suggestion' });
      expect(command.data).not.toHaveProperty('id');
    });

    it('checks that the unit, the caller and the operator exist', () =>
      expect(logHotlineCallRoute.references).toEqual([
        { field: 'orgUnitId', kind: 'org-unit' },
        { field: 'callerPersonId', kind: 'person' },
        { field: 'operatorId', kind: 'user' },
      ]));
  });
});
