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
