import type { Tenant } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { errorSchema } from '../cards/card-schemas.ts';
import { requireContentType } from '../http/content-type.ts';
import { AppError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { signConnectGrant } from './oauth-state.ts';
import { connectZendeskToken, disconnectZendesk, zendeskApp, zendeskSubdomain } from './zendesk-connect.ts';

type Env = { Variables: { tenant: Tenant } };

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tenantParam = z.object({
  tenant: z
    .string()
    .min(1)
    .openapi({ param: { name: 'tenant', in: 'path' }, example: 'portal-40000001' }),
});
const refusals = {
  400: json(errorSchema, 'Invalid body (the field is named) or credentials Zendesk refused'),
  401: json(errorSchema, 'Missing or unknown app token'),
  403: json(errorSchema, 'The app token belongs to another tenant'),
};
const common = { tags: ['Installs'], security: [{ zendeskAppToken: [] }] };
const webhookSetup = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('created'), id: z.string(), url: z.string() }),
    z.object({ status: z.literal('not created'), reason: z.string(), url: z.string() }),
  ])
  .openapi('ZendeskWebhookSetup', {
    description:
      'The webhook the connect created in the Zendesk account (event subscriptions for ticket, organization and user changes, delivering to `url`), or why it could not (e.g. the token lacks scope webhooks:write); without it data refreshes on the periodic sync.',
  });
const connected = z
  .object({
    tenant: z.string(),
    zendeskSubdomain: z.string(),
    kind: z.enum(['api-token', 'oauth']),
    webhook: webhookSetup,
  })
  .openapi('ZendeskConnected');

const tokenConnectRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{tenant}/zendesk',
  summary: 'Connect Zendesk with an API token',
  description:
    'Checks `{email}/token:{token}` with one call (`GET /api/v2/users/me.json`), creates the tenant’s Zendesk webhook through the API (`POST /api/v2/webhooks`, its signing secret kept encrypted), saves the token encrypted on the tenant and starts a full read of the Zendesk streams.',
  request: {
    params: tenantParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            subdomain: zendeskSubdomain.openapi({ example: 'acme' }),
            email: z.email(),
            token: z.string().min(1),
          }),
        },
      },
    },
  },
  responses: { 200: json(connected, 'Connected; the Zendesk backfill has started'), ...refusals },
});
const secretRoute = createRoute({
  ...common,
  method: 'put',
  path: '/{tenant}/zendesk/webhook-secret',
  summary: 'Set the signing secret of a Zendesk webhook made by hand',
  description:
    'Only needed when the connect could not create the webhook (a token without webhooks:write, e.g. on a self-hosted install): create one in Admin Center > Apps and integrations > Webhooks pointing at the answer’s `webhookUrl`, then send its signing secret (Admin Center, or `GET /api/v2/webhooks/{id}/signing_secret`). Deliveries to `/webhooks/zendesk/{tenant}` are verified with it.',
  request: {
    params: tenantParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ signingSecret: z.string().min(16), webhookId: z.string().min(1).optional() }),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ webhookUrl: z.string() }), 'Saved; where the webhook should post'),
    ...refusals,
  },
});
const disconnectRoute = createRoute({
  ...common,
  method: 'delete',
  path: '/{tenant}/zendesk',
  summary: 'Disconnect Zendesk',
  description:
    'Deletes the tenant’s webhook in the Zendesk account (`DELETE /api/v2/webhooks/{id}`, best effort: with credentials already revoked the admin deletes it in Admin Center), forgets its signing secret (deliveries are refused from now on) and the Zendesk credentials. The Zendesk records stay; nothing more is read.',
  request: { params: tenantParam },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        webhook: z.union([
          z.enum(['deleted', 'gone', 'none']),
          z.object({ notRemoved: z.string().openapi({ description: 'Why Zendesk refused' }) }),
        ]),
      }),
      'Disconnected',
    ),
    ...refusals,
  },
});
const linkRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{tenant}/zendesk/connect-link',
  summary: 'A one-hour link that starts the Zendesk OAuth connect for this tenant',
  request: { params: tenantParam },
  responses: {
    200: json(z.object({ url: z.string(), expiresInSeconds: z.number() }), 'Open it in a browser'),
    503: json(errorSchema, 'ZENDESK_CLIENT_ID / ZENDESK_CLIENT_SECRET are not set'),
    ...refusals,
  },
});

/**
 * A tenant's Zendesk connection, managed by its admin: authorized by the tenant's Zendesk app
 * token (`Authorization: Bearer`, as the sidebar routes; shown on the install page and by
 * `csm tenants show`), which must belong to the tenant named in the path.
 */
export function tenantZendeskRoutes(deps: AppDeps) {
  const routes = createRouter<Env>();
  const base = deps.publicUrl.replace(/\/+$/, '');

  routes.use('/:tenant/*', async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const tenant = token ? await deps.store.tenants.byZendeskAppToken(token) : null;
    if (!tenant)
      throw new AppError(
        'unauthorized',
        'Authorization: Bearer <the tenant’s Zendesk app token> is required',
      );
    if (tenant.name !== c.req.param('tenant'))
      throw new AppError('forbidden', 'this app token belongs to another tenant');
    c.set('tenant', tenant);
    await next();
  });
  routes.use('/:tenant/*', requireContentType(['application/json']));

  routes.openapi(tokenConnectRoute, async (c) => {
    const body = c.req.valid('json');
    const { tenant, webhook } = await connectZendeskToken(deps, c.get('tenant'), body);
    return c.json(
      { tenant: tenant.name, zendeskSubdomain: body.subdomain, kind: 'api-token' as const, webhook },
      200,
    );
  });

  routes.openapi(disconnectRoute, async (c) => {
    const tenant = c.get('tenant');
    const { webhook } = await disconnectZendesk(deps, tenant);
    return c.json({ tenant: tenant.name, webhook }, 200);
  });

  routes.openapi(secretRoute, async (c) => {
    const { signingSecret, webhookId } = c.req.valid('json');
    const tenant = c.get('tenant');
    await deps.store.webhooks.setZendeskSecret(tenant.id, signingSecret, webhookId ?? null);
    return c.json({ webhookUrl: `${base}/webhooks/zendesk/${encodeURIComponent(tenant.name)}` }, 200);
  });

  routes.openapi(linkRoute, (c) => {
    const app = zendeskApp(deps.config, deps.publicUrl);
    const tenant = c.get('tenant');
    const url = new URL(`${base}/oauth/zendesk/install`);
    url.searchParams.set('tenant', tenant.name);
    url.searchParams.set('grant', signConnectGrant(app.clientSecret, tenant.id, deps.now()));
    return c.json({ url: `${url.toString()}&subdomain=`, expiresInSeconds: 3600 }, 200);
  });

  return routes;
}
