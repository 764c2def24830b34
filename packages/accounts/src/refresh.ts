import type { Store } from '@csm/store';
import { dayOf } from './account-card.ts';
import { type AccountCard, accountCardSchema } from './contract/card.ts';
import { allCards, cardsOf, type TenantCardContext, tenantCardContext } from './tenant-cards.ts';

interface Logger {
  warn(details: object, message: string): void;
}

export interface RefreshOptions {
  store: Store;
  tenantId: number;
  now?: Date;
  /** Recompute every account's card, whatever changed. */
  all?: boolean;
  /** Accounts per batch: bounds memory whatever the portfolio's size. */
  batchSize?: number;
  logger?: Logger;
  onBatch?: (done: number) => void;
}

/** Every card (`full`), or only those of the accounts the changes since the last refresh touched. */
export type RefreshMode = 'full' | 'touched';

export interface RefreshResult {
  mode: RefreshMode;
  /** Cards recomputed and stored. */
  accounts: number;
  /** Why every card was recomputed (null for a touched-only refresh). */
  reason: string | null;
}

/**
 * The coverage counts read every record of the tenant (seconds at 100,000 accounts): a touched-only
 * refresh recounts them when the saved ones are older than this, a full refresh always.
 */
const COVERAGE_EVERY_MS = 5 * 60_000;

/** Above this many touched accounts, and a quarter of the portfolio, the set-based full refresh is faster. */
const MANY_TOUCHED = 1000;

/**
 * Recomputes the cards of the accounts whose facts changed since the last refresh (the keys the
 * database captured, migration 013, resolved by the identity rules) and stores them with today's
 * snapshot, a batch at a time; or every card when asked, before the first refresh, on the first
 * refresh of a UTC day (windows slide and day counts move, and each account gets its daily
 * snapshot), after a settings change, or when a change affects every card. Accounts whose company
 * was deleted lose their figures; the coverage counts are saved for the cards (recounted by a
 * touched-only refresh at most every few minutes). Changes written while it runs are left for the
 * next refresh.
 *
 * @example
 * const { mode, accounts } = await refreshAccounts({ store, tenantId: tenant.id });
 */
export async function refreshAccounts(options: RefreshOptions): Promise<RefreshResult> {
  const { store, tenantId } = options;
  const mark = await store.touched.mark(tenantId);
  const ctx = await tenantCardContext(store, tenantId, options.now ?? new Date(), options.logger);
  let reason = await fullRefreshReason(store, ctx, options.all ?? false);
  let ids: string[] = [];
  if (reason === null) {
    const touched = await store.touched.accounts(tenantId, mark);
    ids = touched.companyIds;
    if (touched.all) reason = 'a change affects every card';
    else if (ids.length > MANY_TOUCHED && ids.length * 4 > (await store.countRecords(tenantId, 'companies')))
      reason = 'most accounts changed';
  }
  let accounts = 0;
  // One batch is saved while the next is computed (on PostgreSQL the database works meanwhile).
  let saving: Promise<void> = Promise.resolve();
  const save = async (cards: AccountCard[]) => {
    const rows = cards.map(metricsRow);
    await saving;
    saving = store.accountMetrics.save(tenantId, dayOf(ctx.now), ctx.now, rows).then(() => {
      accounts += rows.length;
      options.onBatch?.(accounts);
    });
    // Awaited with the next batch or at the end; not an unhandled rejection meanwhile.
    saving.catch(() => undefined);
  };
  if (reason === null) {
    const size = options.batchSize ?? 500;
    for (let i = 0; i < ids.length; i += size) {
      const facts = await store.accountFacts(tenantId, ids.slice(i, i + size));
      await save(await cardsOf(store, ctx, facts));
    }
  } else {
    for await (const cards of allCards(store, ctx, options.batchSize)) await save(cards);
  }
  await saving;
  // Every card is current as of this refresh: recomputed (unchanged ones are not written again), or
  // untouched by any change since the last one of the same day.
  await store.accountMetrics.markRefreshed(tenantId, ctx.now);
  if (reason === null) await store.touched.pruneGone(tenantId, ids);
  else {
    await store.accountMetrics.prune(tenantId);
    await store.touched.saveFullRefresh(tenantId, ctx.now);
  }
  await store.touched.consume(tenantId, mark);
  if (reason !== null || (await coverageDue(store, ctx))) {
    // Counts only: cards show how much could not be matched without re-running the identity rules.
    const coverage = await store.coverage(tenantId);
    await store.settings.saveCoverage(
      tenantId,
      Object.fromEntries(Object.entries(coverage).map(([k, v]) => [k, v.count])),
      ctx.now,
    );
  }
  return { mode: reason === null ? 'touched' : 'full', accounts, reason };
}

const metricsRow = (card: AccountCard) => ({
  companyId: card.account.hubspotCompanyId,
  healthScore: card.health.score,
  healthBand: card.health.band,
  // Validated once, here: card requests send the stored text without parsing it again.
  card: accountCardSchema.parse(card),
  components: card.health.components.map(({ gain: _gain, ...c }) => c),
});

async function coverageDue(store: Store, ctx: TenantCardContext): Promise<boolean> {
  const saved = await store.settings.coverage(ctx.tenantId);
  return !saved || Math.abs(ctx.now.getTime() - saved.at.getTime()) >= COVERAGE_EVERY_MS;
}

/** Why the refresh must recompute every card, or null when the touched ones are enough. */
async function fullRefreshReason(store: Store, ctx: TenantCardContext, all: boolean): Promise<string | null> {
  if (all) return 'asked';
  const last = await store.touched.lastFullRefresh(ctx.tenantId);
  if (!last) return 'no cards stored yet';
  if (dayOf(last) !== dayOf(ctx.now)) return 'cards of an earlier day';
  const changedAt = ctx.settings.changedAt;
  if (changedAt && changedAt.getTime() > last.getTime()) return 'settings changed';
  return null;
}
