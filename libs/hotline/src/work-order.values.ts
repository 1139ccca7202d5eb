import type { Satisfaction } from '@pls/reference';

/** Why an assigned unit gives a work order back (退回). */
export const RETURN_REASONS = {
  'not-our-jurisdiction': '非本单位职责',
  'insufficient-information': '工单信息不全',
  other: '其他',
} as const;
export type ReturnReason = keyof typeof RETURN_REASONS;

/** What the unit's reply (办理结果) amounted to; the reply's text never enters an event. */
export const REPLY_RESULTS = {
  resolved: '已解决',
  explained: '已解释说明',
  referred: '已转其他部门',
  other: '其他',
} as const;
export type ReplyResult = keyof typeof REPLY_RESULTS;

/** Which time limit a work order overran when it was supervised (督办). */
export const SUPERVISION_REASONS = {
  'assign-overdue': '派单超时',
  'reply-overdue': '答复超时',
  'follow-up-overdue': '不满意跟进超时',
  'visit-overdue': '回访超时',
} as const;
export type SupervisionReason = keyof typeof SUPERVISION_REASONS;

/**
 * 满意率 = satisfied ÷ rated. No official formula says whether 基本满意 counts,
 * so pls-desk counts only `very-satisfied` and `satisfied` as satisfied;
 * `basic` is rated, not satisfied, and needs no follow-up either.
 */
export const SATISFIED_RATINGS: readonly Satisfaction[] = ['very-satisfied', 'satisfied'];

/** Ratings that must be followed up (reopened) before the order may close. */
export const UNSATISFIED_RATINGS: readonly Satisfaction[] = ['unsatisfied', 'very-unsatisfied'];

export function isSatisfied(rating: Satisfaction | null): boolean {
  return rating !== null && SATISFIED_RATINGS.includes(rating);
}

export function isUnsatisfied(rating: Satisfaction | null): boolean {
  return rating !== null && UNSATISFIED_RATINGS.includes(rating);
}
