import { z } from 'zod';
import { finiteOrNull } from './finite-result.ts';
import { parseInput } from './parse-input.ts';
import { mean, percentileOfSorted, sortedAscending } from './stats.ts';

/** Durations in minutes (first reply time, resolution time …): finite and not negative. */
export const responseTimesSchema = z.array(z.number().min(0));

export const responseTimesResultSchema = z.object({
  median: z.number().min(0).nullable(),
  p90: z.number().min(0).nullable(),
  mean: z.number().min(0).nullable(),
  count: z.number().int().min(0),
});
export type ResponseTimesResult = z.infer<typeof responseTimesResultSchema>;

/**
 * Median, 90th percentile and mean of response times in minutes. Percentiles interpolate linearly
 * between the closest ranks (numpy's default, Excel PERCENTILE.INC); no values gives nulls.
 *
 * @example
 * responseTimes([10, 20, 30, 40, 50]);
 * // { median: 30, p90: 46, mean: 30, count: 5 }: p90 rank 0.9 x 4 = 3.6 -> 40 + 0.6 x 10
 */
export function responseTimes(minutes: readonly number[]): ResponseTimesResult {
  const valid = parseInput(responseTimesSchema, minutes, 'minutes');
  const sorted = sortedAscending(valid);
  return {
    median: finiteOrNull(percentileOfSorted(sorted, 50), 'minutes'),
    p90: finiteOrNull(percentileOfSorted(sorted, 90), 'minutes'),
    mean: finiteOrNull(mean(valid), 'minutes'),
    count: valid.length,
  };
}
