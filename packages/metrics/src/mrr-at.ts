import { z } from 'zod';
import { decimalSum } from './decimal-sum.ts';
import { finiteOrNull } from './finite-result.ts';
import { instantSchema, parseInstant } from './iso-instant.ts';
import { parseInput } from './parse-input.ts';

/** The fields of a subscription but its account. */
export const subscriptionFields = {
  /** The deal (or contract) it comes from; informative, not used. */
  dealId: z.string().min(1).optional(),
  /** Monthly recurring revenue, a plain amount in the account currency. */
  mrr: z.number().min(0),
  /** First instant it is active. */
  start: instantSchema,
  /** First instant it is no longer active; null / absent while ongoing. */
  end: instantSchema.nullish(),
};

/** Refuses a subscription ending before it starts (naming `end`). */
export function checkEndAfterStart(
  s: { start: number; end?: number | null },
  ctx: z.core.$RefinementCtx,
): void {
  if (s.end != null && s.end < s.start) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'Expected end at or after start' });
  }
}

/**
 * A subscription (for HubSpot: a closed-won deal) contributing `mrr` while active on `[start, end)`;
 * no `end` means ongoing. The account is implied by the caller (one account's subscriptions) unless
 * `accountId` says it.
 */
export const revenueSubscriptionSchema = z
  .strictObject({
    /** The account it belongs to; optional for one account's list. */
    accountId: z.string().min(1).optional(),
    ...subscriptionFields,
  })
  .superRefine(checkEndAfterStart);
export const revenueSubscriptionsSchema = z.array(revenueSubscriptionSchema);
export type RevenueSubscription = z.input<typeof revenueSubscriptionSchema>;
export type ParsedRevenueSubscription = z.output<typeof revenueSubscriptionSchema>;

/** Active at the instant `at`: start <= at < end. */
export function activeAt(s: { start: number; end?: number | null | undefined }, at: number): boolean {
  return s.start <= at && (s.end == null || at < s.end);
}

/**
 * Active at the last instant before `boundary` (the limit from the left): start < boundary <= end.
 * This is the MRR "at the start" of a period beginning at `boundary`: the previous period's end.
 */
export function activeJustBefore(
  s: { start: number; end?: number | null | undefined },
  boundary: number,
): boolean {
  return s.start < boundary && (s.end == null || s.end >= boundary);
}

/** Exact decimal sum of the MRR of parsed subscriptions passing `active`; refused if not finite. */
export function sumMrr<S extends { mrr: number }>(subs: readonly S[], active: (s: S) => boolean): number {
  const amounts: number[] = [];
  for (const s of subs) if (active(s)) amounts.push(s.mrr);
  return finiteOrNull(decimalSum(amounts), 'subscriptions') as number;
}

/**
 * MRR at the instant `at`: the sum over subscriptions with start <= at < end (a subscription counts
 * from its first instant and no longer at its end), as an exact decimal sum. Null for an empty list
 * (no revenue data), 0 when there are subscriptions but none is active at `at`.
 *
 * @example
 * mrrAt(
 *   [
 *     { mrr: 100, start: '2024-01-01', end: '2024-04-01' },
 *     { mrr: 50.5, start: '2024-04-01', end: null },
 *   ],
 *   '2024-04-01',
 * ); // 50.5: the first ended at that instant, the second began at it
 */
export function mrrAt(subscriptions: readonly RevenueSubscription[], at: Date | string): number | null {
  const subs = parseInput(revenueSubscriptionsSchema, subscriptions, 'subscriptions');
  const t = parseInstant(at, 'at');
  if (subs.length === 0) return null;
  return sumMrr(subs, (s) => activeAt(s, t));
}
