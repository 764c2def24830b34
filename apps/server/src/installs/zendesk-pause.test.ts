import { createApiClient, RateBudget } from '@csm/http';
import { storeBackends } from '@csm/store/test-utils';
import { exchangeZendeskCode, zendeskRetryPolicy } from '@csm/zendesk';
import { afterAll, describe, expect, it } from 'vitest';
import { signedHubSpotGet } from '../test-utils/index.ts';
import { type InstallEnv, installEnv, installHubSpotApp, jsonOf } from '../test-utils/installs.ts';

for (const backend of storeBackends()) {
  describe(`a refused Zendesk credential on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });

    it('pauses the Zendesk side of that tenant alone, shows it on cards and the status answer, and a reconnect resumes', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      const { sandbox, store, app } = env;
      const c = sandbox.credentials;
      expect((await installHubSpotApp(env)).status).toBe(200);
      await env.deps.scheduler.idle();
      const acme = (await store.tenants.list())[0]!;
      const acmeAppToken = (await store.tenants.zendeskAppToken(acme.name))!;
      const connectWithToken = (token: string) =>
        app.request(`/api/v1/tenants/${acme.name}/zendesk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${acmeAppToken}` },
          body: JSON.stringify({ subdomain: c.zendeskSubdomain, email: c.zendeskEmail, token }),
        });
      expect((await connectWithToken(c.zendeskApiToken)).status).toBe(200);
      // Another tenant on the same Zendesk account (same ids), connected through OAuth.
      const other = await store.tenants.upsert({
        name: 'other',
        hubspotPortalId: 1,
        credentials: { hubspot: { kind: 'private-app', token: 'not-used' } },
      });
      const app0 = {
        clientId: c.zendeskClientId,
        clientSecret: c.zendeskClientSecret,
        redirectUri: 'https://x/cb',
      };
      const tokens = await exchangeZendeskCode(
        createApiClient({
          name: 'Zendesk',
          baseUrl: env.server.zendeskBaseUrl,
          policy: zendeskRetryPolicy,
          budgets: { default: new RateBudget({ max: 100, intervalMs: 1000 }) },
        }),
        app0,
        sandbox.zendeskAuthorize({ redirectUri: app0.redirectUri }),
      );
      await store.tenants.upsert({
        name: 'other',
        hubspotPortalId: 1,
        credentials: {
          hubspot: other.credentials.hubspot,
          zendesk: {
            kind: 'oauth',
            subdomain: c.zendeskSubdomain,
            ...tokens,
            refreshToken: tokens.refreshToken,
          },
        },
      });
      await env.deps.scheduler.idle();
      const sync = async (tenantId: number) => {
        await env.deps.scheduler.enqueue({ tenantId, reason: 'test' });
        await env.deps.scheduler.idle();
      };

      // The admin revokes the API token acme connected with.
      sandbox.rotateZendeskApiToken();
      await sync(acme.id);
      await sync(other.id);
      const paused = (await store.tenants.get(acme.name))!;
      expect(paused.status).toBe('active');
      expect(paused.zendeskPaused?.reason).toContain('credentials were refused');
      expect((await store.tenants.get('other'))!.zendeskPaused).toBeNull();
      const runs = await store.lastSyncRuns(acme.id);
      expect(runs.find((r) => r.source === 'hubspot')?.status).toBe('succeeded');
      expect(runs.find((r) => r.source === 'zendesk')?.status).toBe('failed');

      // The card's freshness line and the tenant's status say so.
      const company = sandbox.data.companies[0]!;
      const card = await app.request(
        signedHubSpotGet(`/cards/hubspot/companies/${company.id}?portalId=${acme.hubspotPortalId}`, {
          secret: c.hubspotClientSecret,
        }),
      );
      const freshness = (await jsonOf(card)).freshness;
      expect(freshness.zendesk).toMatchObject({
        status: 'paused',
        reason: expect.stringContaining('credentials were refused'),
        pausedAt: expect.any(String),
      });
      expect(freshness.hubspot.status).toBe('succeeded');
      const sidebar = await jsonOf(
        await app.request(`/cards/zendesk/organizations/${sandbox.data.organizations[0]!.id}`, {
          headers: { authorization: `Bearer ${(await store.tenants.zendeskAppToken('other'))!}` },
        }),
      );
      expect(sidebar.freshness.zendesk.status).toBe('succeeded');
      const key = await store.apiKeys.create(acme.id, 'ops');
      const status = async () =>
        jsonOf(await app.request('/api/v1/status', { headers: { authorization: `Bearer ${key.key}` } }));
      expect(await status()).toMatchObject({
        tenant: acme.name,
        status: 'active',
        sources: {
          hubspot: { connected: true, status: 'active', lastRun: { status: 'succeeded' } },
          zendesk: {
            connected: true,
            status: 'paused',
            reason: expect.stringContaining('credentials were refused'),
            subdomain: c.zendeskSubdomain,
            webhook: 'set',
            lastRun: { status: 'failed' },
          },
        },
      });
      expect((await app.request('/api/v1/status')).status).toBe(401);

      // While paused: no Zendesk request, webhook deliveries acknowledged and ignored.
      sandbox.resetStats();
      await sync(acme.id);
      expect(Object.keys(sandbox.stats().byRoute).filter((r) => r.startsWith('GET /zendesk/'))).toEqual([]);
      sandbox.setZendeskWebhookTransport((request) => Promise.resolve(app.request(request)));
      const runCount = async () =>
        Number((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_runs'))[0]!.n);
      const before = await runCount();
      sandbox.mutate.updateTicket(sandbox.data.tickets.find((t) => t.status === 'open')!.id, {
        status: 'pending',
      });
      await sandbox.flushZendeskWebhooks();
      // acme's webhook (the other tenant was given credentials without a connect, so no webhook).
      const delivered = sandbox.zendeskWebhookDeliveries();
      expect(delivered.map((d) => [d.endpoint.split('/').pop(), d.status])).toEqual([[acme.name, 200]]);
      await env.deps.scheduler.idle();
      expect(await runCount()).toBe(before);

      // Reconnecting with the new token resumes it.
      const fresh = sandbox.rotateZendeskApiToken();
      expect((await connectWithToken(fresh)).status).toBe(200);
      expect((await store.tenants.get(acme.name))!.zendeskPaused).toBeNull();
      await env.deps.scheduler.idle();
      expect((await status()).sources.zendesk).toMatchObject({
        status: 'active',
        reason: null,
        lastRun: { status: 'succeeded' },
      });

      // OAuth: revoked tokens (the refresh refused too) pause the other tenant's Zendesk side.
      sandbox.revokeZendeskTokens();
      sandbox.advanceTime(2 * 3600 * 1000);
      await sync(other.id);
      expect((await store.tenants.get('other'))!.zendeskPaused?.reason).toContain(
        'refused the refresh token',
      );
      expect((await store.tenants.get(acme.name))!.zendeskPaused).toBeNull();
    });
  });
}
