import { InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { lectureDecider } from '../outreach.decider';
import { LectureLifecycleError, OutreachErrorCode } from '../outreach.errors';
import { cancelled, hold, held, ids, meta, planned } from '../testing/fixtures';
import { holdLectureRoute } from './hold-lecture.command';

const { given } = deciderSpec(lectureDecider);

describe('HoldLecture', () => {
  it('records a planned lecture as held, with its attendees', () =>
    given([planned()]).when(hold({ heldOn: '2021-02-25', attendees: 60 })).then([held({ heldOn: '2021-02-25', attendees: 60 })]));

  it('records a lecture held on another day than planned', () =>
    given([planned({ plannedOn: '2021-02-25' })]).when(hold({ heldOn: '2021-02-27' })).then([held({ heldOn: '2021-02-27' })]));

  it('records a lecture nobody came to', () => given([planned()]).when(hold({ attendees: 0 })).then([held({ attendees: 0 })]));

  it('records a lecture held today in Asia/Shanghai', () =>
    // 16:30 UTC on 28 February is already 1 March in Shanghai.
    given([planned()]).when(hold({ heldOn: '2021-03-01' }, '2021-02-28T16:30:00Z')).then([held({ heldOn: '2021-03-01' })]));

  it('refuses a lecture held after today, naming heldOn', () =>
    given([planned()]).when(hold({ heldOn: '2021-03-01' }, '2021-02-28T15:30:00Z')).thenThrows(InvalidValueError, OutreachErrorCode.HELD_IN_FUTURE));

  it('makes the record final', () =>
    given([planned()])
      .when(hold())
      .thenState((state) => expect(state).toMatchObject({ status: 'held', heldOn: '2021-02-25', attendees: 60 })));

  it('refuses holding a lecture twice', () =>
    given([planned(), held()]).when(hold()).thenThrows(LectureLifecycleError, OutreachErrorCode.ALREADY_HELD));

  it('refuses holding a cancelled lecture', () =>
    given([planned(), cancelled()]).when(hold()).thenThrows(LectureLifecycleError, OutreachErrorCode.ALREADY_CANCELLED));

  it('refuses a lecture that was never planned', () => given([]).when(hold()).thenThrows(RecordNotFoundError, OutreachErrorCode.NOT_FOUND));
});

describe('HoldLecture route', () => {
  it('is the hold action, taking a day and 0 … 100000 attendees', () =>
    expect(holdLectureRoute).toMatchObject({
      action: 'hold',
      body: {
        required: ['heldOn', 'attendees'],
        additionalProperties: false,
        properties: { heldOn: { format: 'business-date' }, attendees: { type: 'integer', minimum: 0, maximum: 100_000 } },
      },
    }));

  it('turns the body into the command', () =>
    expect(holdLectureRoute.toCommand({ id: ids.lecture, body: { heldOn: '2021-02-25', attendees: 60 }, metadata: meta(), loaded: {} })).toEqual(hold()));
});
