// Money arrives as doubles that people typed as decimals (99.99, 1000 / 12 …). Summing them in
// floating point drifts (0.1 + 0.2 = 0.30000000000000004); summing the decimals they print as, in
// BigInt, and rounding once at the end gives the figure a spreadsheet would show.

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** A finite double as the exact decimal it prints as: digits x 10^-scale (scale may be negative). */
function toDecimal(value: number): { digits: bigint; scale: number } {
  const m = decimalPattern.exec(String(value));
  if (!m) throw new RangeError(`Not a finite number: ${value}`);
  const [, sign = '', whole = '0', frac = '', exponent = '0'] = m;
  return { digits: BigInt(`${sign}${whole}${frac}`), scale: frac.length - Number(exponent) };
}

/**
 * Sum of finite numbers taken as the decimals they print as, rounded once to the nearest double.
 * Exact (and equal to the float sum) for integers; for decimals such as cents it is the correctly
 * rounded decimal total, independent of order.
 *
 * @example
 * decimalSum([0.1, 0.2]); // 0.3, not 0.30000000000000004
 * decimalSum([100, -40.5]); // 59.5
 */
export function decimalSum(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const parts = values.map(toDecimal);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  let total = 0n;
  for (const p of parts) total += p.digits * 10n ** BigInt(scale - p.scale);
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const frac = text.slice(text.length - scale);
  const result = Number(`${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
  // Never hand back -0: a sum that cancels out is plain 0.
  return result === 0 ? 0 : result;
}
