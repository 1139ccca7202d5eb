import { addDays, isBusinessDate, isInstant, shanghaiDate } from '@pls/reference';

/**
 * One year of the State Council's holiday notice (国务院办公厅关于 YYYY 年部分节假日安排的通知),
 * as an administrator keeps it in `data/<year>.json`.
 */
export interface CalendarYear {
  readonly year: number;
  /** The notice the data was taken from (title, number, date). */
  readonly source: string;
  readonly note?: string;
  /** Days off (放假), weekends inside a period included. A period may start in the year before (2023's 元旦 begins 2022-12-31). */
  readonly holidays: ReadonlyArray<{ readonly name: string; readonly from: string; readonly to: string }>;
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: ReadonlyArray<{ readonly date: string; readonly for: string }>;
}

/** Asked about a year nobody entered: the deadline cannot be computed, and guessing would be wrong. */
export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(
      `no working-day calendar for ${year}: add libs/jobs/src/calendar/data/${year}.json (or ${year}.json in PLS_CALENDAR_DIR) ` +
        `from the State Council's holiday notice for ${year}`,
    );
    this.name = 'CalendarYearMissingError';
  }
}

/** A data file that cannot be right (wrong year, a make-up day that is no weekend day, a bad date). */
export class CalendarDataError extends Error {
  constructor(where: string, message: string) {
    super(`calendar ${where}: ${message}`);
    this.name = 'CalendarDataError';
  }
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET = '+08:00';

/** The instant a Shanghai day ends (24:00 +08:00), as an ISO string in UTC. */
export function endOfShanghaiDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00${SHANGHAI_OFFSET}`) + DAY_MS).toISOString();
}

/** The instant a Shanghai day begins (00:00 +08:00), as an ISO string in UTC. */
export function startOfShanghaiDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00${SHANGHAI_OFFSET}`)).toISOString();
}

/** `instant` plus `hours` clock hours (an urgent work order's 1-hour limit runs through nights and holidays alike). */
export function addClockHours(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * 3_600_000).toISOString();
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Checks a year's data; throws `CalendarDataError` naming what is wrong. */
export function validateCalendarYear(data: unknown, where: string, expectedYear?: number): CalendarYear {
  const d = data as Partial<CalendarYear> | null;
  if (d === null || typeof d !== 'object') throw new CalendarDataError(where, 'is not a JSON object');
  if (!Number.isInteger(d.year)) throw new CalendarDataError(where, '"year" must be a whole number');
  const year = d.year!;
  if (expectedYear !== undefined && year !== expectedYear) throw new CalendarDataError(where, `holds year ${year}, not ${expectedYear}`);
  if (typeof d.source !== 'string' || d.source.trim() === '') throw new CalendarDataError(where, '"source" must name the notice the dates come from');
  if (!Array.isArray(d.holidays)) throw new CalendarDataError(where, '"holidays" must be a list');
  if (!Array.isArray(d.makeUpWorkdays)) throw new CalendarDataError(where, '"makeUpWorkdays" must be a list');
  const near = (date: string) => Number(date.slice(0, 4)) >= year - 1 && Number(date.slice(0, 4)) <= year;
  for (const h of d.holidays) {
    if (!h || typeof h.name !== 'string' || !isBusinessDate(h.from) || !isBusinessDate(h.to) || h.from > h.to || !near(h.from) || !near(h.to)) {
      throw new CalendarDataError(where, `holiday ${JSON.stringify(h)} needs a name and from ≤ to, dates YYYY-MM-DD in ${year} (or the end of ${year - 1})`);
    }
  }
  for (const m of d.makeUpWorkdays) {
    if (!m || !isBusinessDate(m.date) || Number(m.date.slice(0, 4)) !== year) {
      throw new CalendarDataError(where, `make-up working day ${JSON.stringify(m)} needs a date in ${year}`);
    }
    const weekday = weekdayOf(m.date);
    if (weekday !== 0 && weekday !== 6) throw new CalendarDataError(where, `make-up working day ${m.date} is not a Saturday or Sunday`);
    if (d.holidays.some((h) => h.from <= m.date && m.date <= h.to)) throw new CalendarDataError(where, `${m.date} is both a holiday and a make-up working day`);
  }
  return d as CalendarYear;
}

/**
 * Working days in Asia/Shanghai: Monday to Friday, less the public holidays,
 * plus the make-up working days (调休) — all from the State Council's yearly
 * notice, kept as data. Asking about a year without data throws
 * `CalendarYearMissingError`, never a guess.
 *
 * Counting convention (the usual one for 工作日 time limits): "within n
 * working days" of an instant ends at 24:00 of the n-th working day after the
 * day of that instant; the day itself does not count.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, CalendarYear>();
  private readonly holidays = new Set<string>();
  private readonly makeUpWorkdays = new Set<string>();

  /**
   * @param loadYear called once for a year not yet known (a data directory
   *   re-read, so an administrator's new file takes effect without a restart);
   *   `undefined` means there is none.
   */
  constructor(
    years: readonly CalendarYear[],
    private readonly loadYear: (year: number) => CalendarYear | undefined = () => undefined,
  ) {
    for (const year of years) this.add(year);
  }

  /** Years with data, ascending. */
  get coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Source of each year's data, for the report and an admin page. */
  sourceOf(year: number): string {
    return this.require(year).source;
  }

  isWorkingDay(date: string): boolean {
    if (!isBusinessDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
    this.require(Number(date.slice(0, 4)));
    if (this.makeUpWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The n-th working day after `date` (`date` itself not counted); n = 0 gives the first working day on or after it. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    if (n === 0) return this.workingDayOnOrAfter(date);
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** End (24:00 Asia/Shanghai) of the first working day on or after the day of `instant`. */
  nextWorkingDayEnd(instant: string): string {
    return endOfShanghaiDay(this.workingDayOnOrAfter(this.dateOf(instant)));
  }

  /**
   * The time limit "within n working days" of `instant`: the end of the n-th
   * working day after its day; n = 0 is the end of the same working day (or
   * of the next one, when the instant falls on a day off).
   */
  workingDaysFrom(instant: string, n: number): string {
    return endOfShanghaiDay(this.addWorkingDays(this.dateOf(instant), n));
  }

  /** Clock hours, whatever the day (urgent limits). */
  addWorkingHours(instant: string, hours: number): string {
    return addClockHours(instant, hours);
  }

  private dateOf(instant: string): string {
    if (!isInstant(instant)) throw new RangeError(`not an instant (ISO-8601 with an offset): ${instant}`);
    return shanghaiDate(instant);
  }

  private require(year: number): CalendarYear {
    let data = this.years.get(year);
    if (!data) {
      const loaded = this.loadYear(year);
      if (loaded) {
        this.add(loaded);
        data = loaded;
      }
    }
    if (!data) throw new CalendarYearMissingError(year);
    return data;
  }

  private add(year: CalendarYear): void {
    validateCalendarYear(year, `${year.year}`);
    if (this.years.has(year.year)) throw new CalendarDataError(`${year.year}`, 'given twice');
    this.years.set(year.year, year);
    for (const h of year.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) this.holidays.add(d);
    for (const m of year.makeUpWorkdays) this.makeUpWorkdays.add(m.date);
  }
}
