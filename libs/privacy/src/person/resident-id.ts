/** GB 11643-1999: weights of the 17 body digits and the check character for sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The check character of 17 body digits (GB 11643 ISO 7064 MOD 11-2). */
export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error('a resident ID body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Why an 18-character resident ID number (居民身份证号码, GB 11643-1999) is not
 * acceptable, or `null` when it is: 6-digit region, 8-digit birth date, 3-digit
 * sequence, check character (digit or X). The value is expected upper-cased.
 */
export function residentIdProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be an 18-character resident ID number (17 digits and a digit or X)';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return 'holds no valid birth date';
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'has a wrong check character (GB 11643)';
  return null;
}
