import type { Store, Tenant } from '@csm/store';
import { type ApiEndpoints, type Logger, type SyncResult, syncTenant } from '@csm/sync';
import type { Config } from '../config.ts';
import type { RunTenantSync } from './sync-scheduler.ts';

/** The OAuth apps of the configuration, for token refreshes (redirect URIs are not needed to refresh). */
export function oauthApps(config: Config) {
  const app = (id?: string, secret?: string) =>
    id && secret ? { clientId: id, clientSecret: secret, redirectUri: '' } : undefined;
  return {
    hubspot: app(config.HUBSPOT_CLIENT_ID, config.HUBSPOT_CLIENT_SECRET),
    zendesk: app(config.ZENDESK_CLIENT_ID, config.ZENDESK_CLIENT_SECRET),
  };
}

export function endpointsOf(config: Config): ApiEndpoints {
  return { hubspotBaseUrl: config.HUBSPOT_API_BASE_URL, zendeskBaseUrlTemplate: config.ZENDESK_API_BASE_URL };
}

export interface TenantSyncDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /** What follows the sync (the after-sync pipeline); it reports failures itself. */
  afterSync: (tenant: Tenant, result: SyncResult) => Promise<unknown>;
  /** Multiplies the built-in rate budgets (the demo's sandbox runs without limits). */
  budgetScale?: number;
  /** Where a tenant's APIs are; default: the configuration's (tests simulate one host per tenant). */
  endpointsOf?: (tenant: Tenant) => ApiEndpoints;
  onResult?: (tenant: Tenant, result: SyncResult, seconds: number) => void;
}

/** One scheduled sync: the engine over the tenant's streams, then the after-sync pipeline. */
export function tenantSyncRunner(
  deps: TenantSyncDeps,
): (...args: Parameters<RunTenantSync>) => Promise<SyncResult> {
  return async (tenant, request) => {
    const started = performance.now();
    const result = await syncTenant({
      store: deps.store,
      tenant,
      full: request.full ?? false,
      ...(request.only ? { only: request.only } : {}),
      endpoints: deps.endpointsOf?.(tenant) ?? endpointsOf(deps.config),
      apps: oauthApps(deps.config),
      ...(deps.budgetScale ? { budgetScale: deps.budgetScale } : {}),
      logger: deps.logger,
    });
    deps.onResult?.(tenant, result, (performance.now() - started) / 1000);
    await deps.afterSync(tenant, result);
    return result;
  };
}
