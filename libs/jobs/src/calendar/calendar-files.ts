import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarDataError, validateCalendarYear, WorkingCalendar, type CalendarYear } from './working-calendar';

/** The years shipped with pls-desk (`data/<year>.json`). */
export const BUILT_IN_CALENDAR_DIR = join(__dirname, 'data');

const YEAR_FILE = /^(\d{4})\.json$/;

function readYear(dir: string, year: number): CalendarYear {
  const path = join(dir, `${year}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CalendarDataError(path, `cannot be read as JSON (${(error as Error).message})`);
  }
  return validateCalendarYear(parsed, path, year);
}

/**
 * The working-day calendar from a directory of `<year>.json` files (default:
 * the built-in data). Every file is checked at load; a year asked for later
 * is looked for again, so a file an administrator adds takes effect without
 * a restart.
 */
export function loadCalendar(dir: string = BUILT_IN_CALENDAR_DIR): WorkingCalendar {
  if (!existsSync(dir)) throw new CalendarDataError(dir, 'no such directory');
  const years = readdirSync(dir)
    .map((name) => YEAR_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => readYear(dir, Number(m[1])));
  return new WorkingCalendar(years, (year) => (existsSync(join(dir, `${year}.json`)) ? readYear(dir, year) : undefined));
}
