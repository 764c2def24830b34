/** The Zendesk look-alike, mounted at `/zendesk`: OAuth endpoints, then the authenticated API. */
import { Hono } from 'hono';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { publicBase } from '../runtime/runtime.ts';
import { zendeskAuth } from './auth.ts';
import { exportRoutes } from './export-routes.ts';
import { zendeskOAuthRoutes } from './oauth-routes.ts';
import { zendeskRateLimit } from './rate-limit.ts';
import { ratingsRoutes } from './ratings-routes.ts';
import { userJson } from './shapes.ts';
import { surveyResponsesRoutes } from './survey-responses-routes.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

export function zendeskApp(runtime: Runtime): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  zendeskOAuthRoutes(app, runtime);
  app.use('/api/*', zendeskAuth(runtime), zendeskRateLimit(runtime));
  exportRoutes(app, runtime);
  ratingsRoutes(app, runtime);
  surveyResponsesRoutes(app, runtime);
  webhooksRoutes(app, runtime);
  for (const path of ['/api/v2/users/me', '/api/v2/users/me.json']) {
    app.get(path, (c) => {
      const me = runtime.state.zendesk.users.byId.get(c.get('zendeskUserId'))!;
      return c.json({ user: userJson(me, publicBase(c, 'zendesk')) });
    });
  }
  app.all('*', (c) => c.json({ error: 'InvalidEndpoint', description: 'Not found' }, 404));
  return app;
}
