import type { ApiClient } from '@csm/http';
import type { Store, Tenant } from '@csm/store';
import { type ApiEndpoints, type ClientOptions, tenantClients } from '@csm/sync';

/**
 * The tenant's HubSpot client for the after-sync steps (write-back, playbooks): credentials
 * re-read, since a sync may have refreshed them. Both steps of one sync share it, so their
 * requests spend from one rate budget.
 */
export async function hubspotClientOf(
  store: Store,
  tenant: Tenant,
  options: { endpoints: ApiEndpoints; apps?: ClientOptions['apps']; budgetScale?: number },
): Promise<ApiClient> {
  const current = (await store.tenants.getById(tenant.id)) ?? tenant;
  return tenantClients(store, current, {
    endpoints: options.endpoints,
    ...(options.apps ? { apps: options.apps } : {}),
    ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
  }).hubspot;
}
