export * from './consultation.events';
export * from './consultation.state';
export * from './consultation.errors';
export { consultationDecider, type ConsultationCommand } from './consultation.decider';
export { consultationRoutes, consultationView } from './consultation.routes';
export type { OpenConsultation } from './open-consultation/open-consultation.command';
export type { AnswerConsultation } from './answer-consultation/answer-consultation.command';
export type { ReferConsultation, ReferralParty } from './refer-consultation/refer-consultation.command';
/** The stream category of consultations (`consultation-<id>`). */
export const CONSULTATION_STREAM = 'consultation';
