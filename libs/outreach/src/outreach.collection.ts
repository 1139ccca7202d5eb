import { lectureDecider } from './outreach.decider';
import type { LectureState } from './outreach.state';

/** What every lecture route and the view share: where the records live and who rules on them. */
export const lectureCollection = {
  collection: 'lectures',
  streamCategory: 'lecture',
  decider: lectureDecider,
  orgUnitOf: (state: LectureState): string | null => (state.status === 'none' ? null : state.orgUnitId),
} as const;
