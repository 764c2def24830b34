import { z } from 'zod';
import { finiteOrNull } from './finite-result.ts';
import { parseInput } from './parse-input.ts';
import { grossMarginSchema } from './unit-economics.ts';

const amount = z.number().min(0);

export const clvInputSchema = z.discriminatedUnion('method', [
  z.strictObject({
    /** Expected lifetime = 1 / monthly revenue churn. */
    method: z.literal('churn'),
    /** Monthly ARPU. */
    arpu: amount,
    grossMargin: grossMarginSchema,
    /** Monthly revenue churn rate, 0-100. */
    monthlyRevenueChurn: z.number().min(0).max(100),
  }),
  z.strictObject({
    method: z.literal('lifetime'),
    /** Monthly ARPU. */
    arpu: amount,
    grossMargin: grossMarginSchema,
    /** Average customer lifetime in months. */
    lifetimeMonths: amount,
  }),
  z.strictObject({
    /** Revenue (not margin) view used in e-commerce: average purchase x frequency x lifetime. */
    method: z.literal('purchase'),
    averagePurchaseValue: amount,
    /** Purchases per period (e.g. per year). */
    purchaseFrequency: amount,
    /** Customer lifetime in the same periods. */
    customerLifetime: amount,
  }),
]);
export type ClvInput = z.input<typeof clvInputSchema>;

/**
 * Customer lifetime value, by one of three methods picked with `method`. `grossMargin` is a
 * percentage (80 for 80 %); a margin of 1 or less is refused as a likely fraction (0.8), with the
 * message "margin is a percentage, e.g. 80 for 80 %". Results are finite or refused.
 * - `churn`: arpu x grossMargin/100 / (monthlyRevenueChurn/100); null when churn is 0 (unbounded).
 * - `lifetime`: arpu x grossMargin/100 x lifetimeMonths.
 * - `purchase`: averagePurchaseValue x purchaseFrequency x customerLifetime.
 *
 * @example
 * clv({ method: 'churn', arpu: 250, grossMargin: 80, monthlyRevenueChurn: 2 }); // 10_000: 200 / 0.02
 * clv({ method: 'lifetime', arpu: 250, grossMargin: 80, lifetimeMonths: 36 }); // 7_200
 * clv({ method: 'purchase', averagePurchaseValue: 50, purchaseFrequency: 4, customerLifetime: 3 }); // 600
 */
export function clv(input: ClvInput): number | null {
  const v = parseInput(clvInputSchema, input, '');
  switch (v.method) {
    case 'churn':
      // The two / 100 cancel; dividing once keeps whole-number cases exact.
      return finiteOrNull(
        v.monthlyRevenueChurn === 0 ? null : (v.arpu * v.grossMargin) / v.monthlyRevenueChurn,
        'arpu',
      );
    case 'lifetime':
      return finiteOrNull(((v.arpu * v.grossMargin) / 100) * v.lifetimeMonths, 'lifetimeMonths');
    case 'purchase':
      return finiteOrNull(
        v.averagePurchaseValue * v.purchaseFrequency * v.customerLifetime,
        'customerLifetime',
      );
  }
}
