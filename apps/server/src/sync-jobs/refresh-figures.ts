import type { Store } from '@csm/store';
import { type Logger, refreshAccountMetrics } from '@csm/sync';

/**
 * Per account, license utilization (active users / licensed seats x 100) on its latest day of
 * ingested usage: the `licenseUtilization` reader that the refresh takes.
 */
export function licenseUtilizationReader(store: Store, tenantId: number) {
  return async (companyIds: readonly string[]): Promise<Map<string, number>> => {
    const latest = await store.usage.latest(tenantId, companyIds);
    const out = new Map<string, number>();
    for (const [id, u] of latest) if (u.licenseUtilization !== null) out.set(id, u.licenseUtilization);
    return out;
  };
}

export interface RefreshFiguresDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/**
 * Recomputes a tenant's stored account figures (what cards and `csm report` serve): the planner
 * statistics of the tables its new rows went to first (a tenant's first sync would otherwise be
 * read with estimates of a row or two), then the refresh. The one place the server, `csm sync`,
 * workers and ingestion call the refresh from.
 *
 * @example
 * const { accounts } = await refreshTenantFigures({ store, logger, now: () => new Date() }, tenant.id);
 */
export async function refreshTenantFigures(
  deps: RefreshFiguresDeps,
  tenantId: number,
): Promise<{ accounts: number; analyzed: string[] }> {
  const analyzed = await deps.store.statistics.refresh(tenantId);
  if (analyzed.length) deps.logger.debug({ tenantId, analyzed }, 'planner statistics refreshed');
  const { accounts } = await refreshAccountMetrics({
    store: deps.store,
    tenantId,
    now: deps.now(),
    logger: deps.logger,
    licenseUtilization: licenseUtilizationReader(deps.store, tenantId),
  });
  return { accounts, analyzed };
}
