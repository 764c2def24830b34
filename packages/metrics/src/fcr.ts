import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** Zendesk ticket statuses (HubSpot tickets are mapped onto the same set). */
export const ticketStatusSchema = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const fcrTicketSchema = z.strictObject({
  status: ticketStatusSchema,
  /** Public agent replies on the ticket (Zendesk ticket metric `replies`). */
  replies: z.number().int().min(0),
  /** Times the ticket went from solved back to open (Zendesk ticket metric `reopens`). */
  reopens: z.number().int().min(0),
});
export const fcrTicketsSchema = z.array(fcrTicketSchema);
export type FcrTicket = z.infer<typeof fcrTicketSchema>;

export const fcrOptionsSchema = z.strictObject({
  /**
   * `strict` (default): solved = solved/closed with at least one reply; resolved on first contact =
   * exactly one reply and never reopened. `explore`: Zendesk Explore's one-touch tickets, solved =
   * solved/closed, resolved = fewer than two replies (reopens ignored).
   */
  variant: z.enum(['strict', 'explore']).default('strict'),
});
export type FcrOptions = z.input<typeof fcrOptionsSchema>;

export const fcrResultSchema = z.object({
  /** firstContactResolved / solved x 100 (0-100); null when nothing is solved. */
  rate: z.number().min(0).max(100).nullable(),
  firstContactResolved: z.number().int().min(0),
  solved: z.number().int().min(0),
});
export type FcrResult = z.infer<typeof fcrResultSchema>;

/**
 * First contact resolution: the share of solved tickets resolved with a single agent reply.
 * Deleted and unsolved tickets count nowhere.
 *
 * @example
 * fcr([
 *   { status: 'solved', replies: 1, reopens: 0 }, // first contact
 *   { status: 'closed', replies: 1, reopens: 1 }, // reopened: not first contact
 *   { status: 'solved', replies: 3, reopens: 0 },
 *   { status: 'open', replies: 1, reopens: 0 }, // not solved
 * ]); // { rate: 33.33…, firstContactResolved: 1, solved: 3 }
 */
export function fcr(tickets: readonly FcrTicket[], options?: FcrOptions): FcrResult {
  const { variant } = parseInput(fcrOptionsSchema, options ?? {}, 'options');
  const valid = parseInput(fcrTicketsSchema, tickets, 'tickets');
  let solved = 0;
  let firstContactResolved = 0;
  for (const t of valid) {
    if (t.status !== 'solved' && t.status !== 'closed') continue;
    if (variant === 'explore') {
      // Explore's "One-touch tickets": solved tickets with 0 or 1 agent replies, whatever happened after.
      solved++;
      if (t.replies < 2) firstContactResolved++;
    } else {
      // A ticket solved without any reply was not resolved by contact at all (merged, spam, auto-closed),
      // so strict leaves it out of the denominator rather than counting it as a success or a failure.
      if (t.replies < 1) continue;
      solved++;
      if (t.replies === 1 && t.reopens === 0) firstContactResolved++;
    }
  }
  const rate = solved === 0 ? null : (firstContactResolved * 100) / solved;
  return { rate, firstContactResolved, solved };
}
