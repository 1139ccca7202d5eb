/**
 * Instants are ISO-8601 strings with an offset (`+08:00`, `Z`); two of them
 * compare as points in time, never as strings.
 */
export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

/**
 * Whole seconds from `from` to `to`, truncated as call-centre (ACD) reports
 * count durations. Projections that need sub-second precision read the
 * instants the events also carry.
 */
export function elapsedSeconds(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
}
