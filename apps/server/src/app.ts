import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { AppDeps } from './app-deps.ts';
import { hubspotCardRoutes } from './cards/hubspot-cards.ts';
import { zendeskCardRoutes } from './cards/zendesk-cards.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { apiDocsRoutes } from './docs/api-docs.ts';
import { AppError, errorBody, errorResponse } from './http/errors.ts';
import { refuseNulCharacters } from './http/nul-characters.ts';
import { createRouter } from './http/router.ts';
import { ingestRoutes } from './ingest/ingest-routes.ts';
import { oauthRoutes } from './installs/oauth-routes.ts';
import { tenantZendeskRoutes } from './installs/zendesk-token-routes.ts';
import { opsRoutes } from './ops/ops-routes.ts';
import { tenantStatusRoutes } from './ops/tenant-status-routes.ts';
import { playbookRoutes } from './playbooks/playbook-routes.ts';
import { portfolioRoutes } from './portfolio/portfolio-routes.ts';
import { settingsRoutes } from './settings/settings-routes.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';

/** Request bodies above this are refused with 413; ingestion uploads (CSV, batches) get more. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const INGEST_BODY_LIMIT = 10 * 1024 * 1024;
export const INGEST_PATH_PREFIX = '/api/v1/ingest';
/** The dashboard's CSV uploads go through the ingestion API's routes, with the same limit. */
const DASHBOARD_UPLOAD = /^\/dashboard\/api\/tenants\/[^/]+\/ingest\//;

/**
 * The HTTP app: every route group mounted, request logs and metrics, one error mapping, and the
 * OpenAPI 3.1 document (`/openapi.json`) with its browsable page (`/docs`). Tests call
 * `app.request(...)`; `createServer` serves it.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The matched route's pattern (the last handler), not this middleware's `*`: bounded label values.
    const route = routePath(c, -1);
    deps.metrics.requestSeconds.observe(
      { method: c.req.method, route, status: String(c.res.status) },
      seconds,
    );
    // The path only: query strings carry user emails (HubSpot) and are not worth keeping.
    deps.logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  });
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      // The rest of the body is never read, so the connection cannot carry another request:
      // say so, or a keep-alive client would send its next request into a closed socket.
      onError: (c) =>
        c.json(errorBody(new AppError('payload_too_large', `request body over ${maxSize} bytes`)), 413, {
          Connection: 'close',
        }),
    });
  const defaultLimit = limit(DEFAULT_BODY_LIMIT);
  const ingestLimit = limit(INGEST_BODY_LIMIT);
  app.use('*', (c, next) =>
    c.req.path.startsWith(INGEST_PATH_PREFIX) || DASHBOARD_UPLOAD.test(c.req.path)
      ? ingestLimit(c, next)
      : defaultLimit(c, next),
  );
  // After the body limit: it reads the body.
  app.use('*', refuseNulCharacters);

  app.route('/', opsRoutes(deps));
  app.route(INGEST_PATH_PREFIX, ingestRoutes(deps));
  app.route('/api/v1/playbooks', playbookRoutes(deps));
  app.route('/api/v1/status', tenantStatusRoutes(deps));
  app.route('/api/v1/settings', settingsRoutes(deps));
  app.route('/api/v1/portfolio', portfolioRoutes(deps));
  app.openAPIRegistry.registerComponent('securitySchemes', 'ingestApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The tenant’s ingestion API key (`csm api-keys create --tenant <name>`), `csm_live_...`.',
  });
  app.route(
    '/cards/hubspot',
    hubspotCardRoutes({
      store: deps.store,
      clientSecret: deps.config.HUBSPOT_CLIENT_SECRET,
      publicUrl: deps.publicUrl,
      now: deps.now,
    }),
  );
  app.route('/cards/zendesk', zendeskCardRoutes({ store: deps.store, now: deps.now }));
  const dashboard = dashboardRoutes({
    store: deps.store,
    now: deps.now,
    logger: deps.logger,
    access: {
      open: deps.dashboardOpen ?? false,
      adminPassword: deps.config.CSM_ADMIN_TOKEN,
      linkSecret: deps.config.HUBSPOT_CLIENT_SECRET,
    },
    publicUrl: deps.publicUrl,
    hubspotApp: deps.config.HUBSPOT_AUTHORIZE_URL ?? 'https://app.hubspot.com',
    scheduler: deps.scheduler,
    ...(deps.dashboardAssets ? { assetsDir: deps.dashboardAssets } : {}),
  });
  app.route('/dashboard', dashboard);
  app.route('/oauth', oauthRoutes(deps));
  app.route('/api/v1/tenants', tenantZendeskRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  app.get('/', (c) => c.redirect('/dashboard'));

  app.openAPIRegistry.registerComponent('securitySchemes', 'hubspotSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-HubSpot-Signature-v3',
    description:
      'HubSpot v3 request signature (with X-HubSpot-Request-Timestamp), keyed with HUBSPOT_CLIENT_SECRET.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'dashboardSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'csm_dashboard',
    description:
      'The dashboard session of a HubSpot user: set by opening a sign-in link that the company card mints (`POST /cards/hubspot/dashboard-link`); one tenant only.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'dashboardAdmin', {
    type: 'http',
    scheme: 'basic',
    description: 'A self-hoster’s admin: user `admin`, password CSM_ADMIN_TOKEN; every tenant.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'zendeskAppToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The tenant’s Zendesk app token (`csm tenants show <name> --json`).',
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Success Metrics API',
      version: '0.1.0',
      description:
        'Card API for the HubSpot cards and the Zendesk sidebar, installs, webhooks, ingestion and operations.',
    },
    servers: [{ url: deps.publicUrl }],
  });
  app.route('/docs', apiDocsRoutes());

  app.notFound((c) =>
    c.json(errorBody(new AppError('not_found', `no route ${c.req.method} ${c.req.path}`)), 404),
  );
  app.onError((error, c) => errorResponse(c, error, deps.logger));
  return app;
}
export type App = ReturnType<typeof createApp>;
