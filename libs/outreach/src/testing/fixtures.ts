import type { CommandMetadata } from '@pls/event-sourcing';
import type { CancelLecture } from '../cancel-lecture/cancel-lecture.command';
import type { HoldLecture } from '../hold-lecture/hold-lecture.command';
import { lectureDecider } from '../outreach.decider';
import type { LectureCancelled, LectureEvent, LectureHeld, LecturePlanned } from '../outreach.events';
import type { PlanLecture } from '../plan-lecture/plan-lecture.command';

/** 10:00 in Shanghai on 2021-03-01. */
export const NOW = '2021-03-01T02:00:00Z';
export const TOPIC = '民法典婚姻家庭编解读';

export const ids = {
  lecture: '11111111-1111-4111-8111-111111111111',
  unit: '22222222-2222-4222-8222-222222222222',
  command: '99999999-9999-4999-8999-999999999999',
} as const;

export function meta(now: string = NOW): CommandMetadata {
  return { commandId: ids.command, actorId: null, now };
}

const facts = { lectureId: ids.lecture, orgUnitId: ids.unit };

// Events.

export const planned = (data: Partial<LecturePlanned['data']> = {}): LecturePlanned => ({
  type: 'LecturePlanned',
  data: { ...facts, plannedOn: '2021-02-25', topic: TOPIC, ...data },
});

export const held = (data: Partial<LectureHeld['data']> = {}): LectureHeld => ({
  type: 'LectureHeld',
  data: { ...facts, heldOn: '2021-02-25', attendees: 60, ...data },
});

export const cancelled = (data: Partial<LectureCancelled['data']> = {}): LectureCancelled => ({
  type: 'LectureCancelled',
  data: { ...facts, plannedOn: '2021-02-25', reason: null, ...data },
});

/** The state after these events. */
export const stateOf = (...events: LectureEvent[]) => events.reduce(lectureDecider.evolve, lectureDecider.initialState);

// Commands.

export const plan = (data: Partial<PlanLecture['data']> = {}): PlanLecture => ({
  type: 'PlanLecture',
  data: { id: ids.lecture, orgUnitId: ids.unit, plannedOn: '2021-02-25', topic: TOPIC, ...data },
  metadata: meta(),
});

export const hold = (data: Partial<HoldLecture['data']> = {}, now?: string): HoldLecture => ({
  type: 'HoldLecture',
  data: { heldOn: '2021-02-25', attendees: 60, ...data },
  metadata: meta(now),
});

export const cancel = (data: CancelLecture['data'] = {}): CancelLecture => ({ type: 'CancelLecture', data, metadata: meta() });
