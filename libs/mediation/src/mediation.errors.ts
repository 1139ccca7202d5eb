import { InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable refusal codes of the mediation context; clients and tests key on these. */
export const MediationErrorCode = {
  // 404
  NOT_FOUND: 'MEDIATION.NOT_FOUND',
  // 409: the lifecycle refuses
  ALREADY_REGISTERED: 'MEDIATION.ALREADY_REGISTERED',
  REJECTED: 'MEDIATION.REJECTED',
  CLOSED: 'MEDIATION.CLOSED',
  NOT_REGISTERED: 'MEDIATION.NOT_REGISTERED',
  NOT_ACCEPTED: 'MEDIATION.NOT_ACCEPTED',
  NOT_IN_PROGRESS: 'MEDIATION.NOT_IN_PROGRESS',
  NOT_AGREED: 'MEDIATION.NOT_AGREED',
  NOT_CONCLUDED: 'MEDIATION.NOT_CONCLUDED',
  CONFIRMATION_ALREADY_APPLIED: 'MEDIATION.CONFIRMATION_ALREADY_APPLIED',
  CONFIRMATION_WINDOW_CLOSED: 'MEDIATION.CONFIRMATION_WINDOW_CLOSED',
  CONFIRMATION_NOT_APPLIED: 'MEDIATION.CONFIRMATION_NOT_APPLIED',
  CONFIRMATION_ALREADY_DECIDED: 'MEDIATION.CONFIRMATION_ALREADY_DECIDED',
  // 422: a value the body schema cannot judge
  DUPLICATE_PARTY: 'MEDIATION.DUPLICATE_PARTY',
  REFERRAL_SOURCE_REQUIRED: 'MEDIATION.REFERRAL_SOURCE_REQUIRED',
  UNKNOWN_REFERRAL: 'MEDIATION.UNKNOWN_REFERRAL',
  ACCEPTED_BEFORE_REGISTERED: 'MEDIATION.ACCEPTED_BEFORE_REGISTERED',
  DUE_BEFORE_ACCEPTED: 'MEDIATION.DUE_BEFORE_ACCEPTED',
  REJECTED_BEFORE_REGISTERED: 'MEDIATION.REJECTED_BEFORE_REGISTERED',
  SESSION_BEFORE_ACCEPTED: 'MEDIATION.SESSION_BEFORE_ACCEPTED',
  AGREEMENT_BEFORE_ACCEPTED: 'MEDIATION.AGREEMENT_BEFORE_ACCEPTED',
  TERMINATED_BEFORE_ACCEPTED: 'MEDIATION.TERMINATED_BEFORE_ACCEPTED',
  DUE_DATE_NOT_LATER: 'MEDIATION.DUE_DATE_NOT_LATER',
  SAME_MEDIATORS: 'MEDIATION.SAME_MEDIATORS',
  APPLIED_BEFORE_EFFECTIVE: 'MEDIATION.APPLIED_BEFORE_EFFECTIVE',
  DECIDED_BEFORE_APPLIED: 'MEDIATION.DECIDED_BEFORE_APPLIED',
  PERFORMANCE_BEFORE_EFFECTIVE: 'MEDIATION.PERFORMANCE_BEFORE_EFFECTIVE',
  CLOSED_BEFORE_CONCLUDED: 'MEDIATION.CLOSED_BEFORE_CONCLUDED',
} as const;

export type MediationErrorCode = (typeof MediationErrorCode)[keyof typeof MediationErrorCode];

/** No mediation under this id (404). */
export class MediationNotFoundError extends RecordNotFoundError {
  constructor() {
    super(MediationErrorCode.NOT_FOUND, 'There is no mediation with this id');
  }
}

/** The mediation's lifecycle refuses the command in its current state (409). */
export class MediationLifecycleError extends InvalidTransitionError {}

/** 人民调解法 Art 33: judicial confirmation is applied for within 30 days of the agreement taking effect. */
export class ConfirmationWindowClosedError extends MediationLifecycleError {
  constructor(lastDay: string) {
    super(MediationErrorCode.CONFIRMATION_WINDOW_CLOSED, `Judicial confirmation had to be applied for by ${lastDay}`);
  }
}

const lifecycle = (code: MediationErrorCode, message: string) => () => new MediationLifecycleError(code, message);

/** One factory per lifecycle refusal, so a code always travels with the same message. */
export const refusals = {
  notFound: () => new MediationNotFoundError(),
  alreadyRegistered: lifecycle(MediationErrorCode.ALREADY_REGISTERED, 'A mediation with this id is already registered'),
  rejected: lifecycle(MediationErrorCode.REJECTED, 'The registration was rejected; the record is final'),
  closed: lifecycle(MediationErrorCode.CLOSED, 'The mediation is closed and filed'),
  notRegistered: lifecycle(MediationErrorCode.NOT_REGISTERED, 'Only a registered mediation awaiting acceptance can be accepted or rejected'),
  notAccepted: lifecycle(MediationErrorCode.NOT_ACCEPTED, 'The mediation has not been accepted yet'),
  notInProgress: lifecycle(MediationErrorCode.NOT_IN_PROGRESS, 'The mediation is no longer in progress'),
  notAgreed: lifecycle(MediationErrorCode.NOT_AGREED, 'The mediation has no agreement'),
  notConcluded: lifecycle(MediationErrorCode.NOT_CONCLUDED, 'Only a concluded mediation (agreed or terminated) can be closed'),
  confirmationAlreadyApplied: lifecycle(MediationErrorCode.CONFIRMATION_ALREADY_APPLIED, 'Judicial confirmation has already been applied for'),
  confirmationNotApplied: lifecycle(MediationErrorCode.CONFIRMATION_NOT_APPLIED, 'No judicial confirmation has been applied for'),
  confirmationAlreadyDecided: lifecycle(MediationErrorCode.CONFIRMATION_ALREADY_DECIDED, 'The court has already decided on the judicial confirmation'),
  confirmationWindowClosed: (lastDay: string) => new ConfirmationWindowClosedError(lastDay),
};

/** A value the command carries is not acceptable for this record (422 naming the field). */
export function invalidValue(code: MediationErrorCode, field: string, message: string): InvalidValueError {
  return new InvalidValueError(code, field, message);
}
