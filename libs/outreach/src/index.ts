export * from './outreach.events';
export * from './outreach.state';
export * from './outreach.errors';
export * from './outreach.values';
export { lectureDecider, type LectureCommand } from './outreach.decider';
export { lectureRoutes, lectureView } from './outreach.routes';
export type { PlanLecture } from './plan-lecture/plan-lecture.command';
export type { HoldLecture } from './hold-lecture/hold-lecture.command';
export type { CancelLecture } from './cancel-lecture/cancel-lecture.command';
