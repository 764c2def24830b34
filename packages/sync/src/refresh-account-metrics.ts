import { type HealthComponent, type HealthModel, healthModelSchema } from '@csm/metrics';
import type { Store } from '@csm/store';
import { type AccountCard, accountCard, dayOf, TREND_DAYS } from './account-card.ts';
import type { Logger } from './logger.ts';

const DAY_MS = 86_400_000;

export interface RefreshOptions {
  store: Store;
  tenantId: number;
  now?: Date;
  /** Accounts per batch: bounds memory whatever the portfolio's size. */
  batchSize?: number;
  /** Per account, active users / licensed seats x 100 (ingested usage), when known. */
  licenseUtilization?: (companyIds: readonly string[]) => Promise<Map<string, number>>;
  logger?: Logger;
  onBatch?: (done: number) => void;
}

/** The tenant's health model: its saved one when valid, else the default (and a warning). */
export async function tenantHealthModel(
  store: Store,
  tenantId: number,
  logger?: Logger,
): Promise<HealthModel | undefined> {
  const saved = await store.settings.healthModel(tenantId);
  if (saved === null) return undefined;
  const parsed = healthModelSchema.safeParse(saved);
  if (parsed.success) return parsed.data;
  logger?.warn(
    { tenantId, issue: parsed.error.issues[0]?.message },
    'saved health model is invalid; using the default',
  );
  return undefined;
}

/**
 * Recomputes every account's card after a sync and stores it with today's snapshot, a batch of
 * accounts at a time (each batch: the facts' four set-based reads, one snapshot read, two writes).
 * The trend compares with the stored snapshot of 30 days ago, or a reconstruction from dated
 * facts when there is none yet. Accounts whose company was deleted lose their figures.
 *
 * @example
 * await refreshAccountMetrics({ store, tenantId: tenant.id });
 */
export async function refreshAccountMetrics(options: RefreshOptions): Promise<{ accounts: number }> {
  const { store, tenantId } = options;
  const now = options.now ?? new Date();
  const model = await tenantHealthModel(store, tenantId, options.logger);
  const trendDay = dayOf(new Date(now.getTime() - TREND_DAYS * DAY_MS));
  let accounts = 0;
  for await (const batch of store.accountFactsBatches(tenantId, options.batchSize ?? 500)) {
    const ids = batch.map((f) => f.hubspotCompanyId);
    const [snapshots, utilization] = await Promise.all([
      store.accountMetrics.snapshotsAround(tenantId, trendDay, ids),
      options.licenseUtilization?.(ids) ?? Promise.resolve(new Map<string, number>()),
    ]);
    const rows = batch.map((facts) => {
      const snapshot = snapshots.get(facts.hubspotCompanyId);
      const card: AccountCard = accountCard(facts, now, {
        ...(model ? { model } : {}),
        licenseUtilization: utilization.get(facts.hubspotCompanyId) ?? null,
        earlier: snapshot
          ? {
              day: snapshot.day,
              score: snapshot.healthScore,
              components: (snapshot.components as HealthComponent[] | null) ?? [],
              basis: 'snapshot',
            }
          : null,
      });
      return {
        companyId: facts.hubspotCompanyId,
        healthScore: card.health.score,
        healthBand: card.health.band,
        card,
        components: card.health.components.map(({ gain: _gain, ...c }) => c),
        report: card.account,
      };
    });
    await store.accountMetrics.save(tenantId, dayOf(now), now, rows);
    accounts += rows.length;
    options.onBatch?.(accounts);
  }
  await store.accountMetrics.prune(tenantId);
  // Counts only: cards show how much could not be matched without re-running the identity rules.
  const coverage = await store.coverage(tenantId);
  await store.settings.saveCoverage(
    tenantId,
    Object.fromEntries(Object.entries(coverage).map(([k, v]) => [k, v.count])),
    now,
  );
  return { accounts };
}
