import { type AuthProvider, bearerAuth, createApiClient, zendeskTokenAuth } from '@csm/http';
import type { Tenant, TenantCredentials } from '@csm/store';
import {
  createZendeskWebhook,
  deleteZendeskWebhook,
  zendeskBaseUrl,
  zendeskBudgets,
  zendeskRetryPolicy,
} from '@csm/zendesk';
import type { InstallDeps } from './hubspot-install.ts';

/** What a connect did about the tenant's Zendesk webhook (the answer and the page say it). */
export type ZendeskWebhookSetup =
  | { status: 'created'; id: string; url: string }
  | { status: 'not created'; reason: string; url: string };

type ZendeskCredentials = NonNullable<TenantCredentials['zendesk']>;

/** Where Zendesk delivers a tenant's events: `PUBLIC_URL/webhooks/zendesk/{tenant}`. */
export const zendeskWebhookUrl = (publicUrl: string, tenant: string) =>
  `${publicUrl.replace(/\/+$/, '')}/webhooks/zendesk/${encodeURIComponent(tenant)}`;

/** How to call an account with stored credentials (an OAuth token as it is: no refresh here). */
export const zendeskAuthOf = (z: ZendeskCredentials): AuthProvider =>
  z.kind === 'api-token' ? zendeskTokenAuth(z.email, z.token) : bearerAuth(z.accessToken);

const clientFor = (deps: InstallDeps, subdomain: string, auth: AuthProvider) =>
  createApiClient({
    name: 'Zendesk',
    baseUrl: zendeskBaseUrl(deps.config.ZENDESK_API_BASE_URL, subdomain),
    auth,
    policy: zendeskRetryPolicy,
    budgets: zendeskBudgets(),
  });

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Removes the webhook a tenant's Zendesk account has for us (best effort: credentials already
 * revoked cannot, and the admin then deletes it in Admin Center) and forgets its secret, so that
 * deliveries are refused from now on.
 */
export async function removeZendeskWebhook(
  deps: InstallDeps,
  tenant: Tenant,
): Promise<'deleted' | 'gone' | 'none' | { notRemoved: string }> {
  const stored = await deps.store.webhooks.zendeskWebhook(tenant.id);
  await deps.store.webhooks.forgetZendeskWebhook(tenant.id);
  const z = tenant.credentials.zendesk;
  if (!stored?.webhookId || !z) return 'none';
  try {
    return await deleteZendeskWebhook(clientFor(deps, z.subdomain, zendeskAuthOf(z)), stored.webhookId);
  } catch (error) {
    deps.logger.warn(
      { tenant: tenant.name, webhook: stored.webhookId, err: reasonOf(error) },
      'Zendesk webhook not removed',
    );
    return { notRemoved: reasonOf(error) };
  }
}

/**
 * The connect's webhook: the previous one removed, a new one created through the account's API
 * (event subscriptions for ticket, organization and user changes, pointing at
 * `PUBLIC_URL/webhooks/zendesk/{tenant}`) and its signing secret stored encrypted. A token that
 * may not create webhooks leaves the connect working without them (the periodic sync keeps the
 * data fresh) and says why; an admin can still set a secret by hand (`PUT .../webhook-secret`).
 */
export async function setUpZendeskWebhook(
  deps: InstallDeps,
  tenant: Tenant,
  zendesk: ZendeskCredentials,
): Promise<ZendeskWebhookSetup> {
  const url = zendeskWebhookUrl(deps.publicUrl, tenant.name);
  await removeZendeskWebhook(deps, tenant);
  try {
    const { id, signingSecret } = await createZendeskWebhook(
      clientFor(deps, zendesk.subdomain, zendeskAuthOf(zendesk)),
      {
        name: `Success Metrics (${tenant.name})`,
        description: 'Ticket, organization and user changes for Success Metrics',
        endpoint: url,
      },
    );
    await deps.store.webhooks.setZendeskSecret(tenant.id, signingSecret, id);
    return { status: 'created', id, url };
  } catch (error) {
    deps.logger.warn({ tenant: tenant.name, err: reasonOf(error) }, 'Zendesk webhook not created');
    return { status: 'not created', reason: reasonOf(error), url };
  }
}
