import { z } from 'zod';
import { decimalSum } from './decimal-sum.ts';
import { MetricInputError } from './errors.ts';
import { finiteResult } from './finite-result.ts';
import { monthBounds, parseInstant } from './iso-instant.ts';
import { type RevenueSubscription, revenueSubscriptionsSchema } from './mrr-at.ts';
import { type MrrMovement, movementsBetween, mrrMovementSchema } from './mrr-movements.ts';
import { parseInput } from './parse-input.ts';

export const monthToDateResultSchema = z.object({
  /** The UTC month containing `now`, as YYYY-MM. */
  month: z.string(),
  /** How the account's MRR moved from the month's start to now; null when it had none at either. */
  movement: mrrMovementSchema.nullable(),
  /** MRR now - MRR at the month's start (an amount); null without subscriptions. */
  change: z.number().nullable(),
});
export type MonthToDateResult = z.infer<typeof monthToDateResultSchema>;

const accountIdSchema = z.string().min(1).optional();

/**
 * An account's MRR movement in the month so far and the change behind it, consistent with each
 * other and with {@link mrrMovements}. MRR at the month's start is the MRR just before the month's
 * first instant (the previous month's end); MRR now is {@link mrrAt} `now` (start <= now < end). So
 * a deal starting at 1 April 00:00 UTC is `new` in April with change = its MRR, and one ending at
 * that instant is April's `churn` with change = -its MRR. `movement` is null (and `change` 0) when
 * the account had no MRR at the month's start nor now; both are null without subscriptions.
 * `subscriptions` are one account's; when they name several accounts, pass `accountId` to pick one
 * (subscriptions without an `accountId` are taken as that account's).
 *
 * @example
 * monthToDate([{ mrr: 300, start: '2024-04-01T00:00:00Z', end: null }], '2024-04-10T09:00:00Z');
 * // { month: '2024-04', movement: 'new', change: 300 }
 */
export function monthToDate(
  subscriptions: readonly RevenueSubscription[],
  now: Date | string,
  accountId?: string,
): MonthToDateResult {
  const subs = parseInput(revenueSubscriptionsSchema, subscriptions, 'subscriptions');
  const t = parseInstant(now, 'now');
  const id = parseInput(accountIdSchema, accountId, 'accountId');
  const month = new Date(t).toISOString().slice(0, 7);
  const mine = id === undefined ? subs : subs.filter((s) => s.accountId === undefined || s.accountId === id);
  if (id === undefined) {
    const named = new Set(mine.flatMap((s) => (s.accountId === undefined ? [] : [s.accountId])));
    if (named.size > 1) {
      throw new MetricInputError(
        'accountId',
        'accountId: the subscriptions name several accounts; pass the one to report',
      );
    }
  }
  if (mine.length === 0) return { month, movement: null, change: null };

  // The month so far is the month's bridge over the subscriptions as they stand at `now`: started
  // by then, and ongoing unless they ended by then. Its end MRR is then exactly mrrAt(now).
  const cut = mine
    .filter((s) => s.start <= t)
    .map((s) => ({
      accountId: 'account',
      mrr: s.mrr,
      start: s.start,
      end: s.end != null && s.end <= t ? s.end : null,
    }));
  const { start, end } = monthBounds(month);
  const row = movementsBetween(cut, start, end).accounts[0];
  const movement: MrrMovement | null = row?.movement ?? null;
  const change = row ? finiteResult(decimalSum([row.endMrr, -row.startMrr]), 'subscriptions') : 0;
  return { month, movement, change };
}
