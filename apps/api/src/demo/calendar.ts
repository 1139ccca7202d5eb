import { addDays, shanghaiDate } from '@pls/reference';
import type { Random } from './random';

/**
 * The 2021 calendar the synthetic year lives in: Asia/Shanghai, with the State
 * Council's public holidays and their make-up working days (调休), so offices
 * are quiet on 春节 and open on the Saturday after it.
 */
export const DEMO_YEAR = 2021;
export const YEAR_START = '2021-01-01';
export const YEAR_END = '2021-12-31';

const range = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

/** 国务院办公厅关于2021年部分节假日安排的通知 (and 2022-01-01..03 for the spill-over into January). */
const HOLIDAYS = new Set<string>([
  ...range('2021-01-01', 3), // 元旦
  ...range('2021-02-11', 7), // 春节
  ...range('2021-04-03', 3), // 清明节
  ...range('2021-05-01', 5), // 劳动节
  ...range('2021-06-12', 3), // 端午节
  ...range('2021-09-19', 3), // 中秋节
  ...range('2021-10-01', 7), // 国庆节
  ...range('2022-01-01', 3),
]);
const MAKE_UP_WORKING_DAYS = new Set<string>([
  '2021-02-07',
  '2021-02-20',
  '2021-04-25',
  '2021-05-08',
  '2021-09-18',
  '2021-09-26',
  '2021-10-09',
]);

/** 春节 2021 fell on 12 February. */
export const SPRING_FESTIVAL = '2021-02-12';

export function isHoliday(date: string): boolean {
  return HOLIDAYS.has(date);
}

export function isWorkingDay(date: string): boolean {
  if (MAKE_UP_WORKING_DAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Every date of the year, in order. */
export function yearDates(): string[] {
  return range(YEAR_START, 365);
}

export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Milliseconds since the epoch of `date` at `seconds` past Shanghai midnight. */
export function atTime(date: string, seconds: number): number {
  return Date.parse(`${date}T00:00:00+08:00`) + Math.round(seconds * 1000);
}

/** An instant as the API takes it: `2021-03-01T09:30:05+08:00` (whole seconds). */
export function formatInstant(ms: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** Seconds past Shanghai midnight of an instant. */
export function secondOfDay(ms: number): number {
  return Math.floor(((((ms + SHANGHAI_OFFSET_MS) % 86_400_000) + 86_400_000) % 86_400_000) / 1000);
}

export function dateOf(ms: number): string {
  return shanghaiDate(new Date(ms));
}

const OPENS = 8.5 * 3600;
const CLOSES = 17.5 * 3600;

/** A time within office hours (08:30–17:30, fewer around the lunch break). */
export function officeSeconds(random: Random): number {
  const morning = random.chance(0.55);
  return morning ? random.uniform(OPENS, 11.75 * 3600) : random.uniform(13.75 * 3600, CLOSES);
}

/**
 * `ms` itself when it falls in office hours of a working day; otherwise a
 * moment early on the next working morning (a step done by an office, not a
 * hotline operator on the night shift).
 */
export function nextOfficeTime(ms: number, random: Random): number {
  let date = dateOf(ms);
  const second = secondOfDay(ms);
  if (isWorkingDay(date) && second >= OPENS && second < CLOSES) return ms;
  if (isWorkingDay(date) && second < OPENS) return atTime(date, OPENS + random.uniform(0, 5400));
  do date = addDays(date, 1);
  while (!isWorkingDay(date));
  return atTime(date, OPENS + random.uniform(0, 5400));
}

/** `date` + `days`, moved forward to a working day. */
export function workingDayOnOrAfter(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export const MINUTE = 60_000;
export const HOUR = HOUR_MS;
export const DAY = 24 * HOUR_MS;
