/**
 * The facts the statistics projection counts. One row of `stat_facts` per
 * (event, metric); every figure of the API is a sum or a count over them, so
 * every figure can be listed record by record.
 */
export const FACT_METRICS = [
  // Mediation: counted on acceptedOn / effectiveOn / terminatedOn / rejectedOn.
  'mediation.accepted',
  'mediation.succeeded',
  'mediation.terminated',
  'mediation.rejected',
  // Consultation: opened and referred on receivedOn; closed (answered or referred) on the day it happened.
  'consultation.opened',
  'consultation.referred',
  'consultation.closed',
  // Hotline: every call fact counts on the call's offeredOn, callbacks too.
  'hotline.offered',
  'hotline.answered',
  'hotline.answeredWithin15s',
  'hotline.missed',
  'hotline.callbackReached',
  // Work orders: created (at the unit it is handed to), replied, visited, satisfied, supervised;
  // routed (created, assigned, returned, reopened: who holds it) and closed feed the backlog.
  'workOrder.created',
  'workOrder.routed',
  'workOrder.replied',
  'workOrder.visited',
  'workOrder.satisfied',
  'workOrder.supervised',
  'workOrder.closed',
  // Lectures: held on heldOn, attendees in count_value.
  'lecture.held',
] as const;
export type FactMetric = (typeof FACT_METRICS)[number];

export const RECORD_TYPES = ['mediation', 'consultation', 'hotline-call', 'work-order', 'lecture'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The three definitions of 调解成功率 (DOMAIN.md: no official formula, so the choice is printed beside it). */
export const SUCCESS_RATE_DEFINITIONS = ['reported', 'concluded', 'cohort'] as const;
export type SuccessRateDefinition = (typeof SUCCESS_RATE_DEFINITIONS)[number];

export const BREAKDOWN_DIMENSIONS = ['category', 'orgUnit', 'kind', 'source', 'month'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Calls missed after fewer seconds than this are not offered (GB/T 33358 short abandons); a setting. */
export const DEFAULT_SHORT_ABANDON_SECONDS = 5;
/** 及时接听: answered at most this many seconds after the offer. */
export const TIMELY_ANSWER_SECONDS = 15;
