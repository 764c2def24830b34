import {
  type ApiClient,
  type ApiEvent,
  type AuthProvider,
  bearerAuth,
  createApiClient,
  type OAuthTokens,
  oauthAuth,
  type RateBudget,
  zendeskTokenAuth,
} from '@csm/http';
import { type HubSpotApp, hubspotBudgets, hubspotRetryPolicy, refreshHubSpotToken } from '@csm/hubspot';
import type { Store, Tenant, TenantCredentials } from '@csm/store';
import {
  refreshZendeskToken,
  type ZendeskApp,
  zendeskBaseUrl,
  zendeskBudgets,
  zendeskRetryPolicy,
} from '@csm/zendesk';

/** Where the APIs are: `HUBSPOT_API_BASE_URL` and `ZENDESK_API_BASE_URL` (with `{subdomain}`). */
export interface ApiEndpoints {
  hubspotBaseUrl: string;
  zendeskBaseUrlTemplate: string;
}

export const defaultEndpoints: ApiEndpoints = {
  hubspotBaseUrl: 'https://api.hubapi.com',
  zendeskBaseUrlTemplate: 'https://{subdomain}.zendesk.com',
};

export interface ClientOptions {
  endpoints: ApiEndpoints;
  apps?: { hubspot?: HubSpotApp; zendesk?: ZendeskApp };
  /** Multiplies the built-in rate budgets (a sandbox with lifted limits); 1 for real APIs. */
  budgetScale?: number;
  onEvent?: (source: 'hubspot' | 'zendesk', event: ApiEvent) => void;
  signal?: AbortSignal;
}

export interface TenantClients {
  hubspot: ApiClient;
  zendesk: ApiClient | undefined;
}

function scaled<T extends Record<string, RateBudget>>(budgets: T, scale = 1): T {
  if (scale !== 1) for (const budget of Object.values(budgets)) budget.observe({ max: budget.limit * scale });
  return budgets;
}

/** The HubSpot and Zendesk clients of one tenant, OAuth tokens refreshed and saved encrypted. */
/**
 * OAuth auth whose refreshed tokens are saved encrypted on the tenant before use: the one shape
 * both APIs' OAuth tenants share. `merge` puts new tokens into the tenant's current credentials.
 */
function storedOAuth(
  store: Store,
  tenant: Tenant,
  options: {
    tokens: OAuthTokens;
    missingApp: string | undefined;
    refresh: (refreshToken: string) => Promise<OAuthTokens>;
    merge: (current: TenantCredentials, tokens: OAuthTokens) => TenantCredentials;
  },
): AuthProvider {
  return oauthAuth({
    tokens: options.tokens,
    refresh: async (refreshToken) => {
      if (options.missingApp) throw new Error(options.missingApp);
      return options.refresh(refreshToken);
    },
    save: async (tokens) => {
      const current = (await store.tenants.getById(tenant.id))?.credentials ?? tenant.credentials;
      await store.tenants.updateCredentials(tenant.id, options.merge(current, tokens));
    },
  });
}

export function tenantClients(store: Store, tenant: Tenant, options: ClientOptions): TenantClients {
  const { credentials } = tenant;
  const common = { signal: options.signal } as const;

  const hubspotBase = options.endpoints.hubspotBaseUrl;
  let hubspotAuth: AuthProvider;
  if (credentials.hubspot.kind === 'private-app') {
    hubspotAuth = bearerAuth(credentials.hubspot.token);
  } else {
    const app = options.apps?.hubspot;
    const tokenClient = createApiClient({
      name: 'HubSpot',
      baseUrl: hubspotBase,
      policy: hubspotRetryPolicy,
      budgets: hubspotBudgets('oauth'),
      ...common,
    });
    hubspotAuth = storedOAuth(store, tenant, {
      tokens: credentials.hubspot,
      missingApp: app
        ? undefined
        : 'HubSpot token expired and HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET are not set',
      refresh: (refreshToken) => refreshHubSpotToken(tokenClient, app!, refreshToken),
      merge: (current, tokens) => ({
        ...current,
        hubspot: {
          kind: 'oauth',
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken ?? '',
          expiresAt: tokens.expiresAt ?? '',
        },
      }),
    });
  }
  const hubspot = createApiClient({
    name: 'HubSpot',
    baseUrl: hubspotBase,
    auth: hubspotAuth,
    policy: hubspotRetryPolicy,
    budgets: scaled(hubspotBudgets(credentials.hubspot.kind), options.budgetScale),
    onEvent: (event) => options.onEvent?.('hubspot', event),
    ...common,
  });

  let zendesk: ApiClient | undefined;
  const z = credentials.zendesk;
  if (z) {
    const baseUrl = zendeskBaseUrl(options.endpoints.zendeskBaseUrlTemplate, z.subdomain);
    let auth: AuthProvider;
    if (z.kind === 'api-token') {
      auth = zendeskTokenAuth(z.email, z.token);
    } else {
      const app = options.apps?.zendesk;
      const tokenClient = createApiClient({
        name: 'Zendesk',
        baseUrl,
        policy: zendeskRetryPolicy,
        budgets: zendeskBudgets(),
        ...common,
      });
      auth = storedOAuth(store, tenant, {
        tokens: z,
        missingApp: app
          ? undefined
          : 'Zendesk token expired and ZENDESK_CLIENT_ID / ZENDESK_CLIENT_SECRET are not set',
        refresh: (refreshToken) => refreshZendeskToken(tokenClient, app!, refreshToken),
        merge: (current, tokens) => ({
          ...current,
          zendesk: {
            kind: 'oauth',
            subdomain: z.subdomain,
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            expiresAt: tokens.expiresAt,
          },
        }),
      });
    }
    zendesk = createApiClient({
      name: 'Zendesk',
      baseUrl,
      auth,
      policy: zendeskRetryPolicy,
      budgets: scaled(zendeskBudgets(), options.budgetScale),
      onEvent: (event) => options.onEvent?.('zendesk', event),
      ...common,
    });
  }
  return { hubspot, zendesk };
}
