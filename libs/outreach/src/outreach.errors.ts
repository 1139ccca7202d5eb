import { InvalidTransitionError, InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';

/** Stable refusal codes of the outreach context; clients and tests key on these. */
export const OutreachErrorCode = {
  // 404
  NOT_FOUND: 'OUTREACH.NOT_FOUND',
  // 409: the lifecycle refuses
  ALREADY_PLANNED: 'OUTREACH.ALREADY_PLANNED',
  ALREADY_HELD: 'OUTREACH.ALREADY_HELD',
  ALREADY_CANCELLED: 'OUTREACH.ALREADY_CANCELLED',
  // 422: a value the body schema cannot judge
  HELD_IN_FUTURE: 'OUTREACH.HELD_IN_FUTURE',
} as const;

export type OutreachErrorCode = (typeof OutreachErrorCode)[keyof typeof OutreachErrorCode];

/** No lecture under this id (404). */
export class LectureNotFoundError extends RecordNotFoundError {
  constructor() {
    super(OutreachErrorCode.NOT_FOUND, 'There is no lecture with this id');
  }
}

/** The lecture's lifecycle refuses the command in its current state (409). */
export class LectureLifecycleError extends InvalidTransitionError {}

const lifecycle = (code: OutreachErrorCode, message: string) => () => new LectureLifecycleError(code, message);

/** One factory per refusal, so a code always travels with the same kind and message. */
export const refusals = {
  notFound: () => new LectureNotFoundError(),
  alreadyPlanned: lifecycle(OutreachErrorCode.ALREADY_PLANNED, 'A lecture with this id is already planned'),
  alreadyHeld: lifecycle(OutreachErrorCode.ALREADY_HELD, 'The lecture has been held; the record is final'),
  alreadyCancelled: lifecycle(OutreachErrorCode.ALREADY_CANCELLED, 'The lecture was cancelled; the record is final'),
  heldInFuture: (today: string) =>
    new InvalidValueError(OutreachErrorCode.HELD_IN_FUTURE, 'heldOn', `A lecture is recorded once held: heldOn cannot be after ${today}`),
};
