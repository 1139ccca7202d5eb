import type { FactMetric, SuccessRateDefinition } from '../statistics.metrics';

/**
 * The figures `GET /stats/records?metric=` lists, by their path in the summary
 * JSON, and the facts behind each. For a count the number of records listed
 * (`total`) is the figure; for an amount or a person count it is `sumAmountFen`
 * or `sumCount`; for a rate the records are its numerator's.
 */
export interface RecordMetric {
  readonly facts: readonly FactMetric[];
  /** Extra condition on the fact row `f`. */
  readonly where?: string;
  /** `overdue`: each work order once, at its first supervision in P. `cohort`: accepted in P and agreed by asOf. */
  readonly special?: 'overdue' | 'cohort';
  /** What the listed records are, for figures that are not counts. */
  readonly of?: 'numerator' | 'amount' | 'persons';
}

const SUCCEEDED: RecordMetric = { facts: ['mediation.succeeded'], of: 'numerator' };

export const RECORD_METRICS = {
  'mediation.accepted': { facts: ['mediation.accepted'] },
  'mediation.concluded': { facts: ['mediation.succeeded', 'mediation.terminated'] },
  'mediation.succeeded': { facts: ['mediation.succeeded'] },
  'mediation.terminated': { facts: ['mediation.terminated'] },
  'mediation.rejected': { facts: ['mediation.rejected'] },
  'mediation.successRate': SUCCEEDED,
  'mediation.onTimeRate': { facts: ['mediation.succeeded', 'mediation.terminated'], where: 'f.on_time = 1', of: 'numerator' },
  'mediation.claimedAmountFen': { facts: ['mediation.accepted'], where: 'f.amount_fen IS NOT NULL', of: 'amount' },
  'mediation.claimedAmountMissing': { facts: ['mediation.accepted'], where: 'f.amount_fen IS NULL' },
  'mediation.agreedAmountFen': { facts: ['mediation.succeeded'], of: 'amount' },
  'mediation.personTimes': { facts: ['mediation.accepted'], of: 'persons' },
  'consultation.count': { facts: ['consultation.opened'] },
  'consultation.personsServed': { facts: ['consultation.opened'], of: 'persons' },
  'consultation.referred': { facts: ['consultation.referred'] },
  'hotline.offered': { facts: ['hotline.offered'] },
  'hotline.answered': { facts: ['hotline.answered'] },
  'hotline.answerRate': { facts: ['hotline.answered'], of: 'numerator' },
  'hotline.answeredWithin15s': { facts: ['hotline.answeredWithin15s'] },
  'hotline.missed': { facts: ['hotline.missed'] },
  'hotline.callbacksReached': { facts: ['hotline.callbackReached'] },
  'workOrder.created': { facts: ['workOrder.created'] },
  'workOrder.replied': { facts: ['workOrder.replied'] },
  'workOrder.visited': { facts: ['workOrder.visited'] },
  'workOrder.satisfied': { facts: ['workOrder.satisfied'] },
  'workOrder.overdue': { facts: ['workOrder.supervised'], special: 'overdue' },
  'lecture.held': { facts: ['lecture.held'] },
  'lecture.attendees': { facts: ['lecture.held'], of: 'persons' },
} as const satisfies Record<string, RecordMetric>;

export type RecordMetricName = keyof typeof RECORD_METRICS;
export const RECORD_METRIC_NAMES = Object.keys(RECORD_METRICS) as RecordMetricName[];

/** The success rate's numerator depends on the definition in use. */
export function recordMetric(name: RecordMetricName, definition: SuccessRateDefinition): RecordMetric {
  if (name === 'mediation.successRate' && definition === 'cohort')
    return { facts: ['mediation.accepted'], special: 'cohort', of: 'numerator' };
  return RECORD_METRICS[name];
}
