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
  /** 0-100, rounded to 9 decimal places; null when no signal of the model is present. */
  score: z.number().min(0).max(100).nullable(),
  band: healthBandSchema.nullable(),
  components: z.array(healthComponentSchema),
  /** Signals of the model that were null or absent, in model order. */
  missing: z.array(healthSignalKeySchema),
});
export type HealthScoreResult = z.infer<typeof healthScoreResultSchema>;

/** Places the health score is rounded to: far below what any surface shows, far above float noise. */
export const HEALTH_SCORE_DECIMALS = 9;
const ROUNDING = 10 ** HEALTH_SCORE_DECIMALS;

/** A value mapped to 0-100: 0 at `bad` or beyond, 100 at `good` or beyond, linear in between. */
function componentScore(value: number, c: HealthComponentModel): number {
  // One formula for both directions: good - bad is negative when lower is better, which flips it.
  // Scaling before dividing rounds once, so a value on a threshold (e.g. 70 of 0-100) scores exactly 70.
  const scaled = ((value - c.bad) * 100) / (c.good - c.bad);
  return Math.min(100, Math.max(0, scaled));
}

/**
 * The band for a score: green at or above `bands.green`, yellow at or above `bands.yellow`, else red.
 * A score exactly on a threshold belongs to the upper band.
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
 * Account health: the weighted mean of the present components' scores,
 * sum(score x weight) / sum(weight) over the model's components whose signal is present, with
 * the model's raw weights. Each component maps its signal to 0-100 by the model's thresholds.
 * Missing signals (null / undefined) are left out and listed in `missing`, so a young account
 * without NPS is not punished for it; signals the model does not score are ignored (neither
 * scored nor missing). No present component gives `score: null, band: null`.
 *
 * The score is rounded to {@link HEALTH_SCORE_DECIMALS} decimal places and the band compares that
 * rounded score with the thresholds, so a score that is exactly on a threshold in decimal
 * arithmetic (e.g. CSAT 63 and FCR 80 under the default model: (10 x 10 + 100 x 5) / 15 = 40) is
 * reported as exactly that and gets the upper band, whatever floating point does underneath.
 * Components report their weight share (weight / sum of present weights) and contribution
 * (score x weight / sum of present weights), which sum to the score up to that rounding.
 *
 * @example
 * healthScore({ licenseUtilization: 85, openUrgentTickets: 3 });
 * // score 66.666666667: licenseUtilization scores 100 with weight 20, openUrgentTickets 0 with 10
 * // -> (100 x 20 + 0 x 10) / 30; band 'yellow'; missing lists the other seven signals
 */
export function healthScore(
  signals: HealthSignals,
  model: HealthModel = defaultHealthModel,
): HealthScoreResult {
  return healthScorer(model)(signals);
}

/** {@link healthScore} with its model fixed: `healthScorer(model)(signals)`. */
export type HealthScorer = (signals: HealthSignals) => HealthScoreResult;

/**
 * {@link healthScore} for many accounts under one model: the model is validated once, here (an
 * invalid one throws at once), and each account's signals when it is scored.
 *
 * @example
 * const score = healthScorer(tenantModel);
 * const results = accounts.map((a) => score(a.signals));
 */
export function healthScorer(model: HealthModel = defaultHealthModel): HealthScorer {
  const m = parseInput(healthModelSchema, model, 'model');
  return (signals) => scoreSignals(parseInput(healthSignalsSchema, signals, 'signals'), m);
}

function scoreSignals(values: HealthSignals, m: HealthModel): HealthScoreResult {
  const present: { key: HealthSignalKey; value: number; c: HealthComponentModel }[] = [];
  const missing: HealthSignalKey[] = [];
  for (const key of healthSignalKeys) {
    const c = m.components[key];
    if (c === undefined) continue;
    const value = values[key];
    if (value == null) missing.push(key);
    else present.push({ key, value, c });
  }
  if (present.length === 0) return { score: null, band: null, components: [], missing };

  let totalWeight = 0;
  let weighted = 0;
  // Not `{ ...p, score }`: a spread followed by more members is slow on Node 20 (see health-levers.ts).
  const scored = present.map((p) => ({
    key: p.key,
    value: p.value,
    c: p.c,
    score: componentScore(p.value, p.c),
  }));
  for (const p of scored) {
    totalWeight += p.c.weight;
    weighted += p.score * p.c.weight;
  }
  const components: HealthComponent[] = scored.map(({ key, value, c, score }) => ({
    key,
    value,
    score,
    weight: c.weight / totalWeight,
    contribution: Math.min(100, (score * c.weight) / totalWeight),
  }));
  // Each component score is within 0-100, so the weighted mean is too (clamping only absorbs an ulp).
  const mean = Math.min(100, Math.max(0, weighted / totalWeight));
  const score = Math.round(mean * ROUNDING) / ROUNDING;
  return { score, band: healthBand(score, m.bands), components, missing };
}
