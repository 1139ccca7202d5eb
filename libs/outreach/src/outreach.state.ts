import { assertNever } from '@pls/event-sourcing';
import type { LectureEvent } from './outreach.events';
import type { LectureCancellationReason } from './outreach.values';

interface LectureFields {
  readonly id: string;
  readonly orgUnitId: string;
  readonly plannedOn: string;
  readonly topic: string;
}

export type PlannedLecture = LectureFields & { readonly status: 'planned' };
export type HeldLecture = LectureFields & { readonly status: 'held'; readonly heldOn: string; readonly attendees: number };
export type CancelledLecture = LectureFields & { readonly status: 'cancelled'; readonly reason: LectureCancellationReason | null };
export type LectureState = { readonly status: 'none' } | PlannedLecture | HeldLecture | CancelledLecture;
export type LectureStatus = LectureState['status'];

export const initialLectureState: LectureState = { status: 'none' };

export function evolveLecture(state: LectureState, event: LectureEvent): LectureState {
  switch (event.type) {
    case 'LecturePlanned': {
      const { lectureId, orgUnitId, plannedOn, topic } = event.data;
      return { status: 'planned', id: lectureId, orgUnitId, plannedOn, topic };
    }
    case 'LectureHeld':
      return state.status === 'planned' ? { ...state, status: 'held', heldOn: event.data.heldOn, attendees: event.data.attendees } : state;
    case 'LectureCancelled':
      return state.status === 'planned' ? { ...state, status: 'cancelled', reason: event.data.reason } : state;
    default:
      return assertNever(event, 'lecture event');
  }
}
