import { MediationLifecycleError } from '../mediation.errors';

/** Refusal codes of `MarkMediationOverdue` (409). */
export const MarkOverdueErrorCode = {
  NOT_OVERDUE: 'MEDIATION.NOT_OVERDUE',
  ALREADY_OVERDUE: 'MEDIATION.ALREADY_OVERDUE',
  DUE_DATE_CHANGED: 'MEDIATION.DUE_DATE_CHANGED',
} as const;

export const overdueRefusals = {
  notOverdue: (dueOn: string) => new MediationLifecycleError(MarkOverdueErrorCode.NOT_OVERDUE, `The mediation is due on ${dueOn} and not overdue yet`),
  alreadyOverdue: (dueOn: string) =>
    new MediationLifecycleError(MarkOverdueErrorCode.ALREADY_OVERDUE, `The mediation has already been flagged overdue for its due date ${dueOn}`),
  dueDateChanged: (dueOn: string) =>
    new MediationLifecycleError(MarkOverdueErrorCode.DUE_DATE_CHANGED, `The due date is now ${dueOn}: the one given is no longer current`),
};
