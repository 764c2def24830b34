import { MS_PER_DAY, parseInstant } from './iso-instant.ts';

/**
 * Whole days elapsed from `at` to `now` (floor of elapsed 24 h periods), never negative; null
 * when `at` is null (never happened). Whole days keep a health score still within a day: two
 * refreshes of unchanged data on the same day give the same figure. An `at` after `now` (clock
 * skew between systems) gives 0.
 *
 * @example
 * daysSince('2024-03-01T18:00:00Z', '2024-03-03T09:00:00Z'); // 1: 39 hours
 * daysSince(null, '2024-03-03T09:00:00Z'); // null
 */
export function daysSince(at: Date | string | null, now: Date | string): number | null {
  const end = parseInstant(now, 'now');
  if (at === null) return null;
  const t = parseInstant(at, 'at');
  return Math.max(0, Math.floor((end - t) / MS_PER_DAY));
}
