import type { LectureEvent } from '../outreach.events';
import { refusals } from '../outreach.errors';
import type { LectureState } from '../outreach.state';
import type { PlanLecture } from './plan-lecture.command';

export function decidePlanLecture({ data }: PlanLecture, state: LectureState): LectureEvent[] {
  if (state.status !== 'none') throw refusals.alreadyPlanned();
  return [{ type: 'LecturePlanned', data: { lectureId: data.id, orgUnitId: data.orgUnitId, plannedOn: data.plannedOn, topic: data.topic } }];
}
