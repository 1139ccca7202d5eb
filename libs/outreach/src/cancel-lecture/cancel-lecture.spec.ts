import { RecordNotFoundError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { lectureDecider } from '../outreach.decider';
import { LectureLifecycleError, OutreachErrorCode } from '../outreach.errors';
import { cancel, cancelled, held, ids, meta, planned } from '../testing/fixtures';
import { cancelLectureRoute } from './cancel-lecture.command';

const { given } = deciderSpec(lectureDecider);

describe('CancelLecture', () => {
  it('cancels a planned lecture with a reason code', () =>
    given([planned()]).when(cancel({ reason: 'weather' })).then([cancelled({ reason: 'weather' })]));

  it('cancels without a reason', () => given([planned()]).when(cancel()).then([cancelled({ reason: null })]));

  it('makes the record final', () =>
    given([planned()])
      .when(cancel({ reason: 'rescheduled' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'cancelled', reason: 'rescheduled' })));

  it('refuses cancelling twice', () =>
    given([planned(), cancelled()]).when(cancel()).thenThrows(LectureLifecycleError, OutreachErrorCode.ALREADY_CANCELLED));

  it('refuses cancelling a lecture already held', () =>
    given([planned(), held()]).when(cancel()).thenThrows(LectureLifecycleError, OutreachErrorCode.ALREADY_HELD));

  it('refuses a lecture that was never planned', () => given([]).when(cancel()).thenThrows(RecordNotFoundError, OutreachErrorCode.NOT_FOUND));
});

describe('CancelLecture route', () => {
  it('is the cancel action, taking an optional reason code and nothing else', () =>
    expect(cancelLectureRoute).toMatchObject({
      action: 'cancel',
      body: {
        required: [],
        additionalProperties: false,
        properties: { reason: { enum: ['speaker-unavailable', 'venue-unavailable', 'weather', 'too-few-registrations', 'rescheduled', 'other'] } },
      },
    }));

  it('turns the body into the command', () => {
    expect(cancelLectureRoute.toCommand({ id: ids.lecture, body: { reason: 'weather' }, metadata: meta(), loaded: {} })).toEqual(cancel({ reason: 'weather' }));
    expect(cancelLectureRoute.toCommand({ id: ids.lecture, body: {}, metadata: meta(), loaded: {} })).toEqual(cancel({ reason: undefined }));
  });
});
