import type { Store } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import type { ServerMetrics } from '../http/server-metrics.ts';

const status = z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional() });

/** `/healthz` (the process answers), `/readyz` (database reachable, migrations applied), `/metrics`. */
export function opsRoutes(deps: { store: Store; metrics: ServerMetrics }) {
  const routes = createRouter();
  routes.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'alive', content: { 'application/json': { schema: status } } } },
    }),
    (c) => c.json({ status: 'ok' }, 200),
  );
  routes.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operations'],
      summary: 'Readiness: the database answers and every migration is applied',
      responses: {
        200: { description: 'ready', content: { 'application/json': { schema: status } } },
        503: { description: 'not ready', content: { 'application/json': { schema: status } } },
      },
    }),
    async (c) => {
      const checks: Record<string, string> = {};
      try {
        await deps.store.db.query('SELECT 1');
        checks.database = 'ok';
        checks.migrations = (await deps.store.migrationsApplied()) ? 'ok' : 'pending';
      } catch (error) {
        checks.database = `unreachable: ${error instanceof Error ? error.message : String(error)}`;
      }
      const ready = checks.database === 'ok' && checks.migrations === 'ok';
      return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
    },
  );
  routes.get('/metrics', async (c) =>
    c.body(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  );
  return routes;
}
