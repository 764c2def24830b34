import { z } from 'zod';
import { ticketStatusSchema } from './fcr.ts';
import { parseInput } from './parse-input.ts';

/** A ticket as the one-touch flag reads it; null counts mean the ticket has no metric set. */
export const oneTouchTicketSchema = z.strictObject({
  status: ticketStatusSchema,
  /** Public agent replies (Zendesk ticket metric `replies`); null without a metric set. */
  replies: z.number().int().min(0).nullable(),
  /** Solved -> open transitions (Zendesk ticket metric `reopens`); null without a metric set. */
  reopens: z.number().int().min(0).nullable(),
});
export type OneTouchTicket = z.input<typeof oneTouchTicketSchema>;

/**
 * Whether a ticket was resolved on first contact, the per-ticket view of {@link fcr} (strict
 * variant) so that the flags of a list always reconcile with its FCR: count(true) / count(non-null)
 * x 100 = fcr(...).rate. Null when the ticket is not in FCR's denominator: no metric set, not
 * solved or closed, or solved without any reply (merged, spam, auto-closed). True with exactly one
 * reply and no reopen; false otherwise.
 *
 * @example
 * oneTouch({ status: 'solved', replies: 1, reopens: 0 }); // true
 * oneTouch({ status: 'solved', replies: 0, reopens: 0 }); // null: never answered
 * oneTouch({ status: 'closed', replies: 1, reopens: 1 }); // false: reopened
 */
export function oneTouch(ticket: OneTouchTicket): boolean | null {
  const t = parseInput(oneTouchTicketSchema, ticket, 'ticket');
  if (t.replies === null || t.reopens === null) return null;
  if (t.status !== 'solved' && t.status !== 'closed') return null;
  if (t.replies < 1) return null;
  return t.replies === 1 && t.reopens === 0;
}
