import { z } from 'zod';
import { finiteOrNull } from './finite-result.ts';
import { parseInput } from './parse-input.ts';

/**
 * Arithmetic mean; null for no values.
 *
 * @example
 * mean([1, 2, 6]); // 3
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Percentile `p` (0-100) of values already sorted ascending, by linear interpolation between the
 * closest ranks: rank h = (n - 1) x p / 100, value = x[floor h] + (h - floor h) x (x[floor h + 1] - x[floor h]).
 * This is numpy's default and Excel's PERCENTILE.INC, so figures match what analysts reproduce.
 *
 * @example
 * percentileOfSorted([1, 2, 3, 4], 50); // 2.5
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // rank h = (n - 1) x p / 100 kept as the numerator (n - 1) x p: for a whole p its fractional part
  // is an exact integer / 100, so p90 of [10, 20, 60, 120] is 60 + 70 x 60 / 100 = 102 exactly.
  const scaled = (n - 1) * p;
  const lo = Math.min(Math.floor(scaled / 100), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // a === b short-cuts so equal neighbours never pick up rounding noise.
  return a === b ? a : a + ((scaled - lo * 100) * (b - a)) / 100;
}

/**
 * Numbers sorted ascending without touching the caller's array.
 *
 * @example
 * sortedAscending([3, 1, 2]); // [1, 2, 3]
 */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The values and percentile accepted by {@link percentile}. */
export const percentileValuesSchema = z.array(z.number());
export const percentileRankSchema = z.number().min(0).max(100);

/**
 * Percentile `p` (0-100) by linear interpolation between closest ranks (numpy default,
 * Excel PERCENTILE.INC); null for no values.
 *
 * @example
 * percentile([1, 2, 3, 4], 50); // 2.5
 * percentile([10, 20, 30, 40, 50], 90); // 46: rank 0.9 x 4 = 3.6, 40 + 0.6 x (50 - 40)
 */
export function percentile(values: readonly number[], p: number): number | null {
  const xs = parseInput(percentileValuesSchema, values, 'values');
  const rank = parseInput(percentileRankSchema, p, 'p');
  return finiteOrNull(percentileOfSorted(sortedAscending(xs), rank), 'values');
}
