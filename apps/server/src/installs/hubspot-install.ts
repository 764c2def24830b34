import { ApiError, bearerAuth, createApiClient } from '@csm/http';
import {
  ensureLifecycleSubscription,
  exchangeHubSpotCode,
  type HubSpotApp,
  hubspotBudgets,
  hubspotRetryPolicy,
  journalClient,
  readPortalDetails,
} from '@csm/hubspot';
import type { Tenant } from '@csm/store';
import type { AppDeps } from '../app-deps.ts';
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';
import { ensureAppProperties, type PropertySetup } from './hubspot-properties.ts';

/** The scopes the app asks for: those of apps/hubspot-app's app-hsmeta.json (required, then optional). */
export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.contacts.read',
  'crm.objects.deals.read',
  'tickets',
  'crm.objects.owners.read',
  'crm.objects.companies.write',
  'crm.schemas.companies.write',
  'crm.schemas.deals.write',
] as const;
export const HUBSPOT_OPTIONAL_SCOPES = ['crm.objects.feedback_submissions.read'] as const;

export type InstallDeps = Pick<AppDeps, 'config' | 'store' | 'scheduler' | 'logger' | 'publicUrl' | 'now'>;

/** `PUBLIC_URL/oauth/{api}/callback`: the redirect URI registered with the app (as `oauthCallback` in cli/sync.ts). */
export const callbackUrl = (publicUrl: string, api: 'hubspot' | 'zendesk') =>
  `${publicUrl.replace(/\/+$/, '')}/oauth/${api}/callback`;

/** Where HubSpot delivers the project's webhooks: the component's `targetUrl`. */
export const hubspotWebhookUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/webhooks/hubspot`;

/** The public app's OAuth client, or a 503 naming what to set. */
export function hubspotApp(config: Config, publicUrl: string): HubSpotApp {
  if (!config.HUBSPOT_CLIENT_ID || !config.HUBSPOT_CLIENT_SECRET)
    throw new AppError('unavailable', 'HubSpot installs need HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET');
  return {
    clientId: config.HUBSPOT_CLIENT_ID,
    clientSecret: config.HUBSPOT_CLIENT_SECRET,
    redirectUri: callbackUrl(publicUrl, 'hubspot'),
  };
}

/**
 * HubSpot's consent screen: `HUBSPOT_AUTHORIZE_URL` (else HUBSPOT_API_BASE_URL when overridden,
 * as the sandbox serves both, else https://app.hubspot.com) + `/oauth/authorize`.
 * https://developers.hubspot.com/docs/api/oauth-quickstart-guide
 */
export function hubspotAuthorizeUrl(config: Config, app: HubSpotApp, state: string): string {
  const base =
    config.HUBSPOT_AUTHORIZE_URL ??
    (config.HUBSPOT_API_BASE_URL === 'https://api.hubapi.com'
      ? 'https://app.hubspot.com'
      : config.HUBSPOT_API_BASE_URL);
  const url = new URL(`${base.replace(/\/+$/, '')}/oauth/authorize`);
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
  url.searchParams.set('optional_scope', HUBSPOT_OPTIONAL_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

export interface InstallResult {
  tenant: Tenant;
  created: boolean;
  reactivated: boolean;
  properties: PropertySetup;
  /** Whether uninstalls of the portal reach the server through HubSpot's webhooks journal. */
  lifecycle: { status: 'subscribed' } | { status: 'skipped'; reason: string };
}

/**
 * The end of a HubSpot install: exchanges the code, reads the portal (and its currency), creates
 * or reactivates the portal's tenant with the OAuth tokens (encrypted by the store), creates the
 * app's properties, subscribes the portal's install and uninstall events in HubSpot's webhooks
 * journal (the app's client-credentials token), and starts the backfill (not awaited). A reinstall
 * within an uninstall's grace period resumes the tenant with its data. Change notifications need nothing
 * here: the project's webhooks component (apps/hubspot-app, `webhooks/webhooks-hsmeta.json`)
 * subscribes every install to them, delivered to `PUBLIC_URL/webhooks/hubspot`.
 *
 * @example
 * const { tenant } = await installHubSpot(deps, code); // tenant `portal-<id>`, status active
 */
export async function installHubSpot(deps: InstallDeps, code: string): Promise<InstallResult> {
  const app = hubspotApp(deps.config, deps.publicUrl);
  const api = (auth?: string) =>
    createApiClient({
      name: 'HubSpot',
      baseUrl: deps.config.HUBSPOT_API_BASE_URL,
      ...(auth ? { auth: bearerAuth(auth) } : {}),
      policy: hubspotRetryPolicy,
      budgets: hubspotBudgets('oauth'),
    });
  const tokens = await exchangeHubSpotCode(api(), app, code).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 400)
      throw new AppError('invalid_input', `HubSpot refused the authorization code: ${error.message}`, {
        field: 'query.code',
      });
    throw error;
  });
  const client = api(tokens.accessToken);
  const { portalId, currency } = await readPortalDetails(client);

  const existing = await deps.store.tenants.byPortalId(portalId);
  const name = existing?.name ?? `portal-${portalId}`;
  if (!existing) {
    const sameName = await deps.store.tenants.get(name);
    if (sameName)
      throw new AppError('conflict', `a tenant named "${name}" belongs to another portal; rename it first`);
  }
  const tenant = await deps.store.tenants.upsert({
    name,
    hubspotPortalId: portalId,
    zendeskSubdomain: existing?.zendeskSubdomain ?? null,
    credentials: {
      ...(existing?.credentials ?? {}),
      hubspot: {
        kind: 'oauth',
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken ?? '',
        expiresAt: tokens.expiresAt ?? '',
      },
    },
  });
  const reactivated = tenant.status === 'paused';
  // Active again, the grace period of an earlier uninstall (if any) cancelled.
  await deps.store.lifecycle.markInstalled(tenant.id, deps.now());
  if (currency) await deps.store.tenants.setCurrency(tenant.id, currency);

  const properties = await ensureAppProperties(client);
  let lifecycle: InstallResult['lifecycle'];
  try {
    await ensureLifecycleSubscription(journalClient(deps.config.HUBSPOT_API_BASE_URL, app), portalId);
    lifecycle = { status: 'subscribed' };
  } catch (error) {
    // The revoked-token check still notices an uninstall at the next failed sync.
    const reason = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ tenant: name, err: reason }, 'lifecycle journal subscription not made');
    lifecycle = { status: 'skipped', reason };
  }
  for (const problem of properties.problems)
    deps.logger.warn({ tenant: name, problem }, 'app property not created');

  void deps.scheduler.enqueue({ tenantId: tenant.id, full: true, reason: 'install' });
  deps.logger.info({ tenant: name, portalId, created: !existing, reactivated }, 'HubSpot install');
  return {
    tenant: { ...tenant, status: 'active', currency: currency ?? tenant.currency },
    created: !existing,
    reactivated,
    properties,
    lifecycle,
  };
}
