/** Why a planned lecture did not take place: a code, never a free-text narrative. */
export const LECTURE_CANCELLATION_REASONS = {
  'speaker-unavailable': '主讲人无法到场',
  'venue-unavailable': '场地不可用',
  weather: '天气原因',
  'too-few-registrations': '报名人数不足',
  rescheduled: '改期另行安排',
  other: '其他',
} as const;
export type LectureCancellationReason = keyof typeof LECTURE_CANCELLATION_REASONS;

/** A lecture's topic is a short public title (`民法典婚姻家庭编解读`), not a narrative. */
export const LECTURE_TOPIC_MAX_LENGTH = 200;
export const MAX_ATTENDEES = 100_000;
