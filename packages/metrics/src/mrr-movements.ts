import { z } from 'zod';
import { decimalSum } from './decimal-sum.ts';
import { instantSchema, monthBounds, monthSchema } from './iso-instant.ts';
import { parseInput } from './parse-input.ts';

/**
 * A subscription (for HubSpot: a closed-won deal) contributing `mrr` while active on `[start, end)`;
 * no `end` means ongoing. Instants are ISO 8601 strings (UTC unless they carry an offset) or Dates.
 */
export const subscriptionSchema = z
  .object({
    accountId: z.string().min(1),
    /** Monthly recurring revenue, a plain amount in the account currency. */
    mrr: z.number().min(0),
    start: instantSchema,
    end: instantSchema.nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.end != null && s.end < s.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Expected end at or after start' });
    }
  });
export const subscriptionsSchema = z.array(subscriptionSchema);
export type Subscription = z.input<typeof subscriptionSchema>;
type ParsedSubscription = z.output<typeof subscriptionSchema>;

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

/**
 * Active at the last instant before `boundary`, i.e. the limit from the left: start < boundary <= end.
 * Using the limit rather than "boundary - 1 ms" keeps the rule exact whatever the time resolution.
 */
function activeJustBefore(s: ParsedSubscription, boundary: number): boolean {
  return s.start < boundary && (s.end == null || s.end >= boundary);
}

function classify(startMrr: number, endMrr: number, hadMrrBefore: boolean): MrrMovement {
  if (startMrr === 0) return hadMrrBefore ? 'reactivation' : 'new';
  if (endMrr === 0) return 'churn';
  if (endMrr > startMrr) return 'expansion';
  if (endMrr < startMrr) return 'contraction';
  return 'flat';
}

/**
 * MRR bridge for one month: each account's MRR at the previous month's last instant (`startMrr`)
 * and at this month's last instant (`endMrr`), classified as new, expansion, contraction, churn,
 * reactivation or flat, and the totals. A change belongs to the month containing its date: a
 * subscription starting on 1 April is April's new MRR; one ending on 1 March is March's churn.
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
  const { start: monthStart, end: monthEnd } = monthBounds(parseInput(monthSchema, month, 'month'));

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
    const startMrr = decimalSum(subs.filter((s) => activeJustBefore(s, monthStart)).map((s) => s.mrr));
    const endMrr = decimalSum(subs.filter((s) => activeJustBefore(s, monthEnd)).map((s) => s.mrr));
    if (startMrr === 0 && endMrr === 0) continue;
    // Had MRR at some instant before the month: a non-empty interval with MRR that began earlier.
    const hadMrrBefore = subs.some(
      (s) => s.mrr > 0 && s.start < monthStart && (s.end == null || s.end > s.start),
    );
    accounts.push({ accountId, startMrr, endMrr, movement: classify(startMrr, endMrr, hadMrrBefore) });
  }

  const sumOf = (movement: MrrMovement, pick: (a: MrrAccountMovement) => number[]) =>
    decimalSum(accounts.filter((a) => a.movement === movement).flatMap(pick));
  const startMrr = decimalSum(accounts.map((a) => a.startMrr));
  const added = sumOf('new', (a) => [a.endMrr]);
  const expansion = sumOf('expansion', (a) => [a.endMrr, -a.startMrr]);
  const reactivation = sumOf('reactivation', (a) => [a.endMrr]);
  const contraction = sumOf('contraction', (a) => [a.startMrr, -a.endMrr]);
  const churn = sumOf('churn', (a) => [a.startMrr]);
  // The bridge itself defines endMrr so the identity holds exactly as written (see JSDoc).
  const endMrr = startMrr + added + expansion + reactivation - contraction - churn;
  return {
    accounts,
    totals: { startMrr, endMrr, new: added, expansion, contraction, churn, reactivation },
  };
}
