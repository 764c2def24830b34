/** The HubSpot look-alike, mounted at `/hubspot`: OAuth endpoints, then the authenticated API. */
import { Hono } from 'hono';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { associationRoutes } from './associations-routes.ts';
import { hubspotAuth } from './auth.ts';
import { hubspotError } from './errors.ts';
import { journalRoutes } from './journal-routes.ts';
import { metadataRoutes } from './metadata-routes.ts';
import { hubspotOAuthRoutes } from './oauth-routes.ts';
import { objectReadRoutes } from './objects-read-routes.ts';
import { objectWriteRoutes } from './objects-write-routes.ts';
import { hubspotRateLimit } from './rate-limit.ts';
import { searchRoutes } from './search-routes.ts';

export function hubspotApp(runtime: Runtime): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  hubspotOAuthRoutes(app, runtime);
  for (const prefix of ['/crm/*', '/account-info/*'])
    app.use(prefix, hubspotAuth(runtime), hubspotRateLimit(runtime));
  searchRoutes(app, runtime);
  objectWriteRoutes(app, runtime);
  objectReadRoutes(app, runtime);
  associationRoutes(app, runtime);
  metadataRoutes(app, runtime);
  journalRoutes(app, runtime);
  app.all('*', (c) =>
    hubspotError(
      c,
      runtime,
      404,
      'OBJECT_NOT_FOUND',
      `No HubSpot endpoint ${c.req.method} ${new URL(c.req.url).pathname} in the sandbox.`,
    ),
  );
  return app;
}
