import { ApiError, bearerAuth, createApiClient, zendeskTokenAuth } from '@csm/http';
import type { Tenant, TenantCredentials } from '@csm/store';
import {
  exchangeZendeskCode,
  ZENDESK_OAUTH_SCOPES,
  type ZendeskApp,
  zendeskBaseUrl,
  zendeskBudgets,
  zendeskMe,
  zendeskRetryPolicy,
  zendeskStreams,
} from '@csm/zendesk';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';
import { callbackUrl, type InstallDeps } from './hubspot-install.ts';
import {
  removeZendeskWebhook,
  setUpZendeskWebhook,
  type ZendeskWebhookSetup,
} from './zendesk-webhook-setup.ts';

/** A Zendesk subdomain (`acme` of acme.zendesk.com). */
export const zendeskSubdomain = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/i,
    'a Zendesk subdomain: letters, digits and dashes (acme of acme.zendesk.com)',
  )
  .transform((s) => s.toLowerCase());

/** The scopes the connector asks for: `read`, and `webhooks:write` for its webhook. */
export const ZENDESK_SCOPES = ZENDESK_OAUTH_SCOPES.join(' ');

export function zendeskApp(config: Config, publicUrl: string): ZendeskApp {
  if (!config.ZENDESK_CLIENT_ID || !config.ZENDESK_CLIENT_SECRET)
    throw new AppError('unavailable', 'Zendesk OAuth needs ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET');
  return {
    clientId: config.ZENDESK_CLIENT_ID,
    clientSecret: config.ZENDESK_CLIENT_SECRET,
    redirectUri: callbackUrl(publicUrl, 'zendesk'),
  };
}

/**
 * Zendesk's consent screen for a global OAuth client, on the account's own address
 * (`ZENDESK_API_BASE_URL` with the subdomain): `/oauth/authorizations/new`.
 * https://developer.zendesk.com/documentation/ticketing/working-with-oauth/using-oauth-authentication-with-your-application/
 */
export function zendeskAuthorizeUrl(
  config: Config,
  app: ZendeskApp,
  subdomain: string,
  state: string,
): string {
  const url = new URL(`${zendeskBaseUrl(config.ZENDESK_API_BASE_URL, subdomain)}/oauth/authorizations/new`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', ZENDESK_SCOPES);
  url.searchParams.set('state', state);
  return url.toString();
}

const client = (config: Config, subdomain: string, auth?: ReturnType<typeof bearerAuth>) =>
  createApiClient({
    name: 'Zendesk',
    baseUrl: zendeskBaseUrl(config.ZENDESK_API_BASE_URL, subdomain),
    ...(auth ? { auth } : {}),
    policy: zendeskRetryPolicy,
    budgets: zendeskBudgets(),
  });

/** One authenticated call that proves the credentials (an anonymous answer has no user id). */
async function verify(config: Config, subdomain: string, auth: ReturnType<typeof bearerAuth>) {
  try {
    if (!(await zendeskMe(client(config, subdomain, auth))))
      throw new AppError('invalid_input', 'Zendesk did not accept these credentials');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404))
      throw new AppError('invalid_input', `Zendesk refused these credentials: ${error.message}`, {
        field: 'body.token',
      });
    throw error;
  }
}

/** A connected tenant and what became of its Zendesk webhook. */
export interface ZendeskConnected {
  tenant: Tenant;
  webhook: ZendeskWebhookSetup;
}

/**
 * Links Zendesk to a tenant: creates its webhook (`setUpZendeskWebhook`), saves the credentials
 * (encrypted by the store), forgets the Zendesk cursors when the subdomain changes (another
 * account's data must not continue from them), and starts a full read of the Zendesk streams.
 */
async function link(
  deps: InstallDeps,
  tenant: Tenant,
  zendesk: NonNullable<TenantCredentials['zendesk']>,
): Promise<ZendeskConnected> {
  const webhook = await setUpZendeskWebhook(deps, tenant, zendesk);
  const credentials: TenantCredentials = { ...tenant.credentials, zendesk };
  const updated = await deps.store.tenants.upsert({
    name: tenant.name,
    hubspotPortalId: tenant.hubspotPortalId,
    zendeskSubdomain: zendesk.subdomain,
    credentials,
  });
  if (tenant.zendeskSubdomain && tenant.zendeskSubdomain !== zendesk.subdomain)
    await deps.store.resetCursors(tenant.id, 'zendesk.');
  // A Zendesk side paused for a refused credential resumes with the new one.
  await deps.store.tenants.resumeZendesk(tenant.id);
  void deps.scheduler.enqueue({
    tenantId: tenant.id,
    full: true,
    only: zendeskStreams.map((s) => s.name),
    reason: 'zendesk-connect',
  });
  deps.logger.info(
    { tenant: tenant.name, subdomain: zendesk.subdomain, kind: zendesk.kind, webhook: webhook.status },
    'Zendesk connected',
  );
  return { tenant: { ...updated, zendeskPaused: null }, webhook };
}

/**
 * Unlinks Zendesk from a tenant: its webhook removed from the account (best effort) and its secret
 * forgotten, the credentials dropped. The Zendesk records stay (a reconnect to the same account
 * continues from its cursors); nothing of Zendesk is read or accepted any more.
 */
export async function disconnectZendesk(
  deps: InstallDeps,
  tenant: Tenant,
): Promise<{ webhook: Awaited<ReturnType<typeof removeZendeskWebhook>> }> {
  const webhook = await removeZendeskWebhook(deps, tenant);
  const { zendesk: _, ...credentials } = tenant.credentials;
  await deps.store.tenants.upsert({
    name: tenant.name,
    hubspotPortalId: tenant.hubspotPortalId,
    zendeskSubdomain: null,
    credentials,
  });
  await deps.store.tenants.resumeZendesk(tenant.id);
  deps.logger.info({ tenant: tenant.name, subdomain: tenant.zendeskSubdomain }, 'Zendesk disconnected');
  return { webhook };
}

/** The end of a Zendesk OAuth connect: the code exchanged at the account, the tokens saved on the tenant. */
export async function connectZendeskOAuth(
  deps: InstallDeps,
  tenant: Tenant,
  subdomain: string,
  code: string,
): Promise<ZendeskConnected> {
  const app = zendeskApp(deps.config, deps.publicUrl);
  const tokens = await exchangeZendeskCode(client(deps.config, subdomain), app, code, ZENDESK_SCOPES).catch(
    (error: unknown) => {
      if (error instanceof ApiError && (error.status === 400 || error.status === 401))
        throw new AppError('invalid_input', `Zendesk refused the authorization code: ${error.message}`, {
          field: 'query.code',
        });
      throw error;
    },
  );
  await verify(deps.config, subdomain, bearerAuth(tokens.accessToken));
  return link(deps, tenant, {
    kind: 'oauth',
    subdomain,
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
  });
}

/** API-token connect: `{email}/token:{api_token}` checked with one call, then saved on the tenant. */
export async function connectZendeskToken(
  deps: InstallDeps,
  tenant: Tenant,
  input: { subdomain: string; email: string; token: string },
): Promise<ZendeskConnected> {
  await verify(deps.config, input.subdomain, zendeskTokenAuth(input.email, input.token));
  return link(deps, tenant, { kind: 'api-token', ...input });
}
