import { createApiClient, RateBudget } from '@csm/http';
import { exchangeHubSpotCode, hubspotRetryPolicy } from '@csm/hubspot';
import { loadConfig, oauthCallback, runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { exchangeZendeskCode, zendeskRetryPolicy } from '@csm/zendesk';
import { describe, expect, it } from 'vitest';
import { quietOut, snapshot, startHarness } from './harness.ts';

describe('OAuth tenants', () => {
  it('refresh HubSpot tokens ahead of expiry and Zendesk tokens once on 401, saving them encrypted', async () => {
    const [backend] = storeBackends();
    const h = await startHarness(backend!, { seed: 5, companies: 20, rateLimits: false });
    const reference = await startHarness(backend!, { seed: 5, companies: 20, rateLimits: false });
    try {
      const c = h.sandbox.credentials;
      h.ctx.config = loadConfig({
        HUBSPOT_CLIENT_ID: c.hubspotClientId,
        HUBSPOT_CLIENT_SECRET: c.hubspotClientSecret,
        ZENDESK_CLIENT_ID: c.zendeskClientId,
        ZENDESK_CLIENT_SECRET: c.zendeskClientSecret,
      });
      const budgets = () => ({ default: new RateBudget({ max: 100, intervalMs: 1000 }) });
      const hubspotApp = {
        clientId: c.hubspotClientId,
        clientSecret: c.hubspotClientSecret,
        redirectUri: oauthCallback(h.ctx, 'hubspot'),
      };
      const zendeskApp = {
        clientId: c.zendeskClientId,
        clientSecret: c.zendeskClientSecret,
        redirectUri: oauthCallback(h.ctx, 'zendesk'),
      };
      const hubspotTokens = await exchangeHubSpotCode(
        createApiClient({
          name: 'HubSpot',
          baseUrl: h.ctx.endpoints.hubspotBaseUrl,
          policy: hubspotRetryPolicy,
          budgets: budgets(),
        }),
        hubspotApp,
        h.sandbox.hubspotAuthorize({ redirectUri: hubspotApp.redirectUri }),
      );
      const zendeskTokens = await exchangeZendeskCode(
        createApiClient({
          name: 'Zendesk',
          baseUrl: h.ctx.endpoints.zendeskBaseUrlTemplate,
          policy: zendeskRetryPolicy,
          budgets: budgets(),
        }),
        zendeskApp,
        h.sandbox.zendeskAuthorize({ redirectUri: zendeskApp.redirectUri }),
      );
      // HubSpot's token is known to expire within the refresh margin; Zendesk's expires on the
      // server while we still believe it valid (its clock moves past the lifetime).
      await h.store.tenants.updateCredentials(h.tenantId, {
        hubspot: {
          kind: 'oauth',
          accessToken: hubspotTokens.accessToken,
          refreshToken: hubspotTokens.refreshToken!,
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        },
        zendesk: {
          kind: 'oauth',
          subdomain: c.zendeskSubdomain,
          accessToken: zendeskTokens.accessToken,
          refreshToken: zendeskTokens.refreshToken,
          expiresAt: undefined,
        },
      });
      h.sandbox.advanceTime(2 * 3600 * 1000);

      const result = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
      expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
      const saved = (await h.store.tenants.get('acme'))!.credentials;
      expect(saved.hubspot.kind === 'oauth' && saved.hubspot.accessToken).not.toBe(hubspotTokens.accessToken);
      expect(saved.zendesk?.kind === 'oauth' && saved.zendesk.accessToken).not.toBe(
        zendeskTokens.accessToken,
      );

      expect(
        (await runSync(reference.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() })).ok,
      ).toBe(true);
      expect(await snapshot(h.store, h.tenantId)).toEqual(
        await snapshot(reference.store, reference.tenantId),
      );
    } finally {
      await h.close();
      await reference.close();
      await backend!.cleanup();
    }
  });
});

describe('a token without every scope', () => {
  it('skips the streams it may not read, says why, and syncs the rest', async () => {
    const [backend] = storeBackends();
    const h = await startHarness(backend!, { seed: 6, companies: 15, rateLimits: false });
    try {
      const c = h.sandbox.credentials;
      const app = {
        clientId: c.hubspotClientId,
        clientSecret: c.hubspotClientSecret,
        redirectUri: oauthCallback(h.ctx, 'hubspot'),
      };
      h.ctx.config = loadConfig({
        HUBSPOT_CLIENT_ID: c.hubspotClientId,
        HUBSPOT_CLIENT_SECRET: c.hubspotClientSecret,
      });
      const scopes = [
        'crm.objects.companies.read',
        'crm.objects.contacts.read',
        'crm.objects.deals.read',
        'tickets',
      ];
      const tokens = await exchangeHubSpotCode(
        createApiClient({
          name: 'HubSpot',
          baseUrl: h.ctx.endpoints.hubspotBaseUrl,
          policy: hubspotRetryPolicy,
          budgets: { default: new RateBudget({ max: 100, intervalMs: 1000 }) },
        }),
        app,
        h.sandbox.hubspotAuthorize({ scopes, redirectUri: app.redirectUri }),
      );
      const current = (await h.store.tenants.get('acme'))!.credentials;
      await h.store.tenants.updateCredentials(h.tenantId, {
        ...current,
        hubspot: {
          kind: 'oauth',
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken!,
          expiresAt: tokens.expiresAt!,
        },
      });
      const out = quietOut();
      const result = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out });
      expect(result.ok).toBe(true);
      const streams = result.sources.flatMap((s) => s.streams);
      expect(streams.find((p) => p.stream === 'hubspot.feedback_submissions')?.skipped).toMatch(
        /crm\.objects\.feedback_submissions\.read/,
      );
      expect(streams.filter((p) => p.skipped).map((p) => p.stream)).toEqual([
        'hubspot.feedback_submissions',
        'hubspot.owners',
      ]);
      expect(await h.store.countRecords(h.tenantId, 'companies')).toBe(h.sandbox.data.companies.length);
      expect((out as unknown as { text: string }).text).toContain('skipped hubspot.feedback_submissions');
    } finally {
      await h.close();
      await backend!.cleanup();
    }
  });
});
