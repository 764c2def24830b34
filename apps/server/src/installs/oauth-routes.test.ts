import { readFile } from 'node:fs/promises';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import {
  consent,
  cookieOf,
  type InstallEnv,
  installEnv,
  installHubSpotApp,
  jsonOf,
} from '../test-utils/installs.ts';
import { checkHubSpotGrant } from './revoked-token.ts';

for (const backend of storeBackends()) {
  describe(`OAuth installs on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });
    const setup = async (options: Parameters<typeof installEnv>[1] = {}) => {
      const env = await installEnv(await backend.open(), options);
      envs.push(env);
      return env;
    };

    it('redirects to HubSpot’s consent screen with scopes and a state bound to an HttpOnly cookie', async () => {
      const env = await setup();
      const response = await env.app.request('/oauth/hubspot/install');
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(`${env.server.hubspotBaseUrl}/oauth/authorize`);
      expect(location.searchParams.get('client_id')).toBe(env.sandbox.credentials.hubspotClientId);
      expect(location.searchParams.get('redirect_uri')).toBe(
        'https://csm.example.com/oauth/hubspot/callback',
      );
      expect(location.searchParams.get('scope')?.split(' ')).toContain('crm.schemas.deals.write');
      expect(location.searchParams.get('scope')?.split(' ')).toContain('crm.objects.owners.read');
      expect(location.searchParams.get('optional_scope')).toBe('crm.objects.feedback_submissions.read');
      // Exactly the scopes the HubSpot project declares, which the marketplace checks installs against.
      const project = JSON.parse(
        await readFile(new URL('../../../hubspot-app/src/app/app-hsmeta.json', import.meta.url), 'utf8'),
      ) as { config: { auth: { requiredScopes: string[]; optionalScopes: string[] } } };
      expect(location.searchParams.get('scope')?.split(' ')).toEqual(project.config.auth.requiredScopes);
      expect(location.searchParams.get('optional_scope')?.split(' ')).toEqual(
        project.config.auth.optionalScopes,
      );
      expect(location.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^csm_oauth_hubspot=[\w-]{32};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('Path=/oauth/hubspot');
    });

    it('installs end to end: tenant, encrypted tokens, properties, lifecycle subscription, backfill; no webhook registration', async () => {
      const env = await setup();
      const { sandbox, store } = env;
      const response = await installHubSpotApp(env);
      const page = await response.text();
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const portalId = sandbox.credentials.hubspotPortalId;
      expect(page).toContain(
        `HubSpot portal ${portalId} is connected as tenant &quot;portal-${portalId}&quot;`,
      );
      expect(page).toContain('Properties: 8 created, 1 already there.');
      expect(page).toContain('Connect Zendesk');

      const tenant = (await store.tenants.byPortalId(portalId))!;
      expect(tenant).toMatchObject({ name: `portal-${portalId}`, status: 'active', currency: 'USD' });
      expect(tenant.credentials.hubspot.kind).toBe('oauth');
      const hubspot = tenant.credentials.hubspot as {
        accessToken: string;
        refreshToken: string;
        expiresAt: string;
      };
      expect(hubspot.accessToken).toMatch(/^CO/);
      expect(Date.parse(hubspot.expiresAt)).toBeGreaterThan(Date.now());
      const rows = await store.db.query<Record<string, unknown>>('SELECT * FROM tenants');
      expect(JSON.stringify(rows)).not.toContain(hubspot.accessToken);
      expect(JSON.stringify(rows)).not.toContain(hubspot.refreshToken);

      const writes = sandbox.writes();
      const created = writes
        .filter((w) => /^\/crm\/v3\/properties\/\w+$/.test(w.path))
        .map((w) => `${w.path.split('/').at(-1)}.${(w.body as { name: string }).name}`);
      expect(created).toEqual([
        'companies.csm_health_score',
        'companies.csm_health_band',
        'companies.csm_nps',
        'companies.csm_csat',
        'companies.csm_fcr',
        'companies.csm_last_computed',
        // The sandbox's seeded deals carry csm_contract_end_date already: its 409 counts as done.
        'deals.csm_health_score',
        'deals.csm_health_band',
      ]);
      expect(writes.filter((w) => w.path.endsWith('/groups')).map((w) => w.path)).toEqual([
        '/crm/v3/properties/companies/groups',
        '/crm/v3/properties/deals/groups',
      ]);
      // The project's webhooks component subscribes the install: nothing to register, no developer key.
      expect(writes.filter((w) => w.path.startsWith('/webhooks/'))).toEqual([]);
      // Its uninstall reaches us through the webhooks journal: the portal's lifecycle subscription.
      expect(writes.filter((w) => w.path.startsWith('/webhooks-journal/')).map((w) => w.body)).toEqual([
        { subscriptionType: 'APP_LIFECYCLE_EVENT', portalId, actions: ['APP_INSTALL', 'APP_UNINSTALL'] },
      ]);
      expect(page).toContain(
        'Change notifications come from the webhooks component of the app, delivered to https://csm.example.com/webhooks/hubspot.',
      );

      await env.deps.scheduler.idle();
      expect(await store.countRecords(tenant.id, 'companies')).toBe(sandbox.data.companies.length);
      expect(await store.countRecords(tenant.id, 'deals')).toBeGreaterThan(0);
    });

    it('refuses a callback without the state cookie, with another browser’s cookie, or with an altered state', async () => {
      const env = await setup();
      const { callbackPath, cookie } = await consent(env, '/oauth/hubspot/install');
      const missing = await env.app.request(callbackPath);
      expect(missing.status).toBe(400);
      expect((await jsonOf(missing)).message).toContain('this browser did not start the install');

      const other = cookieOf(await env.app.request('/oauth/hubspot/install'));
      const wrong = await env.app.request(callbackPath, { headers: { cookie: other } });
      expect(wrong.status).toBe(400);
      expect((await jsonOf(wrong)).message).toContain('another browser session');

      const altered = callbackPath.replace(/state=([^&]+)/, (_, s: string) => `state=${s.slice(0, -2)}AA`);
      const forged = await env.app.request(altered, { headers: { cookie } });
      expect((await jsonOf(forged)).message).toContain('not one we issued');

      const declined = await env.app.request('/oauth/hubspot/callback?error=access_denied', {
        headers: { cookie },
      });
      expect(declined.status).toBe(400);
      expect(await env.store.tenants.list()).toEqual([]);
      expect(env.sandbox.writes()).toEqual([]);

      // The genuine pair still works (a refused callback spent nothing at HubSpot).
      const ok = await env.app.request(callbackPath, { headers: { cookie } });
      expect(ok.status).toBe(200);
    });

    it('refuses a code HubSpot does not know, naming it', async () => {
      const env = await setup();
      const { callbackPath, cookie } = await consent(env, '/oauth/hubspot/install');
      const bad = await env.app.request(callbackPath.replace(/code=[^&]+/, 'code=not-a-code'), {
        headers: { cookie },
      });
      expect(bad.status).toBe(400);
      const body = await jsonOf(bad);
      expect(body).toMatchObject({ error: 'invalid_input', details: { field: 'query.code' } });
      expect(body.message).toContain(
        'HubSpot refused the authorization code: HubSpot: HTTP 400 on /oauth/v1/token: missing or unknown auth code',
      );
    });

    it('pauses the tenant when HubSpot refuses its refresh token, and a reinstall reactivates it', async () => {
      const env = await setup();
      const { store, deps } = env;
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();
      const tenant = (await store.tenants.byPortalId(env.sandbox.credentials.hubspotPortalId))!;
      expect(await checkHubSpotGrant(deps, tenant.id)).toBe('valid');

      // Uninstalling revokes the app's tokens: a refresh token HubSpot no longer knows.
      await store.tenants.updateCredentials(tenant.id, {
        hubspot: {
          kind: 'oauth',
          accessToken: 'COrevoked',
          refreshToken: 'na1-revoked',
          expiresAt: new Date(0).toISOString(),
        },
      });
      await deps.scheduler.enqueue({ tenantId: tenant.id, reason: 'test' });
      expect((await store.tenants.getById(tenant.id))?.status).toBe('paused');
      // Paused tenants are skipped by the scheduler.
      const before = (await store.lastSyncRuns(tenant.id)).length;
      await deps.scheduler.enqueue({ tenantId: tenant.id, reason: 'test' });
      expect((await store.lastSyncRuns(tenant.id)).length).toBe(before);

      const again = await installHubSpotApp(env);
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('(reactivated)');
      const reactivated = (await store.tenants.getById(tenant.id))!;
      expect(reactivated.status).toBe('active');
      expect(reactivated.credentials.hubspot).toMatchObject({
        kind: 'oauth',
        accessToken: expect.stringMatching(/^CO/),
      });
      await deps.scheduler.idle();
    });

    it('connects Zendesk through its OAuth client, with a grant from the install page', async () => {
      const env = await setup();
      const page = await (await installHubSpotApp(env)).text();
      await env.deps.scheduler.idle();
      const tenant = (await env.store.tenants.list())[0]!;
      const grant = /name="grant" value="([^"]+)"/.exec(page)?.[1];
      expect(grant).toBeDefined();
      const subdomain = env.sandbox.credentials.zendeskSubdomain;
      const installPath = `/oauth/zendesk/install?tenant=${tenant.name}&subdomain=${subdomain}&grant=${grant}`;

      const forged = await env.app.request(installPath.replace(/grant=[^&]+/, 'grant=x.y'));
      expect(forged.status).toBe(403);
      const otherTenant = await env.app.request(
        installPath.replace(`tenant=${tenant.name}`, 'tenant=someone'),
      );
      expect(otherTenant.status).toBe(403);
      const badSubdomain = await env.app.request(
        installPath.replace(`subdomain=${subdomain}`, 'subdomain=a%2Fb'),
      );
      expect(badSubdomain.status).toBe(400);
      expect((await jsonOf(badSubdomain)).message).toContain('query.subdomain');

      const { install, cookie, callbackPath } = await consent(env, installPath);
      const location = new URL(install.headers.get('location')!);
      expect(location.pathname).toBe('/zendesk/oauth/authorizations/new');
      expect(location.searchParams.get('scope')).toBe('read webhooks:write');
      expect(location.searchParams.get('redirect_uri')).toBe(
        'https://csm.example.com/oauth/zendesk/callback',
      );
      expect((await env.app.request(callbackPath)).status).toBe(400);
      const done = await env.app.request(callbackPath, { headers: { cookie } });
      expect(done.status, await done.clone().text()).toBe(200);
      const donePage = await done.text();
      expect(donePage).toContain(`Zendesk ${subdomain} is linked`);
      expect(donePage).toContain(
        `a webhook in your Zendesk account sends ticket, organization and user changes to https://csm.example.com/webhooks/zendesk/${tenant.name}`,
      );
      expect(env.sandbox.zendeskWebhooks().map((w) => w.endpoint)).toEqual([
        `https://csm.example.com/webhooks/zendesk/${tenant.name}`,
      ]);

      const linked = (await env.store.tenants.getById(tenant.id))!;
      expect(linked.zendeskSubdomain).toBe(subdomain);
      expect(linked.credentials.zendesk).toMatchObject({
        kind: 'oauth',
        subdomain,
        accessToken: expect.any(String),
      });
      expect(linked.credentials.hubspot.kind).toBe('oauth');
      await env.deps.scheduler.idle();
      expect(await env.store.countRecords(tenant.id, 'tickets')).toBeGreaterThan(0);

      // An admin who restricted the OAuth client's scopes: the connect names what it needs.
      env.sandbox.setZendeskAllowedScopes(['read']);
      const again = await consent(env, installPath);
      const restricted = await env.app.request(again.callbackPath, { headers: { cookie: again.cookie } });
      expect(restricted.status).toBe(400);
      expect((await jsonOf(restricted)).message).toMatch(
        /read webhooks:write.*needs read and webhooks:write/,
      );
    });

    it('connects Zendesk with an API token, authorized by the tenant’s app token', async () => {
      const env = await setup();
      expect((await installHubSpotApp(env)).status).toBe(200);
      await env.deps.scheduler.idle();
      const tenant = (await env.store.tenants.list())[0]!;
      const appToken = (await env.store.tenants.zendeskAppToken(tenant.name))!;
      const c = env.sandbox.credentials;
      const post = (body: unknown, token = appToken, name = tenant.name) =>
        env.app.request(`/api/v1/tenants/${name}/zendesk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      const input = { subdomain: c.zendeskSubdomain, email: c.zendeskEmail, token: c.zendeskApiToken };

      expect((await post(input, 'wrong')).status).toBe(401);
      const other = await env.store.tenants.upsert({
        name: 'other',
        hubspotPortalId: 1,
        credentials: { hubspot: { kind: 'private-app', token: 't' } },
      });
      const otherToken = (await env.store.tenants.zendeskAppToken(other.name))!;
      expect((await post(input, otherToken)).status).toBe(403);
      const invalid = await post({ ...input, email: 'not-an-email' });
      expect(invalid.status).toBe(400);
      expect((await jsonOf(invalid)).message).toContain('body.email');
      const refused = await post({ ...input, token: 'wrong-token' });
      expect(refused.status).toBe(400);
      expect((await jsonOf(refused)).message).toContain('Zendesk refused these credentials');
      expect((await env.store.tenants.getById(tenant.id))?.credentials.zendesk).toBeUndefined();

      const ok = await post(input);
      expect(ok.status).toBe(200);
      expect(await jsonOf(ok)).toEqual({
        tenant: tenant.name,
        zendeskSubdomain: c.zendeskSubdomain,
        kind: 'api-token',
        webhook: {
          status: 'created',
          id: env.sandbox.zendeskWebhooks()[0]!.id,
          url: `https://csm.example.com/webhooks/zendesk/${tenant.name}`,
        },
      });
      expect((await env.store.tenants.getById(tenant.id))?.credentials.zendesk).toEqual({
        kind: 'api-token',
        ...input,
      });
      const rows = await env.store.db.query<Record<string, unknown>>('SELECT * FROM tenants');
      expect(JSON.stringify(rows)).not.toContain(c.zendeskApiToken);

      const link = await env.app.request(`/api/v1/tenants/${tenant.name}/zendesk/connect-link`, {
        method: 'POST',
        headers: { authorization: `Bearer ${appToken}` },
      });
      const { url } = await jsonOf(link);
      expect(url).toMatch(
        /^https:\/\/csm\.example\.com\/oauth\/zendesk\/install\?tenant=.+&grant=.+&subdomain=$/,
      );
      await env.deps.scheduler.idle();
      expect(await env.store.countRecords(tenant.id, 'zendeskOrganizations')).toBeGreaterThan(0);
    });
  });
}
