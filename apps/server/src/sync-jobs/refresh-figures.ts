import { type RefreshResult, refreshAccounts } from '@csm/accounts';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';

export interface RefreshFiguresDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/**
 * Recomputes a tenant's stored account figures (what cards and `csm report` serve): the planner
 * statistics of the tables its new rows went to first (a tenant's first sync would otherwise be
 * read with estimates of a row or two), then the refresh (the touched accounts only, or every one
 * when due or asked with `all`; see `refreshAccounts`). The one place the server, `csm sync`,
 * workers and ingestion call the refresh from.
 *
 * @example
 * const { accounts } = await refreshTenantFigures({ store, logger, now: () => new Date() }, tenant.id);
 */
export async function refreshTenantFigures(
  deps: RefreshFiguresDeps,
  tenantId: number,
  options: { all?: boolean; onBatch?: (done: number) => void } = {},
): Promise<RefreshResult & { analyzed: string[] }> {
  const analyzed = await deps.store.statistics.refresh(tenantId);
  if (analyzed.length) deps.logger.debug({ tenantId, analyzed }, 'planner statistics refreshed');
  const result = await refreshAccounts({
    store: deps.store,
    tenantId,
    now: deps.now(),
    logger: deps.logger,
    ...options,
  });
  return { ...result, analyzed };
}
