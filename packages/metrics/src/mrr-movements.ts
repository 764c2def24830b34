import { z } from 'zod';
import { decimalSum } from './decimal-sum.ts';
import { finiteResult } from './finite-result.ts';
import { monthBounds, monthSchema } from './iso-instant.ts';
import { activeJustBefore, checkEndAfterStart, subscriptionFields, sumMrr } from './mrr-at.ts';
import { parseInput } from './parse-input.ts';

/**
 * A subscription (for HubSpot: a closed-won deal) of the account `accountId`, contributing `mrr`
 * while active on `[start, end)`; no `end` means ongoing. Instants are ISO 8601 strings (UTC unless
 * they carry an offset) or Dates. Unknown fields are refused.
 */
export const subscriptionSchema = z
  .strictObject({
    accountId: z.string().min(1),
    ...subscriptionFields,
  })
  .superRefine(checkEndAfterStart);
export const subscriptionsSchema = z.array(subscriptionSchema);
export type Subscription = z.input<typeof subscriptionSchema>;
/** A parsed subscription: instants as epoch milliseconds. */
export type ParsedSubscription = {
  accountId: string;
  mrr: number;
  start: number;
  end?: number | null | undefined;
};

export const mrrMovementSchema = z.enum(['new', 'expansion', 'contraction', 'churn', 'reactivation', 'flat']);
export type MrrMovement = z.infer<typeof mrrMovementSchema>;

export const mrrMovementsResultSchema = z.object({
  /** Accounts with MRR at the start or the end of the month, sorted by `accountId`. */
  accounts: z.array(
    z.object({
      accountId: z.string(),
      startMrr: z.number().min(0),
      endMrr: z.number().min(0),
      movement: mrrMovementSchema,
    }),
  ),
  /** All positive amounts; startMrr + new + expansion + reactivation - contraction - churn = endMrr. */
  totals: z.object({
    startMrr: z.number(),
    endMrr: z.number(),
    new: z.number().min(0),
    expansion: z.number().min(0),
    contraction: z.number().min(0),
    churn: z.number().min(0),
    reactivation: z.number().min(0),
  }),
});
export type MrrMovementsResult = z.infer<typeof mrrMovementsResultSchema>;
export type MrrAccountMovement = MrrMovementsResult['accounts'][number];
export type MrrTotals = MrrMovementsResult['totals'];

function classify(startMrr: number, endMrr: number, hadMrrBefore: boolean): MrrMovement {
  if (startMrr === 0) return hadMrrBefore ? 'reactivation' : 'new';
  if (endMrr === 0) return 'churn';
  if (endMrr > startMrr) return 'expansion';
  if (endMrr < startMrr) return 'contraction';
  return 'flat';
}

/**
 * MRR bridge for one month: each account's MRR just before the month's first instant, i.e. at the
 * previous month's end (`startMrr`), and just before the next month's first instant, i.e. at this
 * month's end (`endMrr`), classified as new, expansion, contraction, churn, reactivation or flat,
 * and the totals. A change belongs to the month containing its instant: a subscription starting
 * at 1 April 00:00 UTC is April's new MRR (it was not active just before April); one ending at
 * 1 April 00:00 UTC is April's churn (it was active at March's end). `monthToDate` uses the same
 * convention, so a card's movement and change agree.
 * Accounts at 0 on both sides are left out (MRR that came and went inside the month is not a movement).
 *
 * Totals satisfy `startMrr + new + expansion + reactivation - contraction - churn === endMrr`
 * exactly, evaluated left to right in floating point: `endMrr` is computed that way from the other
 * totals, which are exact decimal sums. For whole amounts (or minor units such as cents) it is also
 * exactly the sum of the accounts' `endMrr`; for fractional amounts it can differ from it by rounding.
 *
 * @example
 * mrrMovements(
 *   [
 *     { accountId: 'a', mrr: 100, start: '2024-01-01' },
 *     { accountId: 'a', mrr: 50, start: '2024-04-10' }, // upsell in April
 *     { accountId: 'b', mrr: 80, start: '2024-01-01', end: '2024-04-15' }, // cancels in April
 *     { accountId: 'c', mrr: 30, start: '2024-04-01' }, // first ever subscription
 *   ],
 *   '2024-04',
 * ).totals;
 * // { startMrr: 180, endMrr: 180, new: 30, expansion: 50, contraction: 0, churn: 80, reactivation: 0 }
 */
export function mrrMovements(subscriptions: readonly Subscription[], month: string): MrrMovementsResult {
  const valid = parseInput(subscriptionsSchema, subscriptions, 'subscriptions');
  const { start, end } = monthBounds(parseInput(monthSchema, month, 'month'));
  return movementsBetween(valid, start, end);
}

/**
 * The MRR bridge of already parsed subscriptions over `[periodStart, periodEnd)`: each account's
 * MRR just before `periodStart` (the previous period's end) and just before `periodEnd`.
 * {@link mrrMovements} (a month), `monthToDate` and `portfolioFigures` (a month or quarter) share it.
 */
export function movementsBetween(
  valid: readonly ParsedSubscription[],
  periodStart: number,
  periodEnd: number,
): MrrMovementsResult {
  const byAccount = new Map<string, ParsedSubscription[]>();
  for (const s of valid) {
    const list = byAccount.get(s.accountId);
    if (list) list.push(s);
    else byAccount.set(s.accountId, [s]);
  }
  // Code-unit order, not localeCompare: the output must not depend on the machine's locale.
  const ids = [...byAccount.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const accounts: MrrAccountMovement[] = [];
  for (const accountId of ids) {
    const subs = byAccount.get(accountId)!;
    const startMrr = sumMrr(subs, (s) => activeJustBefore(s, periodStart));
    const endMrr = sumMrr(subs, (s) => activeJustBefore(s, periodEnd));
    if (startMrr === 0 && endMrr === 0) continue;
    // Had MRR at some instant before the period: a non-empty interval with MRR that began earlier.
    const hadMrrBefore = subs.some(
      (s) => s.mrr > 0 && s.start < periodStart && (s.end == null || s.end > s.start),
    );
    accounts.push({ accountId, startMrr, endMrr, movement: classify(startMrr, endMrr, hadMrrBefore) });
  }

  const sumOf = (movement: MrrMovement, pick: (a: MrrAccountMovement) => number[]) => {
    const amounts: number[] = [];
    for (const a of accounts) if (a.movement === movement) amounts.push(...pick(a));
    return finiteResult(decimalSum(amounts), 'subscriptions');
  };
  const startMrr = finiteResult(decimalSum(accounts.map((a) => a.startMrr)), 'subscriptions');
  const added = sumOf('new', (a) => [a.endMrr]);
  const expansion = sumOf('expansion', (a) => [a.endMrr, -a.startMrr]);
  const reactivation = sumOf('reactivation', (a) => [a.endMrr]);
  const contraction = sumOf('contraction', (a) => [a.startMrr, -a.endMrr]);
  const churn = sumOf('churn', (a) => [a.startMrr]);
  // The bridge itself defines endMrr so the identity holds exactly as written (see JSDoc).
  const endMrr = finiteResult(
    startMrr + added + expansion + reactivation - contraction - churn,
    'subscriptions',
  );
  return {
    accounts,
    totals: { startMrr, endMrr, new: added, expansion, contraction, churn, reactivation },
  };
}
