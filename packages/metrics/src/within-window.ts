import { z } from 'zod';
import { MS_PER_DAY, parseInstant } from './iso-instant.ts';
import { parseInput } from './parse-input.ts';

/** A window length in days: finite and not negative (0 is an empty window); may be fractional. */
export const windowDaysSchema = z.number().min(0);

/**
 * The first instant of the window of `days` days ending at `now`: now - days x 86 400 000 ms.
 * Days are elapsed time (24 h), not calendar days, so the window does not depend on time zones.
 *
 * @example
 * windowStart('2024-04-01T12:00:00Z', 90); // 2024-01-02T12:00:00.000Z
 */
export function windowStart(now: Date | string, days: number): Date {
  const end = parseInstant(now, 'now');
  const length = parseInput(windowDaysSchema, days, 'days');
  return new Date(end - length * MS_PER_DAY);
}

/**
 * Whether `at` lies in the half-open window [now - days x 86 400 000 ms, now): the window's first
 * instant is in it, `now` itself is not (an answer given at the instant of the refresh counts
 * from the next refresh on).
 *
 * @example
 * withinWindow('2024-01-02T12:00:00Z', '2024-04-01T12:00:00Z', 90); // true: the first instant
 * withinWindow('2024-04-01T12:00:00Z', '2024-04-01T12:00:00Z', 90); // false: now is excluded
 */
export function withinWindow(at: Date | string, now: Date | string, days: number): boolean {
  const t = parseInstant(at, 'at');
  const end = parseInstant(now, 'now');
  const length = parseInput(windowDaysSchema, days, 'days');
  return t >= end - length * MS_PER_DAY && t < end;
}
