import { z } from 'zod';
import { parseInput } from './parse-input.ts';
import { assertAnswersOnScale, checkScaleCutOff, scaleSchema } from './scale.ts';

/**
 * Zendesk satisfaction scores: `good` / `bad` are answers; `offered` (survey sent, no answer yet) and
 * `unoffered` (never sent) are not, so they are skipped.
 */
export const zendeskSatisfactionSchema = z.enum(['good', 'bad', 'offered', 'unoffered']);
export type ZendeskSatisfaction = z.infer<typeof zendeskSatisfactionSchema>;

/** CSAT answers: numbers on the options' scale, or Zendesk satisfaction scores. */
export const csatRatingsSchema = z.array(z.union([z.number(), zendeskSatisfactionSchema]));
export type CsatRating = z.infer<typeof csatRatingsSchema>[number];

/**
 * `scale`: numeric answer scale, default 1-5. `positiveAtLeast`: numeric answers at or above it are
 * positive; default 4 (the "top two boxes" of 1-5), required with any other scale.
 */
export const csatOptionsSchema = z
  .strictObject({ scale: scaleSchema.optional(), positiveAtLeast: z.number().optional() })
  .superRefine((o, ctx) =>
    checkScaleCutOff(o.scale, o.positiveAtLeast, 'positiveAtLeast', { min: 1, max: 5 }, 4, ctx),
  )
  .transform((o) => ({ scale: o.scale ?? { min: 1, max: 5 }, positiveAtLeast: o.positiveAtLeast ?? 4 }));
export type CsatOptions = z.input<typeof csatOptionsSchema>;

export const csatResultSchema = z.object({
  /** positive / responses x 100 (0-100); null without responses. */
  score: z.number().min(0).max(100).nullable(),
  positive: z.number().int().min(0),
  responses: z.number().int().min(0),
});
export type CsatResult = z.infer<typeof csatResultSchema>;

/**
 * Customer satisfaction: the share of answers that are positive, on 0-100.
 * Numbers are positive at or above `positiveAtLeast` (default 4 on the default 1-5 scale; with any
 * other scale the cut-off must be given, else the options are refused); Zendesk's `good` is
 * positive, `bad` is not, and `offered` / `unoffered` are skipped. HubSpot's 3-point CSAT
 * (0 unhappy, 1 neutral, 2 happy) is `csat(values, { scale: { min: 0, max: 2 }, positiveAtLeast: 2 })`.
 *
 * @example
 * csat([5, 4, 3, 1]); // { score: 50, positive: 2, responses: 4 }
 * csat(['good', 'bad', 'offered', 'good']); // { score: 66.66…, positive: 2, responses: 3 }
 */
export function csat(ratings: readonly CsatRating[], options?: CsatOptions): CsatResult {
  const opts = parseInput(csatOptionsSchema, options ?? {}, 'options');
  const valid = parseInput(csatRatingsSchema, ratings, 'ratings');
  // Any number on the scale: some tools allow half stars. CES and NPS stay whole numbers.
  assertAnswersOnScale(valid, opts.scale, 'ratings', false);
  let positive = 0;
  let responses = 0;
  for (const r of valid) {
    if (r === 'offered' || r === 'unoffered') continue;
    responses++;
    if (r === 'good' || (typeof r === 'number' && r >= opts.positiveAtLeast)) positive++;
  }
  const score = responses === 0 ? null : (positive * 100) / responses;
  return { score, positive, responses };
}
