/**
 * Test helpers for the HubSpot after-sync steps: a sandbox on loopback, a tenant registered
 * against it as `csm tenants add` does, a sync + refresh at a chosen time, and the app's
 * properties created in the sandbox portal as an install would.
 */

import { type ApiClient, bearerAuth, createApiClient } from '@csm/http';
import { APP_PROPERTY_GROUP, appPropertyDefinitions, hubspotBudgets, hubspotRetryPolicy } from '@csm/hubspot';
import { createSandbox, type Sandbox, type SandboxOptions } from '@csm/sandbox';
import type { Store, Tenant } from '@csm/store';
import { createLogger, syncTenant } from '@csm/sync';
import type { CliContext } from '../cli/context.ts';
import { addTenant } from '../cli/tenants.ts';
import { loadConfig } from '../config.ts';
import { refreshTenantFigures } from '../sync-jobs/refresh-figures.ts';
import { hubspotClientOf } from '../write-back/hubspot-client.ts';

export const silent = createLogger({ level: 'silent' });

export interface SandboxTenant {
  sandbox: Sandbox;
  ctx: CliContext;
  tenant: Tenant;
  /** A HubSpot client of the tenant, as the after-sync steps build it. */
  hubspot(): Promise<ApiClient>;
  /** A HubSpot client that retries without waiting (failure tests). */
  impatientHubspot(): ApiClient;
  /** An incremental sync, then the refresh of the account figures at `now`. */
  syncAndRefresh(now?: Date): Promise<void>;
  close(): Promise<void>;
}

/** Serves a sandbox and registers a tenant (`acme` unless named) against it in `store`. */
export async function sandboxTenant(
  store: Store,
  options: SandboxOptions,
  name = 'acme',
): Promise<SandboxTenant> {
  const sandbox = createSandbox(options);
  const server = await sandbox.listen();
  const ctx: CliContext = {
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    store,
    logger: silent,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
  };
  const c = sandbox.credentials;
  const tenant = await addTenant(ctx, {
    name,
    hubspotToken: c.hubspotPrivateAppToken,
    zendeskSubdomain: c.zendeskSubdomain,
    zendeskEmail: c.zendeskEmail,
    zendeskToken: c.zendeskApiToken,
  });
  const hubspot = () => hubspotClientOf(store, tenant, { endpoints: ctx.endpoints });
  return {
    sandbox,
    ctx,
    tenant,
    hubspot,
    impatientHubspot: () =>
      createApiClient({
        name: 'HubSpot',
        baseUrl: ctx.endpoints.hubspotBaseUrl,
        auth: bearerAuth(c.hubspotPrivateAppToken),
        policy: { ...hubspotRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
        budgets: hubspotBudgets('private-app'),
      }),
    async syncAndRefresh(now?: Date) {
      const result = await syncTenant({ store, tenant, endpoints: ctx.endpoints, logger: silent });
      if (!result.ok) throw new Error(`sync failed: ${JSON.stringify(result.sources.map((s) => s.error))}`);
      // As after a real sync: the refresh's instant follows everything the sync read.
      const at = now ?? new Date();
      await refreshTenantFigures({ store, logger: silent, now: () => at }, tenant.id);
    },
    close: () => server.close(),
  };
}

/** Creates the app's property group and company properties in the portal, as an install does. */
export async function createAppProperties(hubspot: ApiClient): Promise<void> {
  await hubspot.request({
    method: 'POST',
    path: '/crm/v3/properties/companies/groups',
    json: APP_PROPERTY_GROUP,
  });
  for (const definition of appPropertyDefinitions.companies) {
    await hubspot.request({
      method: 'POST',
      path: '/crm/v3/properties/companies',
      json: { ...definition, groupName: APP_PROPERTY_GROUP.name },
    });
  }
}

/** A writable that keeps what a command prints (`text`). */
export function quietOut(): NodeJS.WriteStream & { text: string } {
  const chunks: string[] = [];
  return {
    isTTY: false,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
    get text() {
      return chunks.join('');
    },
  } as unknown as NodeJS.WriteStream & { text: string };
}
