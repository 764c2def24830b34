import { z } from 'zod';
import { parseInput } from './parse-input.ts';

const amount = z.number().min(0);
/** A monthly recurring revenue amount for {@link arr}. */
export const arrInputSchema = z.number().min(0);
/** Gross margin as a percentage, 0-100. */
export const grossMarginSchema = z.number().min(0).max(100);

/**
 * Annual recurring revenue from monthly: mrr x 12.
 *
 * @example
 * arr(12_500); // 150_000
 */
export function arr(mrr: number): number {
  return parseInput(arrInputSchema, mrr, 'mrr') * 12;
}

export const arpuInputSchema = z.object({
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
  return customers === 0 ? null : revenue / customers;
}

export const cacInputSchema = z.object({
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
  return newCustomers === 0 ? null : salesAndMarketingSpend / newCustomers;
}

export const ltvToCacInputSchema = z.object({ ltv: amount, cac: amount });
export type LtvToCacInput = z.infer<typeof ltvToCacInputSchema>;

/**
 * LTV:CAC ratio (a plain ratio; above 3 is the usual benchmark); null when CAC is 0.
 *
 * @example
 * ltvToCac({ ltv: 12_000, cac: 3_000 }); // 4
 */
export function ltvToCac(input: LtvToCacInput): number | null {
  const { ltv, cac } = parseInput(ltvToCacInputSchema, input, '');
  return cac === 0 ? null : ltv / cac;
}

export const cacPaybackInputSchema = z.object({
  cac: amount,
  /** Monthly ARPU. */
  arpu: amount,
  grossMargin: grossMarginSchema,
});
export type CacPaybackInput = z.infer<typeof cacPaybackInputSchema>;

/**
 * Months of gross profit needed to earn back CAC: cac / (arpu x grossMargin / 100); null when an
 * account earns no gross profit (it never pays back).
 *
 * @example
 * cacPaybackMonths({ cac: 3_000, arpu: 250, grossMargin: 80 }); // 15: 3000 / (250 x 0.8)
 */
export function cacPaybackMonths(input: CacPaybackInput): number | null {
  const { cac, arpu, grossMargin } = parseInput(cacPaybackInputSchema, input, '');
  const monthlyGrossProfit = (arpu * grossMargin) / 100;
  return monthlyGrossProfit === 0 ? null : cac / monthlyGrossProfit;
}

export const retentionCostInputSchema = z.object({
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
  return activeCustomers === 0 ? null : retentionSpend / activeCustomers;
}
