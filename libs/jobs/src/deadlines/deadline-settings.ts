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
  /** Share (0 … 1) of replied work orders drawn for a satisfaction visit (回访), by a hash of the order id (default 0.2). */
  readonly visitSampleRate: number;
  /** A visit (drawn, or owed after an unsatisfied rating) is due within this many working days of the reply (default 3). */
  readonly visitWorkingDays: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  assignWorkingDays: 1,
  urgentAssignHours: 1,
  replyWorkingDays: 5,
  maxReplyWorkingDays: 15,
  followUpWorkingDays: 1,
  callbackWorkingDays: 0,
  visitSampleRate: 0.2,
  visitWorkingDays: 3,
};

/** Settings with `overrides` applied, each checked (whole numbers; hours > 0). */
export function deadlineSettings(overrides: Partial<DeadlineSettings> = {}): DeadlineSettings {
  const settings = { ...DEFAULT_DEADLINE_SETTINGS, ...overrides };
  for (const [name, value] of Object.entries(settings)) {
    if (name === 'visitSampleRate') {
      if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new RangeError(`deadline setting visitSampleRate must be between 0 and 1, got ${value}`);
      continue;
    }
    const least = name === 'urgentAssignHours' || name === 'callbackWorkingDays' ? 0 : 1;
    if (!Number.isInteger(value) || value < least) throw new RangeError(`deadline setting ${name} must be a whole number ≥ ${least}, got ${value}`);
  }
  if (settings.urgentAssignHours <= 0) throw new RangeError('deadline setting urgentAssignHours must be > 0');
  return settings;
}
