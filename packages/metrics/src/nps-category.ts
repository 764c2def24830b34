import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** Highest NPS answer that is a detractor (0-6). Playbooks select detractors with it. */
export const NPS_DETRACTOR_MAX = 6;
/** Lowest NPS answer that is a promoter (9-10); 7-8 are passives. */
export const NPS_PROMOTER_MIN = 9;

/** One NPS answer: a whole number on 0-10. */
export const npsScoreSchema = z.number().int().min(0).max(10);

export const npsCategorySchema = z.enum(['promoter', 'passive', 'detractor']);
export type NpsCategory = z.infer<typeof npsCategorySchema>;

/**
 * The category of one NPS answer: promoter 9-10, passive 7-8, detractor 0-6 (Reichheld / Bain).
 *
 * @example
 * npsCategory(6); // 'detractor'
 * npsCategory(9); // 'promoter'
 */
export function npsCategory(score: number): NpsCategory {
  return categoryOf(parseInput(npsScoreSchema, score, 'score'));
}

/** {@link npsCategory} of an already valid answer. */
export function categoryOf(score: number): NpsCategory {
  if (score >= NPS_PROMOTER_MIN) return 'promoter';
  return score > NPS_DETRACTOR_MAX ? 'passive' : 'detractor';
}
