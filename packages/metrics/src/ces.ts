import { z } from 'zod';
import { finiteOrNull } from './finite-result.ts';
import { parseInput } from './parse-input.ts';
import { assertAnswersOnScale, checkScaleCutOff, scaleSchema } from './scale.ts';
import { mean } from './stats.ts';

/** CES answers: whole numbers on the options' scale (default 1-7, 7 = very easy). */
export const cesScoresSchema = z.array(z.number());

/**
 * `scale`: answer scale, default 1-7 (Gartner's CES 2.0 agreement scale, 7 = strongly agree it was
 * easy). `easyAtLeast`: answers at or above it count as easy; default 5, required with any other scale.
 */
export const cesOptionsSchema = z
  .strictObject({ scale: scaleSchema.optional(), easyAtLeast: z.number().optional() })
  .superRefine((o, ctx) =>
    checkScaleCutOff(o.scale, o.easyAtLeast, 'easyAtLeast', { min: 1, max: 7 }, 5, ctx),
  )
  .transform((o) => ({ scale: o.scale ?? { min: 1, max: 7 }, easyAtLeast: o.easyAtLeast ?? 5 }));
export type CesOptions = z.input<typeof cesOptionsSchema>;

export const cesResultSchema = z.object({
  /** Mean answer on the scale; null without responses. */
  mean: z.number().nullable(),
  /** Share of answers at or above `easyAtLeast`, 0-100; null without responses. */
  easyShare: z.number().min(0).max(100).nullable(),
  responses: z.number().int().min(0),
});
export type CesResult = z.infer<typeof cesResultSchema>;

/**
 * Customer Effort Score: the mean answer, and the share of "easy" answers (default >= 5 on 1-7).
 *
 * @example
 * ces([7, 6, 5, 2]); // { mean: 5, easyShare: 75, responses: 4 }: (7+6+5+2)/4, 3 of 4 easy
 */
export function ces(scores: readonly number[], options?: CesOptions): CesResult {
  const opts = parseInput(cesOptionsSchema, options ?? {}, 'options');
  const valid = parseInput(cesScoresSchema, scores, 'scores');
  assertAnswersOnScale(valid, opts.scale, 'scores', true);
  const easy = valid.filter((s) => s >= opts.easyAtLeast).length;
  const responses = valid.length;
  return {
    mean: finiteOrNull(mean(valid), 'scores'),
    easyShare: responses === 0 ? null : (easy * 100) / responses,
    responses,
  };
}
