import {
  type ApiClient,
  type ApiEvent,
  type AuthProvider,
  bearerAuth,
  createApiClient,
  oauthAuth,
  type RateBudget,
  zendeskTokenAuth,
} from '@csm/http';
import { type HubSpotApp, hubspotBudgets, hubspotRetryPolicy, refreshHubSpotToken } from '@csm/hubspot';
import type { Store, Tenant } from '@csm/store';
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
    hubspotAuth = oauthAuth({
      tokens: credentials.hubspot,
      refresh: async (refreshToken) => {
        if (!app)
          throw new Error('HubSpot token expired and HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET are not set');
        return refreshHubSpotToken(tokenClient, app, refreshToken);
      },
      save: async (tokens) => {
        const current = (await store.tenants.getById(tenant.id))?.credentials ?? credentials;
        await store.tenants.updateCredentials(tenant.id, {
          ...current,
          hubspot: {
            kind: 'oauth',
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken ?? '',
            expiresAt: tokens.expiresAt ?? '',
          },
        });
      },
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
      auth = oauthAuth({
        tokens: z,
        refresh: async (refreshToken) => {
          if (!app)
            throw new Error(
              'Zendesk token expired and ZENDESK_CLIENT_ID / ZENDESK_CLIENT_SECRET are not set',
            );
          return refreshZendeskToken(tokenClient, app, refreshToken);
        },
        save: async (tokens) => {
          const current = (await store.tenants.getById(tenant.id))?.credentials ?? credentials;
          await store.tenants.updateCredentials(tenant.id, {
            ...current,
            zendesk: {
              kind: 'oauth',
              subdomain: z.subdomain,
              accessToken: tokens.accessToken,
              refreshToken: tokens.refreshToken,
              expiresAt: tokens.expiresAt,
            },
          });
        },
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
