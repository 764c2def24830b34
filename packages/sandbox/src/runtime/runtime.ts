/**
 * What every request handler shares: the data, the clocks, rate windows, faults, counters and OAuth
 * grants. `SandboxEnv` is the hono environment: adapters pass the public base URLs a client used
 * (msw mode), which `paging.next.link`, `after_url` and `url` fields are built on.
 */
import type { Context } from 'hono';
import type { SandboxClock } from '../clock.ts';
import type { SandboxState } from '../state/state.ts';
import type { ZendeskAccount } from '../zendesk/account.ts';
import type { FaultInjector } from './faults.ts';
import type { OAuthStore } from './oauth-store.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { StatsCollector } from './stats.ts';

export type Api = 'hubspot' | 'zendesk';

export interface RateLimitConfig {
  enabled: boolean;
  /** Multiplies every limit (tests lift them with a big scale). */
  scale: number;
}

export interface Runtime {
  state: SandboxState;
  clock: SandboxClock;
  limits: RateLimitConfig;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsCollector;
  oauth: OAuthStore;
  /** The private-app token's scopes (`all` unless the sandbox was told otherwise). */
  hubspotPrivateAppScopes: ReadonlySet<string> | 'all';
  /** What the Zendesk account has switched on (its CSAT). */
  zendeskAccount: ZendeskAccount;
  nextCorrelationId(): string;
}

export interface HubSpotPrincipal {
  kind: 'private-app' | 'oauth';
  token: string;
  /** `all` for OAuth grants minted without a scope list and, by default, private-app tokens. */
  scopes: ReadonlySet<string> | 'all';
}

export type SandboxEnv = {
  Bindings: { bases?: Partial<Record<Api, string>> } | undefined;
  Variables: {
    hubspot: HubSpotPrincipal;
    zendeskUserId: number;
    /** The OAuth token's scopes; `all` for the API token (an admin's). */
    zendeskScopes: ReadonlySet<string> | 'all';
  };
};

export type SandboxContext = Context<SandboxEnv>;

/** Marks a response the adapters turn into a dropped connection (never sent to a client). */
export const DROP_HEADER = 'x-csm-sandbox-drop';

/** The base URL the client called for `api`: `https://api.hubapi.com` in msw mode, `http://127.0.0.1:PORT/hubspot` when served. */
export function publicBase(c: SandboxContext, api: Api): string {
  const given = c.env?.bases?.[api];
  if (given) return given.replace(/\/+$/, '');
  return `${new URL(c.req.url).origin}/${api}`;
}

/** The request path below the API prefix: `/crm/v3/objects/companies`. */
export function apiPath(c: SandboxContext, api: Api): string {
  const path = new URL(c.req.url).pathname;
  return path.startsWith(`/${api}`) ? path.slice(api.length + 1) : path;
}

export function scaled(runtime: Runtime, base: number): number {
  return Math.max(1, Math.round(base * runtime.limits.scale));
}
