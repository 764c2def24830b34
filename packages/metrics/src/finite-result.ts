import { MetricInputError } from './errors.ts';

/**
 * Returns `value` when it is a finite number, else throws a {@link MetricInputError} naming `field`,
 * the input that made it overflow: figures are finite or refused, never `Infinity` or `NaN`.
 *
 * @example
 * finiteResult(1e308 * 12, 'mrr'); // throws: mrr: too large, the result would not be a finite number
 */
export function finiteResult(value: number, field: string): number {
  if (Number.isFinite(value)) return value;
  throw new MetricInputError(field, `${field}: too large, the result would not be a finite number`);
}

/** {@link finiteResult} for a figure that may be null. */
export function finiteOrNull(value: number | null, field: string): number | null {
  return value === null ? null : finiteResult(value, field);
}

/**
 * part / whole x 100, multiplying first so that whole-number cases round once (45 of 50 is exactly
 * 90); for amounts so large that part x 100 overflows, dividing first. Refused (naming `field`)
 * when the percentage itself is not finite.
 *
 * @example
 * percentOf(500, 10_000, 'churn'); // 5
 */
export function percentOf(part: number, whole: number, field: string): number {
  const direct = (part * 100) / whole;
  return finiteResult(Number.isFinite(direct) ? direct : (part / whole) * 100, field);
}
