import type { FactMetric, SuccessRateDefinition } from '../statistics.metrics';

/** A rate: `value` = numerator ÷ denominator unrounded, `null` when the denominator is 0 (DOMAIN.md). */
export interface Rate {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export interface Areas {
  readonly mediation: {
    readonly accepted: number;
    readonly concluded: number;
    readonly succeeded: number;
    readonly terminated: number;
    readonly rejected: number;
    readonly successRate: Rate & { readonly definition: SuccessRateDefinition };
    readonly onTimeRate: Rate;
    readonly claimedAmountFen: number;
    readonly claimedAmountMissing: number;
    readonly agreedAmountFen: number;
    readonly personTimes: number;
  };
  readonly consultation: { readonly count: number; readonly personsServed: number; readonly referred: number };
  readonly hotline: {
    readonly offered: number;
    readonly answered: number;
    readonly answerRate: Rate;
    readonly answeredWithin15s: number;
    readonly missed: number;
    readonly callbacksReached: number;
  };
  readonly workOrder: {
    readonly created: number;
    readonly replied: number;
    readonly visited: number;
    readonly satisfied: number;
    readonly overdue: number;
  };
  readonly lecture: { readonly held: number; readonly attendees: number };
}

/** What one group of facts of one metric sums to. */
export interface MetricSums {
  count: number;
  amountFen: number;
  /** Facts without an amount (only read for `mediation.accepted`: 争议金额 not given). */
  amountMissing: number;
  countValue: number;
  onTime: number;
}

export const ZERO: Readonly<MetricSums> = { count: 0, amountFen: 0, amountMissing: 0, countValue: 0, onTime: 0 };

/** The figures of one group: metric sums plus the two figures that are not plain sums. */
export interface GroupFigures {
  readonly sums: ReadonlyMap<FactMetric, MetricSums>;
  /** Work orders supervised in P, each counted once (in the group of its first supervision in P). */
  readonly overdue: number;
  /** Of the cases accepted in P (in this group), those with an agreement recorded by asOf. */
  readonly cohortAgreed: number;
}

export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

export function areasOf(figures: GroupFigures, definition: SuccessRateDefinition): Areas {
  const s = (metric: FactMetric) => figures.sums.get(metric) ?? ZERO;
  const accepted = s('mediation.accepted');
  const succeeded = s('mediation.succeeded');
  const terminated = s('mediation.terminated');
  const concluded = succeeded.count + terminated.count;
  const successNumerator = definition === 'cohort' ? figures.cohortAgreed : succeeded.count;
  const successDenominator = definition === 'concluded' ? concluded : accepted.count;
  const offered = s('hotline.offered').count;
  const answered = s('hotline.answered').count;
  return {
    mediation: {
      accepted: accepted.count,
      concluded,
      succeeded: succeeded.count,
      terminated: terminated.count,
      rejected: s('mediation.rejected').count,
      successRate: { ...rate(successNumerator, successDenominator), definition },
      onTimeRate: rate(succeeded.onTime + terminated.onTime, concluded),
      claimedAmountFen: accepted.amountFen,
      claimedAmountMissing: accepted.amountMissing,
      agreedAmountFen: succeeded.amountFen,
      personTimes: accepted.countValue,
    },
    consultation: {
      count: s('consultation.opened').count,
      personsServed: s('consultation.opened').countValue,
      referred: s('consultation.referred').count,
    },
    hotline: {
      offered,
      answered,
      answerRate: rate(answered, offered),
      answeredWithin15s: s('hotline.answeredWithin15s').count,
      missed: s('hotline.missed').count,
      callbacksReached: s('hotline.callbackReached').count,
    },
    workOrder: {
      created: s('workOrder.created').count,
      replied: s('workOrder.replied').count,
      visited: s('workOrder.visited').count,
      satisfied: s('workOrder.satisfied').count,
      overdue: figures.overdue,
    },
    lecture: { held: s('lecture.held').count, attendees: s('lecture.held').countValue },
  };
}
