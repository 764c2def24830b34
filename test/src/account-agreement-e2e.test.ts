import {
  type AccountReport,
  defaultWindows,
  refreshAccounts,
  saveTenantSettings,
  type TenantSettings,
} from '@csm/accounts';
import { defaultHealthModel } from '@csm/metrics';
import { createSandbox } from '@csm/sandbox';
import { addTenant, buildReport, type CliContext, loadConfig, runSync } from '@csm/server';
import { signedHubSpotGet, testApp } from '@csm/server/test-utils';
import type { Store } from '@csm/store';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut } from './harness.ts';

/**
 * `csm report --json`, the HubSpot company card and the Zendesk sidebar answer the same figures for
 * every account, for a tenant with its own health model and windows, before the first refresh
 * (computed on read) and after it (stored), while another tenant with overlapping HubSpot and
 * Zendesk ids keeps its own figures and the default settings.
 */

const COMPANIES = 30;
const silent = createLogger({ level: 'silent' });

/** A model that leaves out ticket load and recency, with stricter bands, and shorter windows. */
const custom: TenantSettings = {
  healthModel: {
    components: {
      nps: { ...defaultHealthModel.components.nps, weight: 30 },
      csat: { ...defaultHealthModel.components.csat, weight: 30 },
      fcr: defaultHealthModel.components.fcr,
      openUrgentTickets: defaultHealthModel.components.openUrgentTickets,
      mrrChange: defaultHealthModel.components.mrrChange,
    },
    bands: { green: 80, yellow: 55 },
  },
  windows: { npsDays: 180, csatDays: 30, cesDays: 30, fcrDays: 45, firstReplyDays: 60 },
};

async function tenantOn(store: Store, seed: number, name: string) {
  const sandbox = createSandbox({ seed, companies: COMPANIES, rateLimits: { scale: 50 } });
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const ctx: CliContext = {
    config: loadConfig({}),
    store,
    logger: silent,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
  };
  const c = sandbox.credentials;
  const tenant = await addTenant(ctx, {
    name,
    hubspotToken: c.hubspotPrivateAppToken,
    zendeskSubdomain: c.zendeskSubdomain,
    zendeskEmail: c.zendeskEmail,
    zendeskToken: c.zendeskApiToken,
  });
  const result = await runSync(ctx, name, { full: true, budgetScale: 50, out: quietOut() });
  expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
  return { tenant, portalId: c.hubspotPortalId, close: () => server.close() };
}

/** Every surface's view of every account of a tenant, checked against its report. */
async function expectSurfacesAgree(store: Store, name: string, portalId: number): Promise<AccountReport[]> {
  const { app } = testApp(store);
  const report = await buildReport(store, name);
  expect(report.length).toBe(COMPANIES);
  const byId = new Map(report.map((r) => [r.hubspotCompanyId, r]));
  for (const r of report) {
    const res = await app.request(
      signedHubSpotGet(`/cards/hubspot/companies/${r.hubspotCompanyId}?portalId=${portalId}`),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { account: AccountReport; card: { account: AccountReport } };
    expect(answer.account, `card of ${r.hubspotCompanyId}`).toEqual(r);
    expect(answer.card.account).toEqual(r);
  }
  const tenant = (await store.tenants.get(name))!;
  const token = (await store.tenants.zendeskAppToken(name))!;
  let linked = 0;
  for (const org of await store.readRecords(tenant.id, 'zendeskOrganizations')) {
    const res = await app.request(`/cards/zendesk/organizations/${org.zendeskOrgId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      account: AccountReport | null;
      link: { companyId: string } | null;
    };
    if (!answer.link) continue;
    linked++;
    expect(answer.account, `sidebar of organization ${org.zendeskOrgId}`).toEqual(
      byId.get(answer.link.companyId),
    );
  }
  expect(linked).toBeGreaterThan(0);
  return report;
}

for (const backend of storeBackends()) {
  describe(`report, HubSpot card and Zendesk sidebar agree on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('for a tenant with a custom model and windows, before and after the first refresh', async () => {
      const store = await backend.open();
      const acme = await tenantOn(store, 3, 'acme');
      const globex = await tenantOn(store, 4, 'globex');
      try {
        await saveTenantSettings(store, acme.tenant.id, custom);
        // Before the first refresh under these settings: nothing stored holds, everything is computed on read.
        await store.db.query('DELETE FROM account_metrics WHERE tenant_id = $1', [acme.tenant.id]);
        const before = await expectSurfacesAgree(store, 'acme', acme.portalId);
        for (const r of before) {
          expect(r.windows).toEqual({ npsDays: 180, csatDays: 30, fcrDays: 45 });
        }
        await refreshAccounts({ store, tenantId: acme.tenant.id });
        const after = await expectSurfacesAgree(store, 'acme', acme.portalId);
        expect(after).toEqual(before);
        // The model leaves out recency: no account's card lists it as a component or as missing.
        const { app } = testApp(store);
        const res = await app.request(
          signedHubSpotGet(
            `/cards/hubspot/companies/${after[0]!.hubspotCompanyId}?portalId=${acme.portalId}`,
          ),
        );
        const card = (
          (await res.json()) as { card: { health: { components: { key: string }[]; missing: string[] } } }
        ).card;
        expect([...card.health.components.map((c) => c.key), ...card.health.missing]).not.toContain(
          'daysSinceLastTouch',
        );

        // The other tenant: same HubSpot company ids, its own figures, default windows.
        const theirs = await expectSurfacesAgree(store, 'globex', globex.portalId);
        expect(theirs.map((r) => r.hubspotCompanyId).sort()).toEqual(
          after.map((r) => r.hubspotCompanyId).sort(),
        );
        expect(theirs.every((r) => r.windows.npsDays === defaultWindows.npsDays)).toBe(true);
        expect(theirs.map((r) => r.name)).not.toEqual(after.map((r) => r.name));
      } finally {
        await acme.close();
        await globex.close();
        await store.close();
      }
    }, 300_000);
  });
}
