import { loadCalendar } from '../calendar/calendar-files';
import { DeadlineRules } from './deadline-rules';
import { deadlineSettings, type DeadlineSettings } from './deadline-settings';
import { deadlinesProjection } from './deadlines.projection';
import { notificationsProjection } from '../notifications/notifications.projection';

let rules: DeadlineRules | null = null;

/**
 * The process's deadline rules: the calendar from `PLS_CALENDAR_DIR` (default:
 * the built-in years) and the default settings unless `configureDeadlines`
 * was called first. Loaded on first use, so importing costs nothing.
 */
export function defaultDeadlineRules(): DeadlineRules {
  rules ??= new DeadlineRules(loadCalendar(process.env['PLS_CALENDAR_DIR'] || undefined), deadlineSettings());
  return rules;
}

/** Sets the process's settings (and calendar directory) before anything uses them. */
export function configureDeadlines(options: { settings?: Partial<DeadlineSettings>; calendarDir?: string } = {}): DeadlineRules {
  rules = new DeadlineRules(loadCalendar(options.calendarDir ?? (process.env['PLS_CALENDAR_DIR'] || undefined)), deadlineSettings(options.settings));
  return rules;
}

/** The `deadlines` projection with the process's rules, for the projection list every process runs. */
export const deadlinesReadModel = deadlinesProjection(() => defaultDeadlineRules());

/** The `notifications` projection, drawing visits with the process's `visitSampleRate`. */
export const notificationsReadModel = notificationsProjection(() => defaultDeadlineRules().settings.visitSampleRate);
