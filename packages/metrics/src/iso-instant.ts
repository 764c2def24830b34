import { z } from 'zod';
import { parseInput } from './parse-input.ts';

// Offset-less date-times are read as UTC on purpose: `new Date('2024-04-01T00:00')` would use the
// machine's time zone, and metrics must not depend on where they run.
const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads an ISO 8601 calendar date or date-time as epoch milliseconds, in UTC unless it carries an
 * offset. Returns null for anything else, including impossible dates such as `2023-02-29`.
 *
 * @example
 * parseIsoInstant('2024-04-01'); // 1711929600000 (2024-04-01T00:00:00Z)
 * parseIsoInstant('2024-04-01T02:00:00+02:00'); // the same instant
 */
export function parseIsoInstant(text: string): number | null {
  const m = isoPattern.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC maps years 0-99 to 1900-1999, so set the full year explicitly.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const millis = Number(frac.padEnd(3, '0').slice(0, 3));
  date.setUTCHours(hour, minute, second, millis);
  let offsetMinutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return date.getTime() - offsetMinutes * 60_000;
}

/**
 * An instant given as an ISO 8601 string (UTC unless it has an offset) or a valid `Date`;
 * parses to epoch milliseconds.
 */
export const instantSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const ms = typeof value === 'string' ? parseIsoInstant(value) : value.getTime();
  if (ms === null || Number.isNaN(ms)) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'Expected an ISO 8601 date or date-time in UTC, e.g. 2024-04-01 or 2024-04-01T00:00:00Z',
    });
    return z.NEVER;
  }
  return ms;
});
/**
 * An instant input as epoch milliseconds, or a metric input error naming `root`: what
 * `parseInput(instantSchema, value, root)` returns, with a valid `Date` read directly (the metrics
 * take many dates per account, and the schema's union and transform cost more than the metric).
 *
 * @example
 * parseInstant(new Date('2024-04-01T00:00:00Z'), 'now'); // 1711929600000
 */
export function parseInstant(value: unknown, root: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!Number.isNaN(ms)) return ms;
  }
  return parseInput(instantSchema, value, root);
}

/** What callers may pass for an instant: an ISO 8601 string or a `Date`. */
export type InstantInput = z.input<typeof instantSchema>;

/** A calendar month as `YYYY-MM`. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM, e.g. 2024-04');

/**
 * The UTC bounds of a `YYYY-MM` month as epoch milliseconds: `[start, end)`, end being the first
 * instant of the next month. The string must already be valid.
 *
 * @example
 * monthBounds('2024-02'); // { start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) }
 */
export function monthBounds(month: string): { start: number; end: number } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const start = new Date(0);
  start.setUTCFullYear(year, index, 1);
  const end = new Date(0);
  end.setUTCFullYear(year, index + 1, 1);
  return { start: start.getTime(), end: end.getTime() };
}

/** Milliseconds in a day; durations in days are plain elapsed time, with no calendar rules. */
export const MS_PER_DAY = 86_400_000;
