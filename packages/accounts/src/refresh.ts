import type { Store } from '@csm/store';
import { dayOf } from './account-card.ts';
import { accountCardSchema } from './contract/card.ts';
import { allCards, tenantCardContext } from './tenant-cards.ts';

interface Logger {
  warn(details: object, message: string): void;
}

export interface RefreshOptions {
  store: Store;
  tenantId: number;
  now?: Date;
  /** Accounts per batch: bounds memory whatever the portfolio's size. */
  batchSize?: number;
  logger?: Logger;
  onBatch?: (done: number) => void;
}

/**
 * Recomputes every account's card and stores it with today's snapshot, a batch of accounts at a
 * time. Accounts whose company was deleted lose their figures; the coverage counts are saved for
 * the cards.
 *
 * @example
 * await refreshAccounts({ store, tenantId: tenant.id });
 */
export async function refreshAccounts(options: RefreshOptions): Promise<{ accounts: number }> {
  const { store, tenantId } = options;
  const ctx = await tenantCardContext(store, tenantId, options.now ?? new Date(), options.logger);
  let accounts = 0;
  for await (const cards of allCards(store, ctx, options.batchSize)) {
    const rows = cards.map((card) => ({
      companyId: card.account.hubspotCompanyId,
      healthScore: card.health.score,
      healthBand: card.health.band,
      // Validated once, here: card requests send the stored text without parsing it again.
      card: accountCardSchema.parse(card),
      components: card.health.components.map(({ gain: _gain, ...c }) => c),
      report: card.account,
    }));
    await store.accountMetrics.save(tenantId, dayOf(ctx.now), ctx.now, rows);
    accounts += rows.length;
    options.onBatch?.(accounts);
  }
  await store.accountMetrics.prune(tenantId);
  // Counts only: cards show how much could not be matched without re-running the identity rules.
  const coverage = await store.coverage(tenantId);
  await store.settings.saveCoverage(
    tenantId,
    Object.fromEntries(Object.entries(coverage).map(([k, v]) => [k, v.count])),
    ctx.now,
  );
  return { accounts };
}
