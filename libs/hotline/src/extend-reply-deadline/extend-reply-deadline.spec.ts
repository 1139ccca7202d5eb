import { fold } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { WorkOrderAlreadyExtendedError } from '../work-order.errors';
import { workOrderDecider } from '../work-order.decider';
import {
  extendReplyDeadline,
  facts,
  ids,
  replyDeadlineExtended,
  T,
  workOrderAssigned,
  workOrderIn,
  workOrderReturned,
} from '../testing/fixtures';
import { itRefusesOutside, refusalOf } from '../testing/refusals';
import { extendReplyDeadlineBody } from './extend-reply-deadline.command';

const { given } = deciderSpec(workOrderDecider);

describe('ExtendReplyDeadline', () => {
  it('extends the reply limit of an acknowledged order', () =>
    given(workOrderIn.acknowledged)
      .when(extendReplyDeadline({ workingDays: 10, at: T.extended }))
      .then([{ type: 'WorkOrderReplyDeadlineExtended', data: { ...facts(), workingDays: 10, at: T.extended, extendedOn: '2021-03-02' } }]));

  it('extends the reply limit of an order not yet acknowledged, leaving its status alone', () =>
    given(workOrderIn.assigned)
      .when(extendReplyDeadline({ workingDays: 15, at: T.extended }))
      .thenState((state) => expect(state).toMatchObject({ status: 'assigned', extension: { workingDays: 15, at: T.extended } })));

  it('refuses a second extension', () =>
    given([...workOrderIn.acknowledged, replyDeadlineExtended()])
      .when(extendReplyDeadline())
      .thenThrows(WorkOrderAlreadyExtendedError, 'WORK_ORDER.ALREADY_EXTENDED'));

  it('refuses a second extension even after the order came back and was assigned again', () =>
    given([
      ...workOrderIn.assigned,
      replyDeadlineExtended({ at: '2021-03-01T12:00:00+08:00' }),
      workOrderReturned(),
      workOrderAssigned({ orgUnitId: ids.village, at: T.reassigned, waitingSince: T.returned }),
    ])
      .when(extendReplyDeadline())
      .thenThrows(WorkOrderAlreadyExtendedError, 'WORK_ORDER.ALREADY_EXTENDED'));

  itRefusesOutside(['assigned', 'acknowledged'], 'WORK_ORDER.NOT_ASSIGNED', () => extendReplyDeadline());

  it('refuses an extension dated before the acknowledgement, naming `at`', () =>
    expect(
      refusalOf(() => workOrderDecider.decide(extendReplyDeadline({ at: '2021-03-01T13:00:00+08:00' }), fold(workOrderDecider, workOrderIn.acknowledged))),
    ).toMatchObject({ code: 'WORK_ORDER.BEFORE_PREVIOUS_STEP', field: 'at' }));

  it('takes at most 15 working days', () =>
    expect(extendReplyDeadlineBody).toMatchObject({ properties: { workingDays: { type: 'integer', minimum: 1, maximum: 15 } } }));
});
