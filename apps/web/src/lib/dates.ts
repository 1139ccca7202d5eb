/**
 * Business dates are YYYY-MM-DD in Asia/Shanghai (UTC+8, no daylight saving),
 * whatever the browser's own time zone is.
 */
const OFFSET_MS = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date | string | number = new Date()): string {
  const t = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** An ISO-8601 instant with the +08:00 offset, seconds precision: 2021-03-01T09:30:00+08:00. */
export function shanghaiInstant(at: Date | number = new Date()): string {
  const t = at instanceof Date ? at.getTime() : at;
  const s = new Date(t + OFFSET_MS).toISOString();
  return `${s.slice(0, 19)}+08:00`;
}

/** 2021-03-01T01:30:00Z → "2021-03-01 09:30" (Shanghai wall time). */
export function formatInstant(at: string | null | undefined, withSeconds = false): string {
  if (!at) return '';
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  const s = new Date(t + OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, withSeconds ? 19 : 16)}`;
}

/** "09:30" of an instant in Shanghai. */
export function formatClock(at: string | null | undefined): string {
  if (!at) return '';
  const t = Date.parse(at);
  return Number.isNaN(t) ? at : new Date(t + OFFSET_MS).toISOString().slice(11, 16);
}

/** Shanghai wall time "YYYY-MM-DD HH:mm[:ss]" → instant with +08:00. */
export function wallTimeToInstant(wall: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${pad(mm + 1)}-${date.slice(8, 10)}`;
}

export function startOfQuarter(date: string): string {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
}

export function startOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

/** Seconds between two instants, rounded down; null when either is missing. */
export function secondsBetween(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const d = Date.parse(b) - Date.parse(a);
  return Number.isNaN(d) ? null : Math.floor(d / 1000);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}′${pad(s)}″` : `${s}″`;
}
