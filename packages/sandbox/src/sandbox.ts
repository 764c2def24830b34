/**
 * `createSandbox`: seeded look-alikes of the HubSpot and Zendesk APIs, one hono app served three
 * ways (`fetch`, msw handlers, a loopback server), with rate limits, OAuth, faults and mutations.
 */
import type { HttpHandler } from 'msw';
import { createSandboxClock, type SandboxClock, startOfUtcDay } from './clock.ts';
import { credentialsFor, type SandboxCredentials } from './credentials.ts';
import { dataView, type SeedData } from './data-view.ts';
import { appInstall, type JournalEntry, pruneJournal, uninstall } from './hubspot/app-install.ts';
import {
  deliverWebhooks,
  type WebhookDeliveries,
  type WebhooksComponentConfig,
} from './hubspot/webhook-deliveries.ts';
import { type ListeningSandbox, type ListenOptions, listen } from './listen.ts';
import { mswHandlers, type SandboxBases } from './msw-handlers.ts';
import { createMutations, type SandboxMutations } from './mutate/mutations.ts';
import { withZendeskEvents } from './mutate/zendesk-events.ts';
import { mixSeed, randomAlnum, randomUuid, streamRng } from './random.ts';
import { createApp } from './runtime/app.ts';
import { FaultInjector, type Faults } from './runtime/faults.ts';
import { OAuthStore } from './runtime/oauth-store.ts';
import { RateLimiter } from './runtime/rate-limiter.ts';
import { DROP_HEADER, type Runtime } from './runtime/runtime.ts';
import { type SandboxStats, StatsCollector } from './runtime/stats.ts';
import { generateSeed } from './seed/generate.ts';
import { createState, type WriteRecord } from './state/state.ts';
import { type ZendeskAccountControls, type ZendeskCsat, zendeskAccountControls } from './zendesk/account.ts';
import { WebhookRegistry } from './zendesk/webhook-registry.ts';

export interface SandboxOptions {
  /** Default 1. Same seed, size and `now`: same data, same credentials. */
  seed?: number;
  /** Default 200. 100k companies (~500k tickets) is the benchmark size. */
  companies?: number;
  /** The anchor; every seeded timestamp is at least an hour before it. Default: today 00:00 UTC. */
  now?: Date;
  /** Default on. `{ scale }` multiplies every limit; `false` turns them (and their headers) off. */
  rateLimits?: boolean | { scale?: number };
  /** OAuth access-token lifetime for both APIs, default 1800 (HubSpot's 30 minutes; Zendesk's default too). */
  tokenTtlSeconds?: number;
  faults?: Faults;
  /** The portal's company currency (ISO 4217), which every seeded deal carries too. Default USD. */
  companyCurrency?: string;
  /** Which CSAT the Zendesk account runs: `legacy` ratings (default), the `current` survey responses, or `both`. */
  zendeskCsat?: ZendeskCsat;
  /**
   * A believable portfolio (the demo's): more contacts, survey answers over 18 months in stable
   * volumes, moods by revenue scenario (churning accounts sour before they leave), support load that
   * follows the mood. Default off (tests pin the plain seed).
   */
  richHistory?: boolean;
  /**
   * The scopes the private-app token was given (a private app's admin picks them). Default: every
   * scope. A missing one answers 403 MISSING_SCOPES, as for an OAuth token.
   */
  hubspotPrivateAppScopes?: readonly string[];
}

export interface Sandbox extends ZendeskAccountControls {
  /** Answers a request for `/hubspot/...` or `/zendesk/...` (any origin); a dropped connection rejects like fetch does. */
  fetch(request: Request): Promise<Response>;
  /** msw handlers answering every request under the two base URLs. */
  mswHandlers(bases: SandboxBases): HttpHandler[];
  /** Serves both APIs on loopback. */
  listen(options?: ListenOptions): Promise<ListeningSandbox>;
  readonly credentials: SandboxCredentials;
  /** The records served, API-shaped and complete. */
  readonly data: SeedData;
  readonly mutate: SandboxMutations;
  /** The sandbox's wall clock (token expiry, rate windows): real time plus `advance`d time. */
  readonly clock: SandboxClock;
  /** Same as `clock.advance(ms)`. */
  advanceTime(ms: number): void;
  setFaults(faults: Faults | null): void;
  stats(): SandboxStats;
  resetStats(): void;
  /** Write requests accepted (HubSpot property / group creation, batch updates, tasks), oldest first. */
  writes(): WriteRecord[];
  /** The public app in the portal: installs, uninstalls, webhook deliveries and the journal. */
  readonly hubspotApp: {
    /** Whether the app is installed (an authorization code was redeemed since the last uninstall). */
    readonly installed: boolean;
    /** The admin uninstalls the app: its tokens stop working and the journal says `APP_UNINSTALL`. */
    uninstall(): void;
    /** Delivers the changes the project's webhooks component subscribes to, while installed. */
    deliverWebhooks(options: {
      component: WebhooksComponentConfig;
      deliver: (request: Request) => Promise<Response>;
    }): WebhookDeliveries;
    /** The journal entries still kept (3 days). */
    journal(): JournalEntry[];
  };
  /** Mints an authorization code as HubSpot's consent screen would (no scopes: every scope). */
  hubspotAuthorize(options?: { scopes?: string[]; redirectUri?: string }): string;
  /** Mints an authorization code as Zendesk's consent screen would. */
  zendeskAuthorize(options?: { scopes?: string[]; redirectUri?: string }): string;
}

function check(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`createSandbox: ${name} must be an integer ${min}-${max}, got ${value}`);
  return value;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = check('seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const companies = check('companies', options.companies ?? 200, 1, 1_000_000);
  const anchor = (options.now ?? startOfUtcDay(Date.now())).getTime();
  if (!Number.isFinite(anchor)) throw new Error('createSandbox: now is not a valid date');
  const ttl = check('tokenTtlSeconds', options.tokenTtlSeconds ?? 1800, 1, 10 * 365 * 86_400);
  const limits = options.rateLimits ?? true;
  const scale = typeof limits === 'object' ? (limits.scale ?? 1) : 1;
  if (!(scale > 0)) throw new Error('createSandbox: rateLimits.scale must be > 0');

  const companyCurrency = options.companyCurrency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(companyCurrency))
    throw new Error(
      `createSandbox: companyCurrency must be an ISO 4217 code such as EUR, got ${companyCurrency}`,
    );
  const credentials = credentialsFor(seed);
  const clock = createSandboxClock();
  const state = createState(
    generateSeed({
      seed,
      companies,
      anchor,
      adminEmail: credentials.zendeskEmail,
      currency: companyCurrency,
      ...(options.richHistory ? { richHistory: true } : {}),
    }),
    { seed, anchor, credentials, now: clock.now, companyCurrency },
  );
  const faults = new FaultInjector(seed);
  faults.set(options.faults);
  const correlation = streamRng(seed, 'correlation');
  const runtime: Runtime = {
    state,
    clock,
    limits: { enabled: limits !== false, scale },
    limiter: new RateLimiter(clock),
    faults,
    stats: new StatsCollector(),
    oauth: new OAuthStore(clock, streamRng(seed, 'oauth'), ttl),
    hubspotPrivateAppScopes: options.hubspotPrivateAppScopes
      ? new Set(options.hubspotPrivateAppScopes)
      : 'all',
    zendeskAccount: {
      csat: options.zendeskCsat ?? 'legacy',
      apiToken: credentials.zendeskApiToken,
      allowedScopes: null,
      webhooks: new WebhookRegistry(
        streamRng(seed, 'zendesk-webhooks'),
        10_000_000 + (mixSeed(seed, 'zendesk-account') % 9_000_000),
        clock.now,
      ),
    },
    nextCorrelationId: () => randomUuid(correlation),
  };
  const app = createApp(runtime);
  const { hubspotClientId, zendeskClientId } = credentials;
  let apiTokens = 0;

  return {
    async fetch(request) {
      const response = await app.fetch(request, { bases: undefined });
      if (response.headers.get(DROP_HEADER)) {
        throw new TypeError('fetch failed', {
          cause: new Error('sandbox: connection dropped (injected fault)'),
        });
      }
      return response;
    },
    mswHandlers: (bases) => mswHandlers(app, bases),
    listen: (listenOptions) => listen(app, listenOptions),
    credentials,
    data: dataView(state),
    mutate: withZendeskEvents(createMutations(state), state, (events) =>
      runtime.zendeskAccount.webhooks.emit(events),
    ),
    clock,
    advanceTime: (ms) => clock.advance(ms),
    setFaults: (f) => faults.set(f),
    ...zendeskAccountControls(
      runtime.zendeskAccount,
      () => runtime.oauth.revokeAll('zendesk'),
      () => randomAlnum(streamRng(seed, 'zendesk-api-token', ++apiTokens), 40),
    ),
    stats: () => runtime.stats.snapshot(),
    resetStats: () => runtime.stats.reset(),
    writes: () => [...state.writes],
    hubspotApp: {
      get installed() {
        return appInstall(state).installed;
      },
      uninstall: () => uninstall(runtime),
      deliverWebhooks: (o) => deliverWebhooks(runtime, o),
      journal: () => [...pruneJournal(runtime)],
    },
    hubspotAuthorize: (o = {}) =>
      runtime.oauth.mintCode('hubspot', hubspotClientId, o.scopes ?? [], o.redirectUri ?? null),
    zendeskAuthorize: (o = {}) =>
      runtime.oauth.mintCode('zendesk', zendeskClientId, o.scopes ?? ['read'], o.redirectUri ?? null),
  };
}
