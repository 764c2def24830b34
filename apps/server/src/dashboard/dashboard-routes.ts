import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';
import { createRouter } from '../http/router.ts';
import type { ApiKeyEnv } from '../ingest/api-key-auth.ts';
import { ingestRoutes } from '../ingest/ingest-routes.ts';
import type { SyncRequests } from '../sync-jobs/queued-syncs.ts';
import { accountRoutes, refusals } from './account-routes.ts';
import { backtestRoutes } from './backtest-routes.ts';
import { connectionsRoutes } from './connections-routes.ts';
import { coverageRoutes } from './coverage-routes.ts';
import {
  BASIC_REALM,
  challengeFor,
  type DashboardAccess,
  type DashboardEnv,
  principalOf,
  requirePrincipal,
  requireTenant,
  SESSION_COOKIE,
  visibleTenants,
} from './dashboard-access.ts';
import { DASHBOARD_DIST, readAsset } from './dashboard-assets.ts';
import { sessionSchema } from './dashboard-schemas.ts';
import { mintSessionToken, SESSION_TTL_SECONDS, verifyLinkToken } from './dashboard-tokens.ts';
import { PortfolioInputs } from './portfolio-input.ts';
import { portfolioRoutes } from './portfolio-routes.ts';
import { settingsRoutes } from './settings-routes.ts';

export interface DashboardOptions {
  store: Store;
  now: () => Date;
  logger: Logger;
  access: DashboardAccess;
  /** Where browsers reach us (PUBLIC_URL): https there means Secure cookies. */
  publicUrl: string;
  /** HubSpot's app origin for record links (https://app.hubspot.com, or an EU one). */
  hubspotApp: string;
  /** The built app (apps/dashboard/dist by default). */
  assetsDir?: string;
  /** Runs "sync now". */
  scheduler?: SyncRequests;
}

const sessionRoute = createRoute({
  method: 'get',
  path: '/session',
  tags: ['Dashboard'],
  summary: 'Who is signed in and which tenants they may open',
  security: [{ dashboardSession: [] }, { dashboardAdmin: [] }],
  responses: {
    200: { description: 'The session', content: { 'application/json': { schema: sessionSchema } } },
    401: refusals[401],
  },
});

/** A small page for link refusals (the link is opened in a browser tab, not by the app). */
function refusalPage(c: Context, status: 401 | 403 | 404, reason: string) {
  return c.html(
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Success Metrics</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font:15px/1.5 system-ui,sans-serif;margin:48px auto;max-width:560px;color:#1f2933">
<h1 style="font-size:20px">This dashboard link cannot be used</h1>
<p data-testid="link-refused">${reason}.</p>
<p>Open the dashboard again from the Success Metrics card of a HubSpot company record.</p></body></html>`,
    status,
  );
}

/**
 * The dashboard: its JSON API under `/dashboard/api` (tenant-scoped: `/api/tenants/{tenant}/...`),
 * the sign-in link a HubSpot card mints (`/dashboard/auth/link`), and the built React app for every
 * other path. Off (404) when nothing could sign anyone in.
 */
export function dashboardRoutes(options: DashboardOptions) {
  const { store, now, access } = options;
  const dist = options.assetsDir ?? DASHBOARD_DIST;
  const app = createRouter<DashboardEnv>();
  if (!access.open && !access.adminPassword && !access.linkSecret) {
    app.all('*', (c) =>
      c.text(
        'The dashboard is off: set CSM_ADMIN_TOKEN (admin sign-in) or HUBSPOT_CLIENT_SECRET (sign-in from the HubSpot card).',
        404,
      ),
    );
    return app;
  }
  const secure = options.publicUrl.startsWith('https:');
  const publicOrigin = new URL(options.publicUrl).origin;
  // The public origin (behind a proxy) or the one the request came to (csm demo on localhost).
  const origin = (o: string, c: Context) => o === publicOrigin || o === new URL(c.req.url).origin;

  app.get('/auth/link', async (c) => {
    if (!access.linkSecret)
      return refusalPage(c, 404, 'Signing in from HubSpot is not set up on this server');
    const at = now();
    const check = await verifyLinkToken(access.linkSecret, c.req.query('token') ?? '', at);
    if (!check.ok) return refusalPage(c, 401, check.reason);
    const { token } = check;
    if (!(await store.dashboardLinks.claim(token.jti, token.expiresAt, at)))
      return refusalPage(c, 401, 'The link was already used');
    const tenant = await store.tenants.getById(token.tenantId);
    // The portal may have been uninstalled, or moved to another tenant, since the link was minted.
    if (!tenant || tenant.hubspotPortalId !== token.portalId || tenant.status !== 'active')
      return refusalPage(c, 403, 'The HubSpot portal of this link is not connected any more');
    const session = await mintSessionToken(access.linkSecret, token, at);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/dashboard',
      maxAge: SESSION_TTL_SECONDS,
    });
    const base = `/dashboard/${encodeURIComponent(tenant.name)}`;
    return c.redirect(token.companyId ? `${base}/accounts/${token.companyId}` : base, 303);
  });

  app.post('/auth/sign-out', csrf({ origin }), (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/dashboard', secure });
    return c.body(null, 204);
  });

  const api = createRouter<DashboardEnv>();
  // Cookies and cached basic credentials ride along on cross-site requests: refuse form-like ones.
  api.use('*', csrf({ origin }));
  api.use('*', requirePrincipal(access, now));
  api.use('/tenants/:tenant/*', requireTenant(store));
  api.openapi(sessionRoute, async (c) => {
    const principal = c.get('principal');
    const tenants = await visibleTenants(store, principal);
    return c.json(
      {
        principal:
          principal.kind === 'admin'
            ? principal
            : {
                kind: principal.kind,
                portalId: principal.portalId,
                userId: principal.userId,
                expiresAt: principal.expiresAt.toISOString(),
              },
        tenants: tenants.map((t) => ({
          name: t.name,
          hubspotPortalId: t.hubspotPortalId,
          zendeskSubdomain: t.zendeskSubdomain,
          status: t.status,
        })),
      },
      200,
    );
  });
  api.route('/', accountRoutes({ store, now, hubspotApp: options.hubspotApp }));
  const inputs = new PortfolioInputs(store);
  api.route('/', portfolioRoutes({ inputs, now }));
  api.route('/', backtestRoutes({ store, inputs, now }));
  api.route('/', settingsRoutes({ store, now, logger: options.logger }));
  api.route('/', coverageRoutes({ store, now, logger: options.logger }));
  api.route('/', connectionsRoutes({ store, scheduler: options.scheduler }));
  // CSV uploads of surveys and usage: the ingestion API's own routes, for the session's tenant. A
  // plain router keeps them out of the OpenAPI document (they are documented as the ingestion API).
  const asIngest = createMiddleware<ApiKeyEnv>(async (c, next) => {
    // The same context: requireTenant above set the session's tenant on it.
    c.set('tenantId', (c as unknown as Context<DashboardEnv>).get('tenant').id);
    c.set('apiKeyId', 'dashboard');
    await next();
  });
  api.route(
    '/tenants/:tenant/ingest',
    new Hono().route('/', ingestRoutes({ store, now, logger: options.logger }, asIngest)),
  );
  app.route('/api', api);

  app.get('/assets/*', async (c) => {
    const asset = await readAsset(dist, c.req.path.replace(/^\/dashboard\//, ''));
    if (!asset) return c.text('not found', 404);
    // Built file names carry a content hash: they never change.
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Content-Type', asset.type);
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });

  // Every other path is a page of the app: the same index.html, routed in the browser.
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/dashboard/api/'))
      return c.json({ error: 'not_found', message: 'no such route' }, 404);
    if (!(await principalOf(c, access, now())) && challengeFor(c, access)) {
      c.header('WWW-Authenticate', `Basic realm="${BASIC_REALM}", charset="UTF-8"`);
      return c.text('Sign in as admin (user admin, password CSM_ADMIN_TOKEN).', 401);
    }
    const index = await readAsset(dist, 'index.html');
    if (!index)
      return c.text(
        'The dashboard app is not built: run `pnpm --filter dashboard build` (csm serve and csm demo build it on start).',
        503,
      );
    c.header('Cache-Control', 'no-cache');
    return c.html(new TextDecoder().decode(index.body));
  });
  return app;
}
