import { z } from 'zod';
import { finiteOrNull, finiteResult } from './finite-result.ts';
import { parseInput } from './parse-input.ts';

const amount = z.number().min(0);
/** A monthly recurring revenue amount for {@link arr}. */
export const arrInputSchema = z.number().min(0);
/**
 * Gross margin as a percentage: more than 1, at most 100 (80 means 80 %). A margin of 1 or less is
 * refused: it is almost always a fraction typed for a percentage (0.8 for 80 %), which would
 * understate every figure built on it a hundredfold.
 */
export const grossMarginSchema = z
  .number()
  .max(100, 'margin is a percentage, at most 100')
  .refine((m) => m > 1, 'margin is a percentage, e.g. 80 for 80 % (a margin of 1 or less is refused)');

/**
 * Annual recurring revenue from monthly: mrr x 12. Refused (naming `mrr`) when the result would
 * not be a finite number.
 *
 * @example
 * arr(12_500); // 150_000
 */
export function arr(mrr: number): number {
  return finiteResult(parseInput(arrInputSchema, mrr, 'mrr') * 12, 'mrr');
}

export const arpuInputSchema = z.strictObject({
  /** Revenue for the period (use MRR for a monthly ARPU). */
  revenue: amount,
  /** Paying customers (or accounts) in the period; an average may be fractional. */
  customers: amount,
});
export type ArpuInput = z.infer<typeof arpuInputSchema>;

/**
 * Average revenue per user (account): revenue / customers; null without customers.
 *
 * @example
 * arpu({ revenue: 50_000, customers: 200 }); // 250
 */
export function arpu(input: ArpuInput): number | null {
  const { revenue, customers } = parseInput(arpuInputSchema, input, '');
  return finiteOrNull(customers === 0 ? null : revenue / customers, 'customers');
}

export const cacInputSchema = z.strictObject({
  salesAndMarketingSpend: amount,
  newCustomers: amount,
});
export type CacInput = z.infer<typeof cacInputSchema>;

/**
 * Customer acquisition cost: sales and marketing spend / new customers won; null without new customers.
 *
 * @example
 * cac({ salesAndMarketingSpend: 120_000, newCustomers: 40 }); // 3_000
 */
export function cac(input: CacInput): number | null {
  const { salesAndMarketingSpend, newCustomers } = parseInput(cacInputSchema, input, '');
  return finiteOrNull(newCustomers === 0 ? null : salesAndMarketingSpend / newCustomers, 'newCustomers');
}

export const ltvToCacInputSchema = z.strictObject({ ltv: amount, cac: amount });
export type LtvToCacInput = z.infer<typeof ltvToCacInputSchema>;

/**
 * LTV:CAC ratio (a plain ratio; above 3 is the usual benchmark); null when CAC is 0.
 *
 * @example
 * ltvToCac({ ltv: 12_000, cac: 3_000 }); // 4
 */
export function ltvToCac(input: LtvToCacInput): number | null {
  const { ltv, cac } = parseInput(ltvToCacInputSchema, input, '');
  return finiteOrNull(cac === 0 ? null : ltv / cac, 'cac');
}

export const cacPaybackInputSchema = z.strictObject({
  cac: amount,
  /** Monthly ARPU. */
  arpu: amount,
  grossMargin: grossMarginSchema,
});
export type CacPaybackInput = z.infer<typeof cacPaybackInputSchema>;

/**
 * Months of gross profit needed to earn back CAC: cac / (arpu x grossMargin / 100); null when an
 * account earns no revenue (it never pays back). `grossMargin` is a percentage above 1 (see
 * {@link grossMarginSchema}).
 *
 * @example
 * cacPaybackMonths({ cac: 3_000, arpu: 250, grossMargin: 80 }); // 15: 3000 / (250 x 0.8)
 */
export function cacPaybackMonths(input: CacPaybackInput): number | null {
  const { cac, arpu, grossMargin } = parseInput(cacPaybackInputSchema, input, '');
  const monthlyGrossProfit = (arpu * grossMargin) / 100;
  return finiteOrNull(monthlyGrossProfit === 0 ? null : cac / monthlyGrossProfit, 'arpu');
}

export const retentionCostInputSchema = z.strictObject({
  /** Customer success, support and retention spend for the period. */
  retentionSpend: amount,
  activeCustomers: amount,
});
export type RetentionCostInput = z.infer<typeof retentionCostInputSchema>;

/**
 * Retention cost per active customer: retentionSpend / activeCustomers; null without customers.
 *
 * @example
 * retentionCost({ retentionSpend: 30_000, activeCustomers: 600 }); // 50
 */
export function retentionCost(input: RetentionCostInput): number | null {
  const { retentionSpend, activeCustomers } = parseInput(retentionCostInputSchema, input, '');
  return finiteOrNull(activeCustomers === 0 ? null : retentionSpend / activeCustomers, 'activeCustomers');
}
