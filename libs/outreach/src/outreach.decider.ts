import { assertNever, type Decider } from '@pls/event-sourcing';
import { decideCancelLecture } from './cancel-lecture/cancel-lecture.decide';
import type { CancelLecture } from './cancel-lecture/cancel-lecture.command';
import { decideHoldLecture } from './hold-lecture/hold-lecture.decide';
import type { HoldLecture } from './hold-lecture/hold-lecture.command';
import type { LectureEvent } from './outreach.events';
import { evolveLecture, initialLectureState, type LectureState } from './outreach.state';
import { decidePlanLecture } from './plan-lecture/plan-lecture.decide';
import type { PlanLecture } from './plan-lecture/plan-lecture.command';

export type LectureCommand = PlanLecture | HoldLecture | CancelLecture;

export const lectureDecider: Decider<LectureCommand, LectureEvent, LectureState> = {
  initialState: initialLectureState,
  evolve: evolveLecture,
  decide(command, state) {
    switch (command.type) {
      case 'PlanLecture':
        return decidePlanLecture(command, state);
      case 'HoldLecture':
        return decideHoldLecture(command, state);
      case 'CancelLecture':
        return decideCancelLecture(command, state);
      default:
        return assertNever(command, 'lecture command');
    }
  },
};
