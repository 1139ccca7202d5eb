import { shanghaiDate } from '@pls/reference';
import type { LectureEvent } from '../outreach.events';
import { refusals } from '../outreach.errors';
import { requirePlanned } from '../outreach.guards';
import type { LectureState } from '../outreach.state';
import type { HoldLecture } from './hold-lecture.command';

export function decideHoldLecture({ data, metadata }: HoldLecture, state: LectureState): LectureEvent[] {
  const lecture = requirePlanned(state);
  // A lecture may be held earlier or later than planned, but only a past (or today's) lecture can be recorded as held.
  const today = shanghaiDate(metadata.now);
  if (data.heldOn > today) throw refusals.heldInFuture(today);
  return [{ type: 'LectureHeld', data: { lectureId: lecture.id, orgUnitId: lecture.orgUnitId, heldOn: data.heldOn, attendees: data.attendees } }];
}
