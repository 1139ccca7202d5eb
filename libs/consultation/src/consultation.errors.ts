import { DomainError, InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable refusal codes of the consultation context; clients and tests key on these. */
export const ConsultationErrorCode = {
  // 404
  NOT_FOUND: 'CONSULTATION.NOT_FOUND',
  // 409: the lifecycle refuses
  ALREADY_OPENED: 'CONSULTATION.ALREADY_OPENED',
  ALREADY_ANSWERED: 'CONSULTATION.ALREADY_ANSWERED',
  ALREADY_REFERRED: 'CONSULTATION.ALREADY_REFERRED',
  MEDIATION_EXISTS: 'CONSULTATION.MEDIATION_EXISTS',
  // 422: a value the body schema cannot judge
  BEFORE_RECEIVED: 'CONSULTATION.BEFORE_RECEIVED',
  REQUIRED_FOR_MEDIATION: 'CONSULTATION.REQUIRED_FOR_MEDIATION',
  ONLY_FOR_MEDIATION: 'CONSULTATION.ONLY_FOR_MEDIATION',
  DUPLICATE_PARTY: 'CONSULTATION.DUPLICATE_PARTY',
} as const;

export type ConsultationErrorCode = (typeof ConsultationErrorCode)[keyof typeof ConsultationErrorCode];

/** No consultation under this id (404). */
export class ConsultationNotFoundError extends RecordNotFoundError {
  constructor() {
    super(ConsultationErrorCode.NOT_FOUND, 'There is no consultation with this id');
  }
}

/** The consultation's lifecycle refuses the command in its current state (409). */
export class ConsultationLifecycleError extends InvalidTransitionError {}

/** The mediation id the client chose already names a mediation (409, naming `mediationId`). */
export class MediationExistsError extends DomainError {
  constructor() {
    super(ConsultationErrorCode.MEDIATION_EXISTS, 'A mediation with this id already exists', 'conflict', 'mediationId');
  }
}

const lifecycle = (code: ConsultationErrorCode, message: string) => () => new ConsultationLifecycleError(code, message);

/** One factory per refusal, so a code always travels with the same kind and message. */
export const refusals = {
  notFound: () => new ConsultationNotFoundError(),
  alreadyOpened: lifecycle(ConsultationErrorCode.ALREADY_OPENED, 'A consultation with this id is already open'),
  alreadyAnswered: lifecycle(ConsultationErrorCode.ALREADY_ANSWERED, 'The consultation has been answered; the record is final'),
  alreadyReferred: lifecycle(ConsultationErrorCode.ALREADY_REFERRED, 'The consultation has been referred; the record is final'),
  mediationExists: () => new MediationExistsError(),
  beforeReceived: (field: string, receivedAt: string) =>
    new InvalidValueError(ConsultationErrorCode.BEFORE_RECEIVED, field, `The consultation was received at ${receivedAt}`),
  requiredForMediation: (field: string) =>
    new InvalidValueError(ConsultationErrorCode.REQUIRED_FOR_MEDIATION, field, 'A referral to mediation needs this field'),
  onlyForMediation: (field: string) =>
    new InvalidValueError(ConsultationErrorCode.ONLY_FOR_MEDIATION, field, 'Only a referral to mediation takes this field'),
  duplicateParty: () => new InvalidValueError(ConsultationErrorCode.DUPLICATE_PARTY, 'parties', 'A person is listed as a party twice'),
};
