import { ConfigError } from '@pls/config';

/**
 * How long the records that name a person are kept after they close, before
 * an erasure request may shred the person's data (PIPL Art 47 (2): "the
 * retention period required by laws and administrative regulations has not
 * expired" → restriction instead of erasure).
 *
 * Default 3 years: the limitation period for civil claims (民法典 Art 188),
 * so a mediation agreement, a complaint or a consultation can still be
 * traced while the parties may still go to court over it. Open records retain
 * always. `PLS_RETENTION_YEARS` sets it (0-100).
 */
export const DEFAULT_RETENTION_YEARS = 3;
export const RETENTION_YEARS_VARIABLE = 'PLS_RETENTION_YEARS';

/** What retention needs from a record that names the person. */
export interface RetainedRecord {
  readonly open: boolean;
  /** Asia/Shanghai date the record closed; `null` while open. */
  readonly closedOn: string | null;
}

export interface Retention {
  /** A linked record is open: the data is kept whatever the date. */
  readonly openRecords: boolean;
  /** Last day of the retention period of the closed records; `null` when none has closed. */
  readonly retainUntil: string | null;
}

export function retentionOf(records: readonly RetainedRecord[], years: number): Retention {
  let lastClosed: string | null = null;
  let openRecords = false;
  for (const r of records) {
    // A record that says it is closed without a date is kept like an open one: the safe side.
    if (r.open || r.closedOn === null) openRecords = true;
    else if (lastClosed === null || r.closedOn > lastClosed) lastClosed = r.closedOn;
  }
  return { openRecords, retainUntil: lastClosed === null ? null : addYears(lastClosed, years) };
}

/** `2024-02-29` + 1 year → `2025-02-28`: the same day N years on, or the month's last day. */
export function addYears(date: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const year = Number(m[1]) + years;
  const month = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${m[2]}-${String(day).padStart(2, '0')}`;
}

/**
 * `PLS_RETENTION_YEARS` from the environment: a whole number of years 0-100;
 * unset → {@link DEFAULT_RETENTION_YEARS}. A bad value stops the start in one line.
 */
export function loadRetentionYears(env: Record<string, string | undefined> = process.env): number {
  const text = env[RETENTION_YEARS_VARIABLE]?.trim();
  if (text === undefined || text === '') return DEFAULT_RETENTION_YEARS;
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) {
    throw new ConfigError(RETENTION_YEARS_VARIABLE, `"${text.slice(0, 20)}" is not a whole number of years (0-100)`);
  }
  return Number(text);
}
