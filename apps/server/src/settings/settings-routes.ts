import { readTenantSettings, saveTenantSettings, tenantSettingsSchema } from '@csm/accounts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { requireContentType } from '../http/content-type.ts';
import { createRouter } from '../http/router.ts';
import { type ApiKeyEnv, apiKeyAuth } from '../ingest/api-key-auth.ts';
import { backgroundRefresher } from '../sync-jobs/background-refresh.ts';

const errorSchema = z
  .object({ error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .openapi('SettingsError');
const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const unauthorized = { 401: json(errorSchema, 'Missing, wrong or revoked API key') };

const getRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Settings'],
  summary: 'The tenant’s health model and windows (the defaults until it saves its own)',
  security: [{ ingestApiKey: [] }],
  responses: { 200: json(tenantSettingsSchema, 'The settings in force'), ...unauthorized },
});

const putRoute = createRoute({
  method: 'put',
  path: '/',
  tags: ['Settings'],
  summary: 'Replaces the tenant’s health model and windows',
  description:
    'Validated whole: a bad field is named and nothing changes. A model may leave signals out (those are not used). Cards, the sidebar and `csm report` answer with the new settings at once; the stored figures are recomputed in the background.',
  security: [{ ingestApiKey: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: tenantSettingsSchema } } } },
  responses: {
    200: json(tenantSettingsSchema, 'Saved'),
    400: json(
      errorSchema,
      'Invalid settings: the field is named (`body.windows.npsDays: ...`); nothing was changed',
    ),
    415: json(errorSchema, 'Content-Type other than application/json; nothing was changed'),
    ...unauthorized,
  },
});

/**
 * `GET` / `PUT /api/v1/settings`: the tenant's health model and windows, authorized by the
 * tenant's API key, so a key reads and edits its own tenant's settings only.
 */
export function settingsRoutes(deps: Pick<AppDeps, 'store' | 'logger' | 'now'>) {
  const routes = createRouter<ApiKeyEnv>();
  routes.use('*', apiKeyAuth(deps.store));
  routes.use('*', requireContentType(['application/json']));

  routes.openapi(getRoute, async (c) => {
    const { healthModel, windows } = await readTenantSettings(deps.store, c.get('tenantId'), deps.logger);
    return c.json({ healthModel, windows }, 200);
  });

  routes.openapi(putRoute, async (c) => {
    const tenantId = c.get('tenantId');
    const saved = await saveTenantSettings(deps.store, tenantId, c.req.valid('json'), deps.now());
    // The dashboard's editor lists every saved version, whoever saved it.
    await deps.store.settingsVersions.record(tenantId, saved, `api-key:${c.get('apiKeyId')}`);
    backgroundRefresher(deps).schedule(tenantId);
    return c.json(saved, 200);
  });

  return routes;
}
