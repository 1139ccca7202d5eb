export * from './mediation.events';
export * from './mediation.errors';
export {
  initialState,
  evolve,
  orgUnitOf,
  type MediationState,
  type MediationStatus,
  type MediationRecord,
  type Handling,
  type Agreement,
  type JudicialConfirmation,
  type PerformanceRecord,
} from './mediation.state';
export { mediationDecider, type MediationCommand } from './mediation.decider';
export { MEDIATIONS, MEDIATION_STREAM, type MediationRoute } from './mediation.command-route';
export { mediationRoutes, mediationView, viewMediation } from './mediation.routes';
export { configureMediationDueDays, DEFAULT_DUE_DAYS, mediationDueDays } from './accept-mediation/accept-mediation.decide';
export { CONFIRMATION_WINDOW_DAYS } from './apply-for-confirmation/apply-for-confirmation.decide';
export type { RegisterMediation } from './register-mediation/register-mediation.command';
export type { AcceptMediation } from './accept-mediation/accept-mediation.command';
export type { RejectMediation } from './reject-mediation/reject-mediation.command';
export type { RecordMediationSession } from './record-session/record-session.command';
export type { RecordMediationAgreement } from './record-agreement/record-agreement.command';
export type { TerminateMediation } from './terminate-mediation/terminate-mediation.command';
export type { ExtendMediationDueDate } from './extend-due-date/extend-due-date.command';
export type { ReassignMediators } from './reassign-mediators/reassign-mediators.command';
export type { ApplyForJudicialConfirmation } from './apply-for-confirmation/apply-for-confirmation.command';
export type { RecordJudicialConfirmationDecision } from './record-confirmation-decision/record-confirmation-decision.command';
export type { RecordMediationPerformance } from './record-performance/record-performance.command';
export type { CloseMediation } from './close-mediation/close-mediation.command';
export type { MarkMediationOverdue } from './mark-overdue/mark-overdue.command';
export { MarkOverdueErrorCode } from './mark-overdue/mark-overdue.errors';
