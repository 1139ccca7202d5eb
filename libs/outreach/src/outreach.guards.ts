import { assertNever } from '@pls/event-sourcing';
import { refusals } from './outreach.errors';
import type { LectureState, PlannedLecture } from './outreach.state';

/** The planned lecture a command acts on; held and cancelled lectures are final. */
export function requirePlanned(state: LectureState): PlannedLecture {
  switch (state.status) {
    case 'planned':
      return state;
    case 'held':
      throw refusals.alreadyHeld();
    case 'cancelled':
      throw refusals.alreadyCancelled();
    case 'none':
      throw refusals.notFound();
    default:
      return assertNever(state, 'lecture state');
  }
}
