import { z } from 'zod';
import { decimalSum } from './decimal-sum.ts';
import { finiteOrNull, percentOf } from './finite-result.ts';
import { parseInput } from './parse-input.ts';

const count = z.number().int().min(0);
const amount = z.number().min(0);

export const churnRateInputSchema = z
  .strictObject({
    /** Customers at the start of the period. */
    atStart: count,
    /** Of those, customers lost during the period (customers won during it are not counted). */
    lost: count,
  })
  .refine((v) => v.lost <= v.atStart, { path: ['lost'], message: 'Expected lost <= atStart' });
export type ChurnRateInput = z.infer<typeof churnRateInputSchema>;

/**
 * Customer (logo) churn rate: lost / atStart x 100; null when there were no customers at the start.
 *
 * @example
 * churnRate({ atStart: 200, lost: 3 }); // 1.5
 */
export function churnRate(input: ChurnRateInput): number | null {
  const { atStart, lost } = parseInput(churnRateInputSchema, input, '');
  return atStart === 0 ? null : percentOf(lost, atStart, 'lost');
}

/** Refuses losses above the MRR at the start: they would give a negative retention. */
function lossesWithinStart(
  v: { startMrr: number; contraction: number; churn: number },
  ctx: z.core.$RefinementCtx,
) {
  // Decimal sums: 0.2 + 0.1 lost of 0.3 is everything, not 0.30000000000000004.
  if (decimalSum([v.contraction, v.churn]) > v.startMrr) {
    ctx.addIssue({
      code: 'custom',
      path: ['churn'],
      message:
        'Expected contraction + churn <= startMrr: an account cannot lose more MRR than it had at the start',
    });
  }
}

export const revenueChurnRateInputSchema = z
  .strictObject({
    /** MRR at the period's start (of the accounts that had it then). */
    startMrr: amount,
    /** MRR lost by accounts that kept paying less. */
    contraction: amount,
    /** MRR lost by accounts that stopped paying. */
    churn: amount,
  })
  .superRefine(lossesWithinStart);
export type RevenueChurnRateInput = z.infer<typeof revenueChurnRateInputSchema>;

/**
 * Gross revenue churn rate: (contraction + churn) / startMrr x 100 (expansion does not offset it);
 * null when startMrr is 0.
 *
 * @example
 * revenueChurnRate({ startMrr: 10_000, contraction: 200, churn: 300 }); // 5
 */
export function revenueChurnRate(input: RevenueChurnRateInput): number | null {
  const { startMrr, contraction, churn } = parseInput(revenueChurnRateInputSchema, input, '');
  return startMrr === 0 ? null : percentOf(decimalSum([contraction, churn]), startMrr, 'startMrr');
}

export const nrrInputSchema = z
  .strictObject({
    startMrr: amount,
    expansion: amount,
    contraction: amount,
    churn: amount,
  })
  .superRefine(lossesWithinStart);
export type NrrInput = z.infer<typeof nrrInputSchema>;

/**
 * Net revenue retention: (startMrr + expansion - contraction - churn) / startMrr x 100, counting only
 * accounts that had MRR at the start (new and reactivated MRR are excluded); null when startMrr is 0.
 * Losses (contraction + churn) above startMrr are refused (naming `churn`): retention is never negative.
 *
 * @example
 * nrr({ startMrr: 10_000, expansion: 1_500, contraction: 200, churn: 300 }); // 110
 */
export function nrr(input: NrrInput): number | null {
  const { startMrr, expansion, contraction, churn } = parseInput(nrrInputSchema, input, '');
  if (startMrr === 0) return null;
  const retained = decimalSum([startMrr, expansion, -contraction, -churn]);
  return percentOf(finiteOrNull(retained, 'expansion') as number, startMrr, 'expansion');
}

export const grrInputSchema = revenueChurnRateInputSchema;
export type GrrInput = z.infer<typeof grrInputSchema>;

/**
 * Gross revenue retention: (startMrr - contraction - churn) / startMrr x 100, from 0 to 100 since
 * expansion is ignored; null when startMrr is 0. Losses above startMrr are refused (naming `churn`).
 *
 * @example
 * grr({ startMrr: 10_000, contraction: 200, churn: 300 }); // 95
 */
export function grr(input: GrrInput): number | null {
  const { startMrr, contraction, churn } = parseInput(grrInputSchema, input, '');
  return startMrr === 0
    ? null
    : percentOf(decimalSum([startMrr, -contraction, -churn]), startMrr, 'startMrr');
}

export const quickRatioInputSchema = z.strictObject({
  new: amount,
  expansion: amount,
  reactivation: amount,
  contraction: amount,
  churn: amount,
});
export type QuickRatioInput = z.infer<typeof quickRatioInputSchema>;

/**
 * SaaS quick ratio (Mamoon Hamid): MRR gained / MRR lost = (new + expansion + reactivation) /
 * (contraction + churn), a plain ratio (4 is the usual "healthy growth" mark); null when nothing was
 * lost, since the ratio is then unbounded.
 *
 * @example
 * quickRatio({ new: 3_000, expansion: 1_000, reactivation: 0, contraction: 500, churn: 500 }); // 4
 */
export function quickRatio(input: QuickRatioInput): number | null {
  const v = parseInput(quickRatioInputSchema, input, '');
  const lost = decimalSum([v.contraction, v.churn]);
  const gained = decimalSum([v.new, v.expansion, v.reactivation]);
  return finiteOrNull(lost === 0 ? null : gained / lost, 'new');
}
