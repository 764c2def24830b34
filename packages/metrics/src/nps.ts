import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** NPS answers: whole numbers on the standard 0-10 "how likely are you to recommend" scale. */
export const npsScoresSchema = z.array(z.number().int().min(0).max(10));

export const npsResultSchema = z.object({
  /** % promoters - % detractors on -100..100, unrounded; null without responses. */
  score: z.number().min(-100).max(100).nullable(),
  promoters: z.number().int().min(0),
  passives: z.number().int().min(0),
  detractors: z.number().int().min(0),
  responses: z.number().int().min(0),
});
export type NpsResult = z.infer<typeof npsResultSchema>;

/**
 * Net Promoter Score (Reichheld / Bain): promoters answer 9-10, passives 7-8, detractors 0-6;
 * score = % promoters - % detractors, from -100 to 100, unrounded.
 *
 * @example
 * nps([10, 9, 8, 6, 0]);
 * // { score: 0, promoters: 2, passives: 1, detractors: 2, responses: 5 }: 40% - 40%
 * nps([]); // { score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 }
 */
export function nps(scores: readonly number[]): NpsResult {
  const valid = parseInput(npsScoresSchema, scores, 'scores');
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of valid) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  const responses = valid.length;
  // One division of an exact integer gives the correctly rounded percentage (and exact integers
  // whenever the true score is one), unlike subtracting two separately rounded percentages.
  const score = responses === 0 ? null : ((promoters - detractors) * 100) / responses;
  return { score, promoters, passives, detractors, responses };
}
