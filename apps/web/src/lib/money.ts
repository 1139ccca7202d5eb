/**
 * Money arrives as integer fen (分). Everything here is integer arithmetic on
 * BigInt; a string comes out only for display (DOMAIN.md: no floating point).
 */

function toBig(fen: number | bigint | string): bigint {
  if (typeof fen === 'bigint') return fen;
  if (typeof fen === 'number') {
    if (!Number.isInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
    return BigInt(fen);
  }
  if (!/^-?\d+$/.test(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  return BigInt(fen);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Divides by 10^scale, rounding half up (away from zero), and prints `decimals` places. */
function scaled(fen: bigint, divisor: bigint, decimals: number, group: boolean): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const unit = divisor / 10n ** BigInt(decimals); // fen per last printed digit
  const half = unit / 2n;
  const q = unit === 0n ? abs : (abs + half) / unit; // half up
  const step = 10n ** BigInt(decimals);
  const whole = (q / step).toString();
  const frac = decimals > 0 ? '.' + (q % step).toString().padStart(decimals, '0') : '';
  return (negative && q !== 0n ? '-' : '') + (group ? groupThousands(whole) : whole) + frac;
}

/** 123456789 fen → "123.46" (万元, two decimals, half up). */
export function fenToWanYuan(fen: number | bigint | string, options: { group?: boolean } = {}): string {
  return scaled(toBig(fen), 1_000_000n, 2, options.group ?? true);
}

/** 123456 fen → "1,234.56" (元, exact). */
export function fenToYuan(fen: number | bigint | string, options: { group?: boolean } = {}): string {
  return scaled(toBig(fen), 100n, 2, options.group ?? true);
}

/**
 * What a worker types in 元 ("12,345.6", "12345.67") → integer fen, or null
 * when it is not an amount with at most two decimals. No float is involved.
 */
export function yuanInputToFen(input: string): number | null {
  const s = input.replace(/[,\s，]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(fen);
}

/** Sum of integer fen without leaving the integers. */
export function sumFen(values: ReadonlyArray<number | null | undefined>): bigint {
  return values.reduce<bigint>((acc, v) => (v == null ? acc : acc + toBig(v)), 0n);
}
