// Money arrives as doubles that people typed as decimals (99.99, 1000 / 12 …). Summing them in
// floating point drifts (0.1 + 0.2 = 0.30000000000000004); summing the decimals they print as, in
// BigInt, and rounding once at the end gives the figure a spreadsheet would show.

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * Running exact totals per decimal scale: digits x 10^-scale. Digits of up to 15 figures add up as
 * safe integers in a plain number (fast), spilling into a BigInt before they could lose precision.
 */
class DecimalTotals {
  private readonly small = new Map<number, number>();
  private readonly big = new Map<number, bigint>();

  add(value: number): void {
    const m = decimalPattern.exec(String(value));
    if (!m) throw new RangeError(`Not a finite number: ${value}`);
    const [, sign = '', whole = '0', frac = '', exponent = '0'] = m;
    const digits = `${whole}${frac}`;
    const scale = frac.length - Number(exponent);
    if (digits.length > 15) {
      this.big.set(scale, (this.big.get(scale) ?? 0n) + BigInt(`${sign}${digits}`));
      return;
    }
    const n = Number(`${sign}${digits}`);
    const current = this.small.get(scale) ?? 0;
    if (Math.abs(current) + Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      this.big.set(scale, (this.big.get(scale) ?? 0n) + BigInt(current));
      this.small.set(scale, n);
    } else this.small.set(scale, current + n);
  }

  /** The exact total as digits x 10^-scale, with scale >= 0. */
  total(): { digits: bigint; scale: number } {
    let scale = 0;
    for (const s of [...this.small.keys(), ...this.big.keys()]) if (s > scale) scale = s;
    let digits = 0n;
    const shift = (s: number) => 10n ** BigInt(scale - s);
    for (const [s, n] of this.small) digits += BigInt(n) * shift(s);
    for (const [s, n] of this.big) digits += n * shift(s);
    return { digits, scale };
  }
}

/**
 * Sum of finite numbers taken as the decimals they print as, rounded once to the nearest double.
 * Exact (and equal to the float sum) for integers; for decimals such as cents it is the correctly
 * rounded decimal total, independent of order. Works on any number of values (loops, never spreads
 * them into a call). A total beyond the largest double is `Infinity`: callers that report the
 * total refuse it (see finite-result.ts).
 *
 * @example
 * decimalSum([0.1, 0.2]); // 0.3, not 0.30000000000000004
 * decimalSum([100, -40.5]); // 59.5
 */
export function decimalSum(values: readonly number[]): number {
  if (values.length === 0) return 0;
  if (values.length === 1) {
    const only = values[0]!;
    if (!Number.isFinite(only)) throw new RangeError(`Not a finite number: ${only}`);
    return only === 0 ? 0 : only;
  }
  // Whole numbers whose running total stays a safe integer add exactly in floating point.
  let plain = 0;
  let exact = true;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) {
      exact = false;
      break;
    }
    plain += v;
    if (!Number.isSafeInteger(plain)) {
      exact = false;
      break;
    }
  }
  if (exact) return plain === 0 ? 0 : plain;

  const totals = new DecimalTotals();
  for (const v of values) totals.add(v);
  const { digits: total, scale } = totals.total();
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const frac = text.slice(text.length - scale);
  const result = Number(`${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
  // Never hand back -0: a sum that cancels out is plain 0.
  return result === 0 ? 0 : result;
}
