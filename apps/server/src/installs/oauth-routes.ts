import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps.ts';
import { errorSchema } from '../cards/card-schemas.ts';
import { AppError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { hubspotApp, hubspotAuthorizeUrl, hubspotWebhookUrl, installHubSpot } from './hubspot-install.ts';
import {
  newNonce,
  STATE_TTL_MS,
  signConnectGrant,
  signState,
  stateCookieName,
  verifyConnectGrant,
  verifyState,
} from './oauth-state.ts';
import { page, zendeskConnectForm } from './pages.ts';
import {
  connectZendeskOAuth,
  ZENDESK_SCOPES,
  zendeskApp,
  zendeskAuthorizeUrl,
  zendeskSubdomain,
} from './zendesk-connect.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const redirect = (description: string) => ({
  description,
  headers: z.object({ location: z.string(), 'set-cookie': z.string() }),
});
const refusals = {
  400: json(errorSchema, 'Missing or invalid parameter, refused code, or a state this browser did not start'),
  503: json(errorSchema, 'The OAuth client is not configured'),
};
const callbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional().openapi({ description: 'Set by the vendor when the admin declined' }),
  error_description: z.string().optional(),
});

const hubspotInstallRoute = createRoute({
  method: 'get',
  path: '/hubspot/install',
  tags: ['Installs'],
  summary: 'Start a HubSpot install: redirect to HubSpot’s consent screen',
  description:
    'Sets an HttpOnly, SameSite=Lax cookie with a random nonce and redirects with `state` = the nonce, signed. The callback accepts only a state whose nonce matches the cookie of the same browser.',
  responses: { 302: redirect('To HubSpot’s /oauth/authorize with scopes and state'), ...refusals },
});
const hubspotCallbackRoute = createRoute({
  method: 'get',
  path: '/hubspot/callback',
  tags: ['Installs'],
  summary: 'HubSpot install callback: create or reactivate the portal’s tenant',
  description:
    'Exchanges the code, saves the tokens encrypted, keeps the portal’s currency, creates the app’s properties and starts the backfill. Webhooks need no registration: the app’s project subscribes every install.',
  request: { query: callbackQuery },
  responses: {
    200: html('Installed'),
    409: json(errorSchema, 'A tenant of that name belongs to another portal'),
    ...refusals,
  },
});
const zendeskInstallRoute = createRoute({
  method: 'get',
  path: '/zendesk/install',
  tags: ['Installs'],
  summary: 'Start a Zendesk OAuth connect for a tenant: redirect to the account’s consent screen',
  description:
    '`grant` is the signed connect link from the HubSpot install page or `POST /api/v1/tenants/{tenant}/zendesk/connect-link`; it names the tenant.',
  request: {
    query: z.object({
      tenant: z.string().min(1).openapi({ description: 'The tenant name the grant was made for' }),
      subdomain: zendeskSubdomain.openapi({ example: 'acme' }),
      grant: z.string().min(1),
    }),
  },
  responses: {
    302: redirect('To {subdomain}.zendesk.com/oauth/authorizations/new'),
    403: json(errorSchema, 'The grant is not valid for this tenant'),
    ...refusals,
  },
});
const zendeskCallbackRoute = createRoute({
  method: 'get',
  path: '/zendesk/callback',
  tags: ['Installs'],
  summary: 'Zendesk OAuth callback: save the tokens on the tenant and start the Zendesk backfill',
  request: { query: callbackQuery },
  responses: { 200: html('Connected'), 404: json(errorSchema, 'The tenant no longer exists'), ...refusals },
});

/**
 * Marketplace installs (docs/installs-webhooks.md): HubSpot's OAuth authorization-code flow and Zendesk's
 * global OAuth client, both with `state` bound to the browser that started them.
 * Callbacks: `PUBLIC_URL/oauth/hubspot/callback` and `PUBLIC_URL/oauth/zendesk/callback`.
 */
export function oauthRoutes(deps: AppDeps) {
  const routes = createRouter();
  const secure = deps.publicUrl.startsWith('https:');

  const startFlow = (
    c: Context,
    api: 'hubspot' | 'zendesk',
    secret: string,
    data: Record<string, string | number>,
  ) => {
    const nonce = newNonce();
    setCookie(c, stateCookieName(api), nonce, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: `/oauth/${api}`,
      maxAge: STATE_TTL_MS / 1000,
    });
    return signState(secret, nonce, data, deps.now());
  };
  /** The callback's state checked against this browser's cookie; the cookie is spent either way. */
  const endFlow = (
    c: Context,
    api: 'hubspot' | 'zendesk',
    secret: string,
    query: z.infer<typeof callbackQuery>,
  ) => {
    const nonce = getCookie(c, stateCookieName(api));
    deleteCookie(c, stateCookieName(api), { path: `/oauth/${api}`, secure });
    if (query.error === 'invalid_scope' && api === 'zendesk')
      throw new AppError(
        'invalid_input',
        `Zendesk refused the scopes asked for (${ZENDESK_SCOPES}): an admin has restricted this OAuth client's scopes; it needs read and webhooks:write (${query.error_description ?? query.error})`,
        { field: 'query.error' },
      );
    if (query.error)
      throw new AppError(
        'invalid_input',
        `the install was not authorized: ${query.error_description ?? query.error}`,
        {
          field: 'query.error',
        },
      );
    const check = verifyState(secret, query.state, nonce, deps.now());
    if (!check.ok)
      throw new AppError('invalid_input', `state refused: ${check.reason}`, { field: 'query.state' });
    if (!query.code)
      throw new AppError('invalid_input', 'query.code: the callback has no code', { field: 'query.code' });
    return { data: check.data, code: query.code };
  };
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

  routes.openapi(hubspotInstallRoute, (c) => {
    const app = hubspotApp(deps.config, deps.publicUrl);
    const state = startFlow(c, 'hubspot', app.clientSecret, {});
    return c.redirect(hubspotAuthorizeUrl(deps.config, app, state), 302) as never;
  });

  routes.openapi(hubspotCallbackRoute, async (c) => {
    const app = hubspotApp(deps.config, deps.publicUrl);
    const { code } = endFlow(c, 'hubspot', app.clientSecret, c.req.valid('query'));
    const result = await installHubSpot(deps, code);
    const { tenant } = result;
    const appToken = await deps.store.tenants.zendeskAppToken(tenant.name);
    const zendeskSecret = deps.config.ZENDESK_CLIENT_SECRET;
    noStore(c);
    return c.html(
      page('Success Metrics is installed', [
        `HubSpot portal ${tenant.hubspotPortalId} is connected as tenant "${tenant.name}"${result.reactivated ? ' (reactivated)' : ''}. The first sync has started; cards fill in as it runs.`,
        `Properties: ${result.properties.created.length} created, ${result.properties.existing.length} already there${result.properties.problems.length ? `; not created: ${result.properties.problems.join('; ')}` : ''}.`,
        `Change notifications come from the webhooks component of the app, delivered to ${hubspotWebhookUrl(deps.publicUrl)}.`,
        result.lifecycle.status === 'subscribed'
          ? 'Uninstalling the app pauses this tenant at once; its data is deleted after the grace period unless the app is installed again.'
          : `Uninstalls are noticed only when HubSpot refuses the tokens (${result.lifecycle.reason}).`,
        ...(zendeskSecret && deps.config.ZENDESK_CLIENT_ID
          ? [
              'Connect Zendesk (this link works for an hour):',
              zendeskConnectForm(tenant.name, signConnectGrant(zendeskSecret, tenant.id, deps.now())),
            ]
          : []),
        {
          html: `<p>The tenant’s Zendesk app token (paste it into the Zendesk app’s settings; it also authorizes <code>POST /api/v1/tenants/{tenant}/zendesk</code> for an API-token connect): <code>${appToken ?? ''}</code></p>`,
        },
      ]),
      200,
    );
  });

  routes.openapi(zendeskInstallRoute, async (c) => {
    const app = zendeskApp(deps.config, deps.publicUrl);
    const query = c.req.valid('query');
    const grant = verifyConnectGrant(app.clientSecret, query.grant, deps.now());
    const tenant = grant.ok ? await deps.store.tenants.getById(grant.tenantId) : null;
    if (!grant.ok || !tenant || tenant.name !== query.tenant)
      throw new AppError(
        'forbidden',
        grant.ok ? 'the connect link was made for another tenant' : grant.reason,
      );
    const state = startFlow(c, 'zendesk', app.clientSecret, { t: tenant.id, s: query.subdomain });
    return c.redirect(zendeskAuthorizeUrl(deps.config, app, query.subdomain, state), 302) as never;
  });

  routes.openapi(zendeskCallbackRoute, async (c) => {
    const app = zendeskApp(deps.config, deps.publicUrl);
    const { data, code } = endFlow(c, 'zendesk', app.clientSecret, c.req.valid('query'));
    const tenant = typeof data.t === 'number' ? await deps.store.tenants.getById(data.t) : null;
    if (!tenant || typeof data.s !== 'string')
      throw new AppError('not_found', 'the tenant of this connect no longer exists');
    const { tenant: updated, webhook } = await connectZendeskOAuth(deps, tenant, data.s, code);
    noStore(c);
    return c.html(
      page('Zendesk is connected', [
        `Zendesk ${data.s} is linked to tenant "${updated.name}". Its tickets, users, organizations and satisfaction answers are being read now.`,
        webhook.status === 'created'
          ? `Change notifications: a webhook in your Zendesk account sends ticket, organization and user changes to ${webhook.url}.`
          : `Change notifications are not set up (${webhook.reason}); data refreshes on the periodic sync.`,
      ]),
      200,
    );
  });

  return routes;
}
