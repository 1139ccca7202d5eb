/**
 * The time limits (DOMAIN.md: all are settings). Working days count from the
 * day after the event (see `WorkingCalendar.workingDaysFrom`).
 */
export interface DeadlineSettings {
  /** A work order is assigned within this many working days of creation, return or reopening (default 1). */
  readonly assignWorkingDays: number;
  /** …or within this many clock hours when urgent (default 1). */
  readonly urgentAssignHours: number;
  /** The assigned unit replies within this many working days of the assignment (default 5). */
  readonly replyWorkingDays: number;
  /** An extension may set at most this many working days (default 15). */
  readonly maxReplyWorkingDays: number;
  /** An unsatisfied visit is followed up (reopened) within this many working days (default 1). */
  readonly followUpWorkingDays: number;
  /** A missed or voicemail call is called back within this many working days; 0 = by the end of the same working day (default). */
  readonly callbackWorkingDays: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  assignWorkingDays: 1,
  urgentAssignHours: 1,
  replyWorkingDays: 5,
  maxReplyWorkingDays: 15,
  followUpWorkingDays: 1,
  callbackWorkingDays: 0,
};

/** Settings with `overrides` applied, each checked (whole numbers; hours > 0). */
export function deadlineSettings(overrides: Partial<DeadlineSettings> = {}): DeadlineSettings {
  const settings = { ...DEFAULT_DEADLINE_SETTINGS, ...overrides };
  for (const [name, value] of Object.entries(settings)) {
    const least = name === 'urgentAssignHours' || name === 'callbackWorkingDays' ? 0 : 1;
    if (!Number.isInteger(value) || value < least) throw new RangeError(`deadline setting ${name} must be a whole number ≥ ${least}, got ${value}`);
  }
  if (settings.urgentAssignHours <= 0) throw new RangeError('deadline setting urgentAssignHours must be > 0');
  return settings;
}
