import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** A health score (0-100), or null / undefined when unknown. */
export const healthTrendScoreSchema = z.number().min(0).max(100).nullish();

export const healthTrendOptionsSchema = z.strictObject({
  /** Changes of at most this many points (absolute) count as flat; default 0. */
  flatWithin: z.number().min(0).default(0),
});
export type HealthTrendOptions = z.input<typeof healthTrendOptionsSchema>;

export const healthTrendSchema = z.enum(['up', 'down', 'flat']);
export const healthTrendResultSchema = z.object({
  /** current - previous in points; null when either is unknown. */
  delta: z.number().nullable(),
  /** null when either score is unknown: an unknown trend is not a flat one. */
  direction: healthTrendSchema.nullable(),
});
export type HealthTrendResult = z.infer<typeof healthTrendResultSchema>;

/**
 * Change between two health scores. When either is null (no signals then or now) the trend is
 * unknown: `{ delta: null, direction: null }` rather than 'flat', so a card can say "no trend yet".
 *
 * @example
 * healthTrend(72, 65); // { delta: 7, direction: 'up' }
 * healthTrend(64, 65, { flatWithin: 2 }); // { delta: -1, direction: 'flat' }
 * healthTrend(72, null); // { delta: null, direction: null }
 */
export function healthTrend(
  current: number | null | undefined,
  previous: number | null | undefined,
  options?: HealthTrendOptions,
): HealthTrendResult {
  const now = parseInput(healthTrendScoreSchema, current, 'current');
  const before = parseInput(healthTrendScoreSchema, previous, 'previous');
  const { flatWithin } = parseInput(healthTrendOptionsSchema, options ?? {}, 'options');
  if (now == null || before == null) return { delta: null, direction: null };
  const delta = now - before;
  const direction = Math.abs(delta) <= flatWithin ? 'flat' : delta > 0 ? 'up' : 'down';
  return { delta, direction };
}
