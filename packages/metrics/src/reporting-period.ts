import { z } from 'zod';
import { monthBounds, monthSchema } from './iso-instant.ts';

/** A calendar quarter as `YYYY-Qn`, n from 1 to 4. */
export const quarterSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'Expected a quarter as YYYY-Qn, e.g. 2024-Q2');

/** A reporting period: one UTC calendar month or quarter. */
export const reportingPeriodSchema = z.union([
  z.strictObject({ month: monthSchema }),
  z.strictObject({ quarter: quarterSchema }),
]);
export type ReportingPeriod = z.input<typeof reportingPeriodSchema>;

/**
 * The half-open UTC bounds `[start, end)` of a valid period as epoch milliseconds, and its label
 * (the month or quarter as given).
 *
 * @example
 * reportingPeriodBounds({ quarter: '2024-Q2' });
 * // { start: Date.UTC(2024, 3, 1), end: Date.UTC(2024, 6, 1), label: '2024-Q2' }
 */
export function reportingPeriodBounds(period: z.output<typeof reportingPeriodSchema>): {
  start: number;
  end: number;
  label: string;
} {
  if ('month' in period) return { ...monthBounds(period.month), label: period.month };
  const year = period.quarter.slice(0, 4);
  const first = (Number(period.quarter.slice(6)) - 1) * 3 + 1;
  const start = monthBounds(`${year}-${String(first).padStart(2, '0')}`).start;
  const end = monthBounds(`${year}-${String(first + 2).padStart(2, '0')}`).end;
  return { start, end, label: period.quarter };
}
