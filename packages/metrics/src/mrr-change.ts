import { z } from 'zod';
import { finiteResult } from './finite-result.ts';
import { MS_PER_DAY, parseInstant } from './iso-instant.ts';
import { activeAt, type RevenueSubscription, revenueSubscriptionsSchema, sumMrr } from './mrr-at.ts';
import { parseInput } from './parse-input.ts';

/** The look-back in days: more than 0. */
export const mrrChangeDaysSchema = z.number().positive();

/**
 * Percent change of MRR over the last `days` days (default 90): (MRR now - MRR then) / MRR then
 * x 100, both by {@link mrrAt} (start <= at < end), "then" being now - days x 86 400 000 ms.
 * -100 when all revenue was lost; null when there are no subscriptions or there was no MRR then
 * (growth from nothing has no percentage).
 *
 * @example
 * mrrChange(
 *   [
 *     { mrr: 1000, start: '2023-01-01', end: null },
 *     { mrr: 100, start: '2024-03-01', end: null }, // upsell 30 days ago
 *   ],
 *   '2024-03-31',
 * ); // 10
 */
export function mrrChange(
  subscriptions: readonly RevenueSubscription[],
  now: Date | string,
  days = 90,
): number | null {
  const subs = parseInput(revenueSubscriptionsSchema, subscriptions, 'subscriptions');
  const end = parseInstant(now, 'now');
  const length = parseInput(mrrChangeDaysSchema, days, 'days');
  if (subs.length === 0) return null;
  const then = end - length * MS_PER_DAY;
  const before = sumMrr(subs, (s) => activeAt(s, then));
  if (before === 0) return null;
  const after = sumMrr(subs, (s) => activeAt(s, end));
  return finiteResult(((after - before) * 100) / before, 'subscriptions');
}
