import { z } from 'zod';
import { MetricInputError } from './errors.ts';
import { parseInput } from './parse-input.ts';

/**
 * One CSAT answer from any source: a Zendesk satisfaction rating (`rating` good / bad, `value`
 * null), or a number on its own scale (`value`, with `scaleMin` / `scaleMax`; both null means 1-5).
 */
export const csatSourceAnswerSchema = z.strictObject({
  value: z.number().nullable(),
  rating: z.enum(['good', 'bad']).nullable(),
  scaleMin: z.number().nullable(),
  scaleMax: z.number().nullable(),
  /** Where the answer came from (`hubspot`, `zendesk`, `ingest`); informative, not used. */
  source: z.string().optional(),
});
export const csatSourceAnswersSchema = z.array(csatSourceAnswerSchema);
export type CsatSourceAnswer = z.input<typeof csatSourceAnswerSchema>;

export const csatAcrossSourcesResultSchema = z.object({
  /** positive / responses x 100 (0-100); null without responses. */
  score: z.number().min(0).max(100).nullable(),
  /** Answers counted: ratings and numeric answers. */
  responses: z.number().int().min(0),
  /** Good ratings plus numeric answers in the top quarter of their scale. */
  positive: z.number().int().min(0),
  /** Zendesk `good` ratings (a part of `positive`). */
  good: z.number().int().min(0),
  /** Zendesk `bad` ratings. */
  bad: z.number().int().min(0),
});
export type CsatAcrossSourcesResult = z.infer<typeof csatAcrossSourcesResultSchema>;

/**
 * The lowest positive answer of a numeric scale: the top quarter, ceil(min + 0.75 x (max - min)).
 * 4 on 1-5 (4-5 positive), 2 on HubSpot's 0-2 (only happy), 6 on 1-7, 8 on 0-10 or 1-10.
 *
 * @example
 * positiveCutOff(1, 5); // 4
 */
export function positiveCutOff(min: number, max: number): number {
  return Math.ceil(min + 0.75 * (max - min));
}

/**
 * CSAT over an account's answers from every source, as one share of positive answers: Zendesk
 * `good` is positive and `bad` is not; a numeric answer is positive at or above the top quarter of
 * its own scale ({@link positiveCutOff}: 4-5 of 1-5, 2 of HubSpot's 0-2 unhappy / neutral / happy,
 * 6-7 of 1-7). A scale defaults to 1-5 when both bounds are null. An answer with neither a value nor
 * a rating is not an answer and is skipped. Refused (MetricInputError naming the field): a value
 * and a rating on the same answer, one scale bound without the other, a scale with min >= max, a
 * value off its scale.
 *
 * @example
 * csatAcrossSources([
 *   { value: null, rating: 'good', scaleMin: null, scaleMax: null },
 *   { value: null, rating: 'bad', scaleMin: null, scaleMax: null },
 *   { value: 2, rating: null, scaleMin: 0, scaleMax: 2 }, // HubSpot "happy"
 *   { value: 5, rating: null, scaleMin: 1, scaleMax: 7 }, // below 6 of 1-7
 * ]); // { score: 50, responses: 4, positive: 2, good: 1, bad: 1 }
 */
export function csatAcrossSources(answers: readonly CsatSourceAnswer[]): CsatAcrossSourcesResult {
  const valid = parseInput(csatSourceAnswersSchema, answers, 'answers');
  return tallyCsat(valid.map((a, i) => ({ answer: a, field: `answers[${i}]` })));
}

/**
 * {@link csatAcrossSources} over parsed answers, each with the field that names it in errors
 * (e.g. `csatAnswers[4]`), so that callers filtering a longer list still name the caller's element.
 */
export function tallyCsat(
  answers: readonly { answer: z.output<typeof csatSourceAnswerSchema>; field: string }[],
): CsatAcrossSourcesResult {
  let responses = 0;
  let positive = 0;
  let good = 0;
  let bad = 0;
  for (const { answer: a, field } of answers) {
    const at = (key: string) => `${field}.${key}`;
    if (a.rating !== null) {
      if (a.value !== null) {
        throw new MetricInputError(at('value'), `${at('value')}: give either a value or a rating, not both`);
      }
      responses++;
      if (a.rating === 'good') {
        good++;
        positive++;
      } else bad++;
      continue;
    }
    if (a.value === null) continue;
    if ((a.scaleMin === null) !== (a.scaleMax === null)) {
      const key = a.scaleMin === null ? 'scaleMin' : 'scaleMax';
      throw new MetricInputError(at(key), `${at(key)}: give both scale bounds or neither (1-5)`);
    }
    const min = a.scaleMin ?? 1;
    const max = a.scaleMax ?? 5;
    if (min >= max)
      throw new MetricInputError(at('scaleMax'), `${at('scaleMax')}: expected scaleMin < scaleMax`);
    if (a.value < min || a.value > max) {
      throw new MetricInputError(at('value'), `${at('value')}: expected a number from ${min} to ${max}`);
    }
    responses++;
    if (a.value >= positiveCutOff(min, max)) positive++;
  }
  const score = responses === 0 ? null : (positive * 100) / responses;
  return { score, responses, positive, good, bad };
}
