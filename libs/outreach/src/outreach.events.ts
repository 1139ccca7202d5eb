import type { Event } from '@pls/event-sourcing';
import type { LectureCancellationReason } from './outreach.values';

/**
 * The lecture stream's events: the contract. Type strings are final. A topic
 * is the lecture's public title and names no person, so it may travel in an
 * event; attendees are a count, never a list of people.
 */

export interface LectureFacts {
  readonly lectureId: string;
  readonly orgUnitId: string;
}

export type LecturePlanned = Event<'LecturePlanned', LectureFacts & { readonly plannedOn: string; readonly topic: string }>;

/** 场次 and 人次 count on `heldOn` (API.md). */
export type LectureHeld = Event<'LectureHeld', LectureFacts & { readonly heldOn: string; readonly attendees: number }>;

export type LectureCancelled = Event<
  'LectureCancelled',
  LectureFacts & { readonly plannedOn: string; readonly reason: LectureCancellationReason | null }
>;

export type LectureEvent = LecturePlanned | LectureHeld | LectureCancelled;
