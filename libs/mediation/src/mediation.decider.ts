import { assertNever, type Decider } from '@pls/event-sourcing';
import type { MediationEvent } from './mediation.events';
import { evolve, initialState, type MediationState } from './mediation.state';
import type { AcceptMediation } from './accept-mediation/accept-mediation.command';
import { decideAcceptMediation } from './accept-mediation/accept-mediation.decide';
import type { ApplyForJudicialConfirmation } from './apply-for-confirmation/apply-for-confirmation.command';
import { decideApplyForJudicialConfirmation } from './apply-for-confirmation/apply-for-confirmation.decide';
import type { CloseMediation } from './close-mediation/close-mediation.command';
import { decideCloseMediation } from './close-mediation/close-mediation.decide';
import type { ExtendMediationDueDate } from './extend-due-date/extend-due-date.command';
import { decideExtendMediationDueDate } from './extend-due-date/extend-due-date.decide';
import type { MarkMediationOverdue } from './mark-overdue/mark-overdue.command';
import { decideMarkMediationOverdue } from './mark-overdue/mark-overdue.decide';
import type { ReassignMediators } from './reassign-mediators/reassign-mediators.command';
import { decideReassignMediators } from './reassign-mediators/reassign-mediators.decide';
import type { RecordMediationAgreement } from './record-agreement/record-agreement.command';
import { decideRecordMediationAgreement } from './record-agreement/record-agreement.decide';
import type { RecordJudicialConfirmationDecision } from './record-confirmation-decision/record-confirmation-decision.command';
import { decideRecordJudicialConfirmationDecision } from './record-confirmation-decision/record-confirmation-decision.decide';
import type { RecordMediationPerformance } from './record-performance/record-performance.command';
import { decideRecordMediationPerformance } from './record-performance/record-performance.decide';
import type { RecordMediationSession } from './record-session/record-session.command';
import { decideRecordMediationSession } from './record-session/record-session.decide';
import type { RegisterMediation } from './register-mediation/register-mediation.command';
import { decideRegisterMediation } from './register-mediation/register-mediation.decide';
import type { RejectMediation } from './reject-mediation/reject-mediation.command';
import { decideRejectMediation } from './reject-mediation/reject-mediation.decide';
import type { TerminateMediation } from './terminate-mediation/terminate-mediation.command';
import { decideTerminateMediation } from './terminate-mediation/terminate-mediation.decide';

export type MediationCommand =
  | RegisterMediation
  | AcceptMediation
  | RejectMediation
  | RecordMediationSession
  | RecordMediationAgreement
  | TerminateMediation
  | ExtendMediationDueDate
  | ReassignMediators
  | ApplyForJudicialConfirmation
  | RecordJudicialConfirmationDecision
  | RecordMediationPerformance
  | CloseMediation
  | MarkMediationOverdue;

export const mediationDecider: Decider<MediationCommand, MediationEvent, MediationState> = {
  initialState,
  evolve,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterMediation':
        return decideRegisterMediation(command, state);
      case 'AcceptMediation':
        return decideAcceptMediation(command, state);
      case 'RejectMediation':
        return decideRejectMediation(command, state);
      case 'RecordMediationSession':
        return decideRecordMediationSession(command, state);
      case 'RecordMediationAgreement':
        return decideRecordMediationAgreement(command, state);
      case 'TerminateMediation':
        return decideTerminateMediation(command, state);
      case 'ExtendMediationDueDate':
        return decideExtendMediationDueDate(command, state);
      case 'ReassignMediators':
        return decideReassignMediators(command, state);
      case 'ApplyForJudicialConfirmation':
        return decideApplyForJudicialConfirmation(command, state);
      case 'RecordJudicialConfirmationDecision':
        return decideRecordJudicialConfirmationDecision(command, state);
      case 'RecordMediationPerformance':
        return decideRecordMediationPerformance(command, state);
      case 'CloseMediation':
        return decideCloseMediation(command, state);
      case 'MarkMediationOverdue':
        return decideMarkMediationOverdue(command, state);
      default:
        return assertNever(command, 'mediation command');
    }
  },
};
