import { withinWindow } from '@csm/metrics';
import type { AccountCard } from './contract/card.ts';
import type { Windows } from './contract/report.ts';

/** The default windows (docs/metrics.md, "Windows"); a tenant may change them in its settings. */
export const defaultWindows: Windows = {
  npsDays: 365,
  csatDays: 90,
  cesDays: 90,
  fcrDays: 90,
  firstReplyDays: 90,
};

/**
 * The windows a card was computed with. For a card that holds (computed after the tenant's
 * settings last changed) these are the windows in force, without reading the settings.
 */
export const windowsOfCard = (card: AccountCard): Windows => ({
  npsDays: card.nps.windowDays,
  csatDays: card.csat.windowDays,
  cesDays: card.ces.windowDays,
  fcrDays: card.fcr.windowDays,
  firstReplyDays: card.firstReply.windowDays,
});

/** Ticket load (tickets per month) always looks back this many days. */
export const TICKET_LOAD_DAYS = 90;

/**
 * The values whose instants fall in the window of `days` before `now` (half-open, UTC). Values
 * without instants (hand-built facts) all count.
 */
export function inWindow<T>(
  values: readonly T[],
  instants: readonly Date[] | undefined,
  now: Date,
  days: number,
): T[] {
  if (!instants) return [...values];
  return values.filter((_, i) => {
    const at = instants[i];
    return at !== undefined && withinWindow(at, now, days);
  });
}
