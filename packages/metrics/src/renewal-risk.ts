import { z } from 'zod';
import { healthBandSchema } from './health-score.ts';
import { healthTrendSchema } from './health-trend.ts';
import { parseInput } from './parse-input.ts';

const count = z.number().int().min(0);

export const renewalRiskInputSchema = z
  .strictObject({
    /** The account's health band; null when it has no score. */
    band: healthBandSchema.nullable(),
    /** The health trend's direction over the last 30 days; null when unknown. */
    trendDirection: healthTrendSchema.nullable(),
    /** Days until the contract ends (may be fractional); null without a known end. */
    daysToRenewal: z.number().nullable(),
    /** NPS promoters, detractors and all answers in the NPS window. */
    promoters: count,
    detractors: count,
    responses: count,
  })
  .refine((v) => v.promoters + v.detractors <= v.responses, {
    path: ['responses'],
    message: 'Expected promoters + detractors <= responses',
  });
export type RenewalRiskInput = z.input<typeof renewalRiskInputSchema>;

export const renewalRiskLevelSchema = z.enum(['high', 'medium', 'low']);
export const renewalRiskResultSchema = z.object({
  /** null when the account has no health band (nothing to judge by). */
  level: renewalRiskLevelSchema.nullable(),
  /** Why, in words a CSM reads on the card, in a fixed order. */
  reasons: z.array(z.string()),
});
export type RenewalRiskResult = z.infer<typeof renewalRiskResultSchema>;

/**
 * How likely a renewal is at risk: `high` when health is red, or the contract ends within 30 days
 * while health is falling; `medium` when health is yellow or the contract ends within 90 days;
 * else `low`; null without a health band. A contract that already ended (negative days) does not
 * count as ending soon. `reasons` lists every observation that applies: health is red, the
 * contract ends within 30 (else 90) days, health fell over the last 30 days, more detractors than
 * promoters.
 *
 * @example
 * renewalRisk({ band: 'green', trendDirection: 'down', daysToRenewal: 20, promoters: 1, detractors: 2, responses: 4 });
 * // { level: 'high', reasons: ['contract ends within 30 days', 'health fell over the last 30 days',
 * //   'more detractors than promoters'] }
 */
export function renewalRisk(input: RenewalRiskInput): RenewalRiskResult {
  const v = parseInput(renewalRiskInputSchema, input, '');
  if (v.band === null) return { level: null, reasons: [] };
  const days = v.daysToRenewal;
  const within30 = days !== null && days >= 0 && days <= 30;
  const within90 = days !== null && days >= 0 && days <= 90;
  const falling = v.trendDirection === 'down';
  const reasons: string[] = [];
  if (v.band === 'red') reasons.push('health is red');
  if (within30) reasons.push('contract ends within 30 days');
  else if (within90) reasons.push('contract ends within 90 days');
  if (falling) reasons.push('health fell over the last 30 days');
  if (v.responses > 0 && v.detractors > v.promoters) reasons.push('more detractors than promoters');
  const level =
    v.band === 'red' || (within30 && falling) ? 'high' : v.band === 'yellow' || within90 ? 'medium' : 'low';
  return { level, reasons };
}
