import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** A rate per period as a percentage, 0-100. */
export const periodRateSchema = z.number().min(0).max(100);

/**
 * Compounds a monthly rate (e.g. churn) into the annual one: (1 - (1 - m/100)^12) x 100.
 * Twelve times the monthly rate overstates it, because each month only churns what is left.
 *
 * @example
 * monthlyToAnnual(1); // 11.36…: 1 - 0.99^12 = 0.1136
 */
export function monthlyToAnnual(rate: number): number {
  const m = parseInput(periodRateSchema, rate, 'rate') / 100;
  // -expm1(12 log1p(-m)) is 1 - (1 - m)^12 without cancellation for small rates.
  return -Math.expm1(12 * Math.log1p(-m)) * 100;
}

/**
 * The monthly rate that compounds to an annual one: (1 - (1 - a/100)^(1/12)) x 100; inverse of
 * {@link monthlyToAnnual}.
 *
 * @example
 * annualToMonthly(5); // 0.4265…: 1 - 0.95^(1/12)
 */
export function annualToMonthly(rate: number): number {
  const a = parseInput(periodRateSchema, rate, 'rate') / 100;
  return -Math.expm1(Math.log1p(-a) / 12) * 100;
}
