/**
 * The real backend behind the cards in tests: the sandbox HubSpot + Zendesk APIs served on
 * loopback, a store synced from them with `csm sync`'s own function, and the server app
 * (`createApp`) answering `app.request(...)`. `hubspotFetch` stands in for `hubspot.fetch`:
 * it appends portalId, userId, userEmail and appId and signs the request (v3) the way HubSpot does.
 */
import { createHmac } from 'node:crypto';
import { createSandbox } from '@csm/sandbox';
import {
  addTenant,
  buildReport,
  type CliContext,
  createApp,
  createAppDeps,
  loadConfig,
  runSync,
} from '@csm/server';
import type { Store } from '@csm/store';
import type { StoreBackend } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { BACKEND_URL } from '../src/app/cards/lib/backend.ts';
import type { HubSpotFetch } from '../src/app/cards/lib/fetch-card.ts';

export const CLIENT_SECRET = 'test-hubspot-client-secret';
const silent = createLogger({ level: 'silent' });

export interface Backend {
  store: Store;
  tenantId: number;
  portalId: number;
  /** `hubspot.fetch` as HubSpot runs it for a card of this portal. */
  hubspotFetch: HubSpotFetch;
  /** The same, signed with another secret (what a forged request looks like to the server). */
  forgedFetch: HubSpotFetch;
  report: Awaited<ReturnType<typeof buildReport>>;
  /** A browser's request to the backend (a path on BACKEND_URL), e.g. opening a dashboard link. */
  browse(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** HubSpot's v3 signature: base64(HMAC-SHA256(secret, method + URI + body + timestamp)). */
function signV3(secret: string, method: string, uri: string, body: string, timestamp: string) {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

/**
 * Serves a seeded sandbox, syncs tenant `acme` into a fresh store of `backend`, and builds the app.
 * With `zendesk: false` the tenant has HubSpot only (the cards' partial state); `companyCurrency`
 * is the portal's currency (USD by default).
 */
export async function startBackend(
  backend: StoreBackend,
  options: { companies?: number; seed?: number; zendesk?: boolean; companyCurrency?: string } = {},
): Promise<Backend> {
  const sandbox = createSandbox({
    seed: options.seed ?? 11,
    companies: options.companies ?? 25,
    rateLimits: { scale: 50 },
    ...(options.companyCurrency ? { companyCurrency: options.companyCurrency } : {}),
  });
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const store = await backend.open();
  const config = loadConfig({
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_URL: BACKEND_URL,
    LOG_LEVEL: 'silent',
  });
  const ctx: CliContext = {
    config,
    store,
    logger: silent,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
  };
  const c = sandbox.credentials;
  const tenant = await addTenant(ctx, {
    name: 'acme',
    hubspotToken: c.hubspotPrivateAppToken,
    ...(options.zendesk === false
      ? {}
      : {
          zendeskSubdomain: c.zendeskSubdomain,
          zendeskEmail: c.zendeskEmail,
          zendeskToken: c.zendeskApiToken,
        }),
  });
  const result = await runSync(ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
  if (!result.ok)
    throw new Error(`sandbox sync failed: ${JSON.stringify(result.sources.map((s) => s.error))}`);
  const portalId = tenant.hubspotPortalId!;
  const app = createApp(createAppDeps({ config, store, publicUrl: BACKEND_URL, logger: silent }));

  const fetchSignedWith =
    (secret: string): HubSpotFetch =>
    async (url, init) => {
      const called = new URL(url);
      if (called.origin !== BACKEND_URL)
        throw new Error(`the card fetched ${called.origin}, not the backend`);
      called.searchParams.append('portalId', String(portalId));
      called.searchParams.append('userId', '1001');
      called.searchParams.append('userEmail', 'ann@acme.example');
      called.searchParams.append('appId', '5005');
      const timestamp = String(Date.now());
      const method = init?.method ?? 'GET';
      // HubSpot sends an object body as JSON and signs the text it sends.
      const body = init?.body === undefined ? '' : JSON.stringify(init.body);
      return app.request(`${called.pathname}${called.search}`, {
        method,
        ...(body ? { body } : {}),
        headers: {
          'x-hubspot-signature-v3': signV3(secret, method, called.toString(), body, timestamp),
          'x-hubspot-request-timestamp': timestamp,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      });
    };

  return {
    store,
    tenantId: tenant.id,
    portalId,
    hubspotFetch: fetchSignedWith(CLIENT_SECRET),
    forgedFetch: fetchSignedWith('not-the-secret'),
    report: await buildReport(store, 'acme', new Date()),
    browse: async (path, init) => app.request(path, init),
    async close() {
      await store.close();
      await server.close();
    },
  };
}

/** A writable that swallows the sync's progress output. */
function quietOut(): NodeJS.WriteStream {
  return { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
}
