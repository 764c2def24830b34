import type { HealthComponent } from '@csm/metrics';
import type { AccountFacts, Store } from '@csm/store';
import { accountCard, dayOf, type EarlierHealth, TREND_DAYS } from './account-card.ts';
import type { AccountCard } from './contract/card.ts';
import { readTenantSettings, type SettingsInForce } from './settings.ts';

const DAY_MS = 86_400_000;

/** What every card of a tenant is computed with: its settings, currency and the instant. */
export interface TenantCardContext {
  tenantId: number;
  settings: SettingsInForce;
  currency: string | null;
  now: Date;
}

interface Warner {
  warn(details: object, message: string): void;
}

/** Loads a tenant's card context (its settings and currency) once for many cards. */
export async function tenantCardContext(
  store: Store,
  tenantId: number,
  now = new Date(),
  logger?: Warner,
): Promise<TenantCardContext> {
  const [settings, tenant] = await Promise.all([
    readTenantSettings(store, tenantId, logger),
    store.tenants.getById(tenantId),
  ]);
  return { tenantId, settings, currency: tenant?.currency ?? null, now };
}

/**
 * The cards of these accounts for their tenant: its health model and windows, license utilization
 * from ingested usage, and the trend against the stored snapshot of 30 days ago (reconstructed from
 * dated facts when there is none). The one place an account's card is computed: the refresh, a card
 * read before the first refresh, `csm report` and the dashboard all come here.
 *
 * @example
 * const ctx = await tenantCardContext(store, tenant.id);
 * const [card] = await cardsOf(store, ctx, await store.accountFacts(tenant.id, '101'));
 */
export async function cardsOf(
  store: Store,
  ctx: TenantCardContext,
  facts: readonly AccountFacts[],
): Promise<AccountCard[]> {
  if (facts.length === 0) return [];
  const ids = facts.map((f) => f.hubspotCompanyId);
  const trendDay = dayOf(new Date(ctx.now.getTime() - TREND_DAYS * DAY_MS));
  const [snapshots, usage] = await Promise.all([
    store.accountMetrics.snapshotsAround(ctx.tenantId, trendDay, ids),
    store.usage.latest(ctx.tenantId, ids),
  ]);
  return facts.map((f) => {
    const snapshot = snapshots.get(f.hubspotCompanyId);
    const earlier: EarlierHealth | null = snapshot
      ? {
          day: snapshot.day,
          score: snapshot.healthScore,
          components: (snapshot.components as HealthComponent[] | null) ?? [],
          basis: 'snapshot',
        }
      : null;
    return accountCard(f, ctx.now, {
      model: ctx.settings.healthModel,
      windows: ctx.settings.windows,
      currency: ctx.currency,
      licenseUtilization: usage.get(f.hubspotCompanyId)?.licenseUtilization ?? null,
      earlier,
    });
  });
}

/** The cards of some accounts of a tenant, computed now (a card read before the first refresh). */
export async function computeCards(
  store: Store,
  tenantId: number,
  companyIds: readonly string[],
  now = new Date(),
): Promise<AccountCard[]> {
  const ctx = await tenantCardContext(store, tenantId, now);
  return cardsOf(store, ctx, await store.accountFacts(tenantId, companyIds));
}

/**
 * Every account's card of a tenant, a batch at a time (bounded memory whatever the portfolio), from
 * the streamed whole-tenant facts read (`store.accountFactsBatches`).
 */
export async function* allCards(
  store: Store,
  ctx: TenantCardContext,
  batchSize = 1000,
): AsyncGenerator<AccountCard[]> {
  for await (const batch of store.accountFactsBatches(ctx.tenantId, batchSize)) {
    yield await cardsOf(store, ctx, batch);
  }
}
