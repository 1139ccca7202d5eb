import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { workOrderDecider } from '../work-order.decider';
import {
  facts,
  ids,
  recordReply,
  replyDeadlineExtended,
  T,
  workOrderAcknowledged,
  workOrderAssigned,
  workOrderIn,
} from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';

const { given } = deciderSpec(workOrderDecider);

describe('RecordWorkOrderReply', () => {
  it('records the reply of the acknowledged unit, with the assignment it answers and the default limit', () =>
    given(workOrderIn.acknowledged)
      .when(recordReply({ resultCode: 'explained', at: T.replied }))
      .then([
        {
          type: 'WorkOrderReplied',
          data: {
            ...facts(),
            resultCode: 'explained',
            at: T.replied,
            repliedOn: '2021-03-04',
            assignedAt: T.created,
            replyLimitWorkingDays: null,
          },
        },
      ]));

  it('records a reply without a result code as null, at the moment the command was issued', () =>
    given(workOrderIn.acknowledged)
      .when(recordReply({}, '2021-03-04T23:30:00+08:00'))
      .then([
        {
          type: 'WorkOrderReplied',
          data: {
            ...facts(),
            resultCode: null,
            at: '2021-03-04T23:30:00+08:00',
            repliedOn: '2021-03-04',
            assignedAt: T.created,
            replyLimitWorkingDays: null,
          },
        },
      ]));

  it('carries the extended limit and the latest assignment, so on-time counts need no other event', () =>
    given([
      ...workOrderIn.returned,
      workOrderAssigned({ orgUnitId: ids.village, at: T.reassigned, waitingSince: T.returned }),
      workOrderAcknowledged({ orgUnitId: ids.village, at: '2021-03-02T09:30:00+08:00' }),
      replyDeadlineExtended({ orgUnitId: ids.village, workingDays: 12, at: T.extended }),
    ])
      .when(recordReply({ resultCode: 'resolved', at: T.replied }))
      .then([
        {
          type: 'WorkOrderReplied',
          data: {
            ...facts(ids.village),
            resultCode: 'resolved',
            at: T.replied,
            repliedOn: '2021-03-04',
            assignedAt: T.reassigned,
            replyLimitWorkingDays: 12,
          },
        },
      ]));

  it('leaves the order replied, with the reply in its history', () =>
    given(workOrderIn.acknowledged)
      .when(recordReply({ resultCode: 'referred', at: T.replied }))
      .thenState((state) => {
        expect(state.status).toBe('replied');
        expect(state.status !== 'none' && state.replies).toEqual([{ resultCode: 'referred', at: T.replied }]);
      }));

  itRefusesOutside(['acknowledged'], 'WORK_ORDER.NOT_ACKNOWLEDGED', () => recordReply());

  it('refuses a reply dated before the acknowledgement, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(recordReply({ at: '2021-03-01T13:59:59+08:00' }), fold(workOrderDecider, workOrderIn.acknowledged))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));

  it('a reply entered in UTC counts on its Asia/Shanghai date', () =>
    given(workOrderIn.acknowledged)
      .when(recordReply({ at: '2021-03-04T16:30:00Z' }))
      .then([
        {
          type: 'WorkOrderReplied',
          data: {
            ...facts(),
            resultCode: null,
            at: '2021-03-04T16:30:00Z',
            repliedOn: '2021-03-05',
            assignedAt: T.created,
            replyLimitWorkingDays: null,
          },
        },
      ]));
});
