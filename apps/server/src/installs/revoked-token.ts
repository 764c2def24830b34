import { ApiError, createApiClient } from '@csm/http';
import { hubspotBudgets, hubspotRetryPolicy, refreshHubSpotToken } from '@csm/hubspot';
import type { Store, Tenant } from '@csm/store';
import type { Logger } from '@csm/sync';
import type { Config } from '../config.ts';

/**
 * Uninstall detection, second line: the webhooks journal tells uninstalls
 * (lifecycle/journal-poller.ts), and uninstalling also revokes the app's tokens: the refresh token then answers 400 (`BAD_REFRESH_TOKEN`, OAuth's `invalid_grant`).
 * So when a sync of an OAuth tenant fails on the HubSpot side, we try one refresh: refused means
 * the install is gone and the tenant is paused (kept, not synced, cards answer 404) until a
 * reinstall reactivates it; accepted means the failure was something else, and the fresh tokens
 * are kept.
 */
export async function checkHubSpotGrant(
  deps: { store: Store; config: Config; logger: Logger },
  tenantId: number,
): Promise<'paused' | 'valid' | 'not-oauth' | 'unknown'> {
  const tenant = await deps.store.tenants.getById(tenantId);
  if (tenant?.credentials.hubspot.kind !== 'oauth') return 'not-oauth';
  const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret } = deps.config;
  if (!clientId || !clientSecret) return 'unknown';
  const client = createApiClient({
    name: 'HubSpot',
    baseUrl: deps.config.HUBSPOT_API_BASE_URL,
    policy: hubspotRetryPolicy,
    budgets: hubspotBudgets('oauth'),
  });
  const { hubspot } = tenant.credentials;
  try {
    const tokens = await refreshHubSpotToken(
      client,
      { clientId, clientSecret, redirectUri: '' },
      hubspot.refreshToken,
    );
    await deps.store.tenants.updateCredentials(tenant.id, {
      ...tenant.credentials,
      hubspot: {
        kind: 'oauth',
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken ?? hubspot.refreshToken,
        expiresAt: tokens.expiresAt ?? '',
      },
    });
    return 'valid';
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 401)) {
      await pauseTenant(
        deps,
        tenant,
        `HubSpot refused the refresh token (app uninstalled?): ${error.message}`,
      );
      return 'paused';
    }
    return 'unknown';
  }
}

/**
 * Pauses a tenant whose grant HubSpot refused: an uninstall the journal did not tell (or not yet).
 * Its data stays, syncs and cards stop until a reinstall; its grace period starts now.
 */
export async function pauseTenant(deps: { store: Store; logger: Logger }, tenant: Tenant, reason: string) {
  if (!(await deps.store.lifecycle.markUninstalled(tenant.id, new Date())))
    await deps.store.tenants.setStatus(tenant.id, 'paused');
  deps.logger.warn({ tenant: tenant.name, reason }, 'tenant paused');
}
