import { z } from 'zod';
import {
  defaultHealthModel,
  type HealthBands,
  type HealthComponentModel,
  type HealthModel,
  type HealthSignalKey,
  type HealthSignals,
  healthModelSchema,
  healthSignalKeySchema,
  healthSignalKeys,
  healthSignalsSchema,
} from './health-model.ts';
import { parseInput } from './parse-input.ts';

export const healthBandSchema = z.enum(['green', 'yellow', 'red']);
export type HealthBand = z.infer<typeof healthBandSchema>;

export const healthComponentSchema = z.object({
  key: healthSignalKeySchema,
  /** The signal as given. */
  value: z.number(),
  /** The signal mapped to 0-100 by the model's thresholds. */
  score: z.number().min(0).max(100),
  /** Share of the present components' weights (present weights sum to 1). */
  weight: z.number().min(0).max(1),
  /** score x weight; contributions sum to the health score. */
  contribution: z.number().min(0).max(100),
});
export type HealthComponent = z.infer<typeof healthComponentSchema>;

export const healthScoreResultSchema = z.object({
  /** 0-100; null when no signal is present. */
  score: z.number().min(0).max(100).nullable(),
  band: healthBandSchema.nullable(),
  components: z.array(healthComponentSchema),
  /** Signals that were null or absent, in model order. */
  missing: z.array(healthSignalKeySchema),
});
export type HealthScoreResult = z.infer<typeof healthScoreResultSchema>;

/** A value mapped to 0-100: 0 at `bad` or beyond, 100 at `good` or beyond, linear in between. */
function componentScore(value: number, c: HealthComponentModel): number {
  // One formula for both directions: good - bad is negative when lower is better, which flips it.
  // Scaling before dividing rounds once, so a value on a threshold (e.g. 70 of 0-100) scores exactly 70.
  const scaled = ((value - c.bad) * 100) / (c.good - c.bad);
  return Math.min(100, Math.max(0, scaled));
}

/**
 * The band for a score: green at or above `bands.green`, yellow at or above `bands.yellow`, else red.
 *
 * @example
 * healthBand(72, { green: 70, yellow: 40 }); // 'green'
 */
export function healthBand(score: number, bands: HealthBands): HealthBand {
  if (score >= bands.green) return 'green';
  if (score >= bands.yellow) return 'yellow';
  return 'red';
}

/**
 * Account health: each present signal is mapped to 0-100 by the model, weighted by its share of
 * the present weights, and summed. Missing signals (null / undefined) are left out and listed, so a
 * young account without NPS is not punished for it. No signal at all gives `score: null, band: null`.
 *
 * @example
 * healthScore({ licenseUtilization: 85, openUrgentTickets: 3 });
 * // score 66.66…: licenseUtilization scores 100 with weight 20/30, openUrgentTickets 0 with 10/30
 * // band 'yellow'; missing lists the other seven signals
 */
export function healthScore(
  signals: HealthSignals,
  model: HealthModel = defaultHealthModel,
): HealthScoreResult {
  const values = parseInput(healthSignalsSchema, signals, 'signals');
  const m = parseInput(healthModelSchema, model, 'model');
  const present: { key: HealthSignalKey; value: number; c: HealthComponentModel }[] = [];
  const missing: HealthSignalKey[] = [];
  for (const key of healthSignalKeys) {
    const value = values[key];
    if (value == null) missing.push(key);
    else present.push({ key, value, c: m.components[key] });
  }
  if (present.length === 0) return { score: null, band: null, components: [], missing };

  let totalWeight = 0;
  for (const p of present) totalWeight += p.c.weight;
  const components: HealthComponent[] = present.map(({ key, value, c }) => {
    const score = componentScore(value, c);
    const weight = c.weight / totalWeight;
    return { key, value, score, weight, contribution: score * weight };
  });
  let sum = 0;
  for (const c of components) sum += c.contribution;
  // Weights may sum to 1 ± an ulp; clamping keeps the score on 0-100 and is still monotone.
  const score = Math.min(100, Math.max(0, sum));
  return { score, band: healthBand(score, m.bands), components, missing };
}
