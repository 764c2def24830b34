import { accountCard, factsAt, readTenantSettings, type TenantSettings } from '@csm/accounts';
import type { Store } from '@csm/store';

const DAY_MS = 86_400_000;
const dayText = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The days a new tenant's history is reconstructed for: each month end of the `months` months
 * before `now`, and every day of the last `dailyDays` (oldest first, today excluded: today's
 * snapshot is the refresh's own).
 */
export function historyDays(now: Date, months: number, dailyDays: number): string[] {
  const days = new Set<string>();
  for (let i = months; i >= 1; i--)
    days.add(dayText(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 0))));
  for (let i = dailyDays; i >= 1; i--) days.add(dayText(new Date(now.getTime() - i * DAY_MS)));
  return [...days].sort();
}

/**
 * Daily snapshots are the dashboard's history (band distribution, score ledger, backtest), and a
 * tenant connected today has none. This reconstructs them from dated records, with the card
 * function, as each account stood at the end of each day of {@link historyDays}: answers given,
 * tickets opened and subscriptions started by then (reply counts and usage are today's, so these
 * are estimates). A day that already has an account's snapshot keeps it.
 *
 * @example
 * await reconstructHistory(store, tenant.id, { now: new Date(), months: 18, dailyDays: 90 });
 */
export async function reconstructHistory(
  store: Store,
  tenantId: number,
  options: { now: Date; months: number; dailyDays: number; settings?: TenantSettings },
): Promise<{ days: number; written: number }> {
  const settings = options.settings ?? (await readTenantSettings(store, tenantId));
  const currency = (await store.tenants.getById(tenantId))?.currency ?? null;
  const days = historyDays(options.now, options.months, options.dailyDays);
  let written = 0;
  for await (const batch of store.accountFactsBatches(tenantId, 500)) {
    for (const day of days) {
      const at = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1);
      const earlier = { day, score: null, components: [], basis: 'snapshot' as const };
      const rows = batch.flatMap((facts) => {
        const then = factsAt(facts, at);
        // Not a customer yet, and no one had written in: the account has no history that day.
        const known =
          then.subscriptions.length > 0 ||
          then.tickets.length > 0 ||
          then.npsScores.length + then.csatAnswers.length + then.cesScores.length > 0;
        if (!known) return [];
        const card = accountCard(then, at, {
          model: settings.healthModel,
          windows: settings.windows,
          currency,
          earlier,
        });
        return [
          {
            companyId: facts.hubspotCompanyId,
            healthScore: card.health.score,
            healthBand: card.health.band,
            components: card.health.components.map(({ gain: _gain, ...c }) => c),
          },
        ];
      });
      written += await store.pastSnapshots.save(tenantId, day, rows);
    }
  }
  return { days: days.length, written };
}
