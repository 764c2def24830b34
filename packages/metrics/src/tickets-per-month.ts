import { z } from 'zod';
import { finiteResult } from './finite-result.ts';
import { parseInput } from './parse-input.ts';

/** Tickets created inside the window: a whole count. */
export const ticketsInWindowSchema = z.number().int().min(0);
/** The window's length in days: more than 0. */
export const ticketWindowDaysSchema = z.number().positive();

/** Days in the month {@link ticketsPerMonth} reports per: a fixed 30, so months compare. */
export const DAYS_PER_MONTH = 30;

/**
 * Support load as tickets per 30-day month: createdInWindow x 30 / windowDays. A 90-day window
 * with 12 tickets is 4 a month.
 *
 * @example
 * ticketsPerMonth(12, 90); // 4
 * ticketsPerMonth(0, 90); // 0
 */
export function ticketsPerMonth(createdInWindow: number, windowDays: number): number {
  const tickets = parseInput(ticketsInWindowSchema, createdInWindow, 'createdInWindow');
  const days = parseInput(ticketWindowDaysSchema, windowDays, 'windowDays');
  return finiteResult((tickets * DAYS_PER_MONTH) / days, 'windowDays');
}
