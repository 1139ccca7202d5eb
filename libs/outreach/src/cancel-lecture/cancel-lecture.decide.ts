import type { LectureEvent } from '../outreach.events';
import { requirePlanned } from '../outreach.guards';
import type { LectureState } from '../outreach.state';
import type { CancelLecture } from './cancel-lecture.command';

export function decideCancelLecture({ data }: CancelLecture, state: LectureState): LectureEvent[] {
  const lecture = requirePlanned(state);
  return [
    {
      type: 'LectureCancelled',
      data: { lectureId: lecture.id, orgUnitId: lecture.orgUnitId, plannedOn: lecture.plannedOn, reason: data.reason ?? null },
    },
  ];
}
