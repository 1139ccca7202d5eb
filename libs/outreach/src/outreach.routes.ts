import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { cancelLectureRoute } from './cancel-lecture/cancel-lecture.command';
import { holdLectureRoute } from './hold-lecture/hold-lecture.command';
import { lectureCollection } from './outreach.collection';
import type { LectureState } from './outreach.state';
import { planLectureRoute } from './plan-lecture/plan-lecture.command';

export const lectureRoutes: CommandRoute[] = [planLectureRoute, holdLectureRoute, cancelLectureRoute];

/** `GET /lectures/{id}`. */
export const lectureView: RecordView<LectureState> = {
  collection: lectureCollection.collection,
  streamCategory: lectureCollection.streamCategory,
  decider: lectureCollection.decider,
  view(state) {
    if (state.status === 'none') return null;
    return {
      id: state.id,
      status: state.status,
      orgUnitId: state.orgUnitId,
      plannedOn: state.plannedOn,
      topic: state.topic,
      heldOn: state.status === 'held' ? state.heldOn : null,
      attendees: state.status === 'held' ? state.attendees : null,
      cancelReason: state.status === 'cancelled' ? state.reason : null,
    };
  },
};
