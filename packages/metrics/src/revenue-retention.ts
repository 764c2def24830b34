import { z } from 'zod';
import { parseInput } from './parse-input.ts';

const count = z.number().int().min(0);
const amount = z.number().min(0);

export const churnRateInputSchema = z
  .object({
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
  return atStart === 0 ? null : (lost * 100) / atStart;
}

export const revenueChurnRateInputSchema = z.object({
  startMrr: amount,
  contraction: amount,
  churn: amount,
});
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
  return startMrr === 0 ? null : ((contraction + churn) * 100) / startMrr;
}

export const nrrInputSchema = z.object({
  startMrr: amount,
  expansion: amount,
  contraction: amount,
  churn: amount,
});
export type NrrInput = z.infer<typeof nrrInputSchema>;

/**
 * Net revenue retention: (startMrr + expansion - contraction - churn) / startMrr x 100, counting only
 * accounts that had MRR at the start (new and reactivated MRR are excluded); null when startMrr is 0.
 *
 * @example
 * nrr({ startMrr: 10_000, expansion: 1_500, contraction: 200, churn: 300 }); // 110
 */
export function nrr(input: NrrInput): number | null {
  const { startMrr, expansion, contraction, churn } = parseInput(nrrInputSchema, input, '');
  return startMrr === 0 ? null : ((startMrr + expansion - contraction - churn) * 100) / startMrr;
}

export const grrInputSchema = revenueChurnRateInputSchema;
export type GrrInput = z.infer<typeof grrInputSchema>;

/**
 * Gross revenue retention: (startMrr - contraction - churn) / startMrr x 100, at most 100 since
 * expansion is ignored; null when startMrr is 0.
 *
 * @example
 * grr({ startMrr: 10_000, contraction: 200, churn: 300 }); // 95
 */
export function grr(input: GrrInput): number | null {
  const { startMrr, contraction, churn } = parseInput(grrInputSchema, input, '');
  return startMrr === 0 ? null : ((startMrr - contraction - churn) * 100) / startMrr;
}

export const quickRatioInputSchema = z.object({
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
  const lost = v.contraction + v.churn;
  return lost === 0 ? null : (v.new + v.expansion + v.reactivation) / lost;
}
