import type { Freshness, Store } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { errorSchema } from '../cards/card-schemas.ts';
import { createRouter } from '../http/router.ts';
import { type ApiKeyEnv, apiKeyAuth } from '../ingest/api-key-auth.ts';

const iso = z.string().openapi({ format: 'date-time' });
const lastRun = z
  .object({ status: z.string(), startedAt: iso, lastSucceededAt: iso.nullable() })
  .nullable()
  .openapi({ description: 'The source’s latest sync run; null before the first' });
const sourceStatus = z.object({
  connected: z.boolean(),
  status: z.enum(['active', 'paused', 'not connected']).openapi({
    description:
      '`paused`: not synced. HubSpot pauses with the tenant (app uninstalled); Zendesk alone when its credential was refused (revoked or expired), until Zendesk is reconnected',
  }),
  reason: z.string().nullable(),
  pausedAt: iso.nullable(),
  lastRun,
});
const tenantStatus = z
  .object({
    tenant: z.string(),
    status: z
      .string()
      .openapi({ description: 'The tenant’s own status (`active`, or `paused`: nothing is synced)' }),
    sources: z.object({
      hubspot: sourceStatus,
      zendesk: sourceStatus.extend({
        subdomain: z.string().nullable(),
        webhook: z.enum(['set', 'none']).openapi({
          description:
            'Whether deliveries can be verified: a signing secret is stored (the connect’s webhook, or one set by hand)',
        }),
      }),
    }),
  })
  .openapi('TenantStatus');

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['operations'],
  summary: 'The tenant’s status: each source connected, active or paused (and why), its last sync',
  security: [{ ingestApiKey: [] }],
  responses: {
    200: { description: 'The status', content: { 'application/json': { schema: tenantStatus } } },
    401: {
      description: 'Missing or refused API key',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
});

const runOf = (f: Freshness['hubspot']) =>
  f
    ? {
        status: f.status,
        startedAt: f.lastRunAt.toISOString(),
        lastSucceededAt: f.lastSucceededAt?.toISOString() ?? null,
      }
    : null;

/**
 * `GET /api/v1/status`, authorized by the tenant's API key (as `/api/v1/settings`): what an
 * operator or the tenant's admin checks when figures stop moving.
 */
export function tenantStatusRoutes(deps: { store: Store }) {
  const routes = createRouter<ApiKeyEnv>();
  routes.use('*', apiKeyAuth(deps.store));
  routes.openapi(route, async (c) => {
    const tenant = (await deps.store.tenants.getById(c.get('tenantId')))!;
    const [freshness, webhook] = await Promise.all([
      deps.store.freshness(tenant.id),
      deps.store.webhooks.zendeskSecret(tenant.id),
    ]);
    const zendeskConnected = Boolean(tenant.credentials.zendesk);
    const paused = zendeskConnected ? tenant.zendeskPaused : null;
    return c.json(
      {
        tenant: tenant.name,
        status: tenant.status,
        sources: {
          hubspot: {
            connected: true,
            status: tenant.status === 'active' ? ('active' as const) : ('paused' as const),
            reason: tenant.status === 'active' ? null : `the tenant is ${tenant.status}`,
            pausedAt: null,
            lastRun: runOf(freshness.hubspot),
          },
          zendesk: {
            connected: zendeskConnected,
            status: !zendeskConnected
              ? ('not connected' as const)
              : paused
                ? ('paused' as const)
                : ('active' as const),
            reason: paused?.reason ?? null,
            pausedAt: paused?.since.toISOString() ?? null,
            lastRun: zendeskConnected ? runOf(freshness.zendesk) : null,
            subdomain: tenant.zendeskSubdomain,
            webhook: webhook ? ('set' as const) : ('none' as const),
          },
        },
      },
      200,
    );
  });
  return routes;
}
