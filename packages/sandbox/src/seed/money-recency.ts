/**
 * The portal's money and its companies' last touch: every deal carries the portal's currency
 * (`deal_currency_code`), and most companies a `notes_last_contacted` (the last call, email or
 * meeting logged on them) within the 120 days before the anchor. Drawn from streams of their own,
 * so the rest of the seed is the same whatever these add.
 */
import { isoMs } from '../clock.ts';
import { chance, streamRng } from '../random.ts';
import { between, DAY, type Seeded } from './context.ts';

/** Share of companies with a logged call, email or meeting. */
export const LAST_CONTACTED_SHARE = 0.85;
/** How far back the last touch may lie. */
export const LAST_CONTACTED_DAYS = 120;

export function stampMoneyAndRecency(
  out: Seeded,
  options: { seed: number; latest: number; currency: string },
): void {
  for (const deal of out.hubspot.deals) deal.p.deal_currency_code = options.currency;
  out.hubspot.companies.forEach((company, i) => {
    const rng = streamRng(options.seed, 'last-contacted', i);
    if (!chance(rng, LAST_CONTACTED_SHARE)) return;
    const from = Math.max(company.created, options.latest - LAST_CONTACTED_DAYS * DAY);
    company.p.notes_last_contacted = isoMs(between(rng, from, options.latest));
  });
}
