/**
 * The HubSpot after-sync steps (write-back, then playbooks), run after the refresh. Both steps of
 * one sync share one HubSpot client, so their requests spend from one rate budget.
 */
import type { ApiClient } from '@csm/http';
import type { Store, Tenant } from '@csm/store';
import {
  type ApiEndpoints,
  type ClientOptions,
  type Logger,
  type SyncResult,
  tenantClients,
} from '@csm/sync';
import type { Config } from '../config.ts';
import { runPlaybooks } from '../playbooks/playbooks.ts';
import type { AfterSync } from '../sync-jobs/run-tenant-sync.ts';
import { endpointsOf, oauthApps } from '../sync-jobs/run-tenant-sync.ts';
import { writeBackCompanyProperties } from './write-back.ts';

export interface HubSpotStepsDeps {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
  budgetScale?: number;
}

/** The tenant's HubSpot client for the client options of the configuration (credentials re-read: a sync may have refreshed them). */
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

/**
 * `[writeBack, playbooks]` after-sync steps. Each logs what it did; a failure is thrown to the
 * runner, which logs it and goes on with the next step.
 */
export function hubspotAfterSyncSteps(deps: HubSpotStepsDeps): AfterSync[] {
  const clients = new WeakMap<SyncResult, Promise<ApiClient>>();
  const clientFor = (tenant: Tenant, result: SyncResult) => {
    let client = clients.get(result);
    if (!client) {
      client = hubspotClientOf(deps.store, tenant, {
        endpoints: endpointsOf(deps.config),
        apps: oauthApps(deps.config),
        ...(deps.budgetScale ? { budgetScale: deps.budgetScale } : {}),
      });
      clients.set(result, client);
    }
    return client;
  };
  const writeBack: AfterSync = async (tenant, result) => {
    const outcome = await writeBackCompanyProperties({
      store: deps.store,
      tenantId: tenant.id,
      hubspot: await clientFor(tenant, result),
      now: deps.now,
      logger: deps.logger,
    });
    deps.logger.info({ tenant: tenant.name, ...outcome }, 'HubSpot write-back');
  };
  const playbooks: AfterSync = async (tenant, result) => {
    const outcome = await runPlaybooks({
      store: deps.store,
      tenantId: tenant.id,
      hubspot: await clientFor(tenant, result),
      now: deps.now(),
      logger: deps.logger,
    });
    deps.logger.info(
      {
        tenant: tenant.name,
        created: outcome.created.length,
        failed: outcome.failed,
        stopped: outcome.stopped,
      },
      'playbooks',
    );
  };
  return [writeBack, playbooks];
}
