import { createSandbox } from '@csm/sandbox';
import { addTenant, type CliContext, loadConfig, runSync } from '@csm/server';
import type { CompanyRecord, DealRecord } from '@csm/store';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut } from './harness.ts';

const silent = createLogger({ level: 'silent' });

for (const backend of storeBackends()) {
  describe(`portal currency and last touch on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('keeps each portal’s currency, its deals’ currency and its companies’ last touch apart', async () => {
      // Two portals whose HubSpot object ids overlap (the sandbox numbers from the same bases).
      const usd = createSandbox({ seed: 21, companies: 25, rateLimits: false });
      const eur = createSandbox({ seed: 22, companies: 25, rateLimits: false, companyCurrency: 'EUR' });
      expect(eur.data.companies[0]!.id).toBe(usd.data.companies[0]!.id);
      const servers = await Promise.all([usd.listen({ port: 0 }), eur.listen({ port: 0 })]);
      const store = await backend.open();
      try {
        const ctxOf = (i: number): CliContext => ({
          config: loadConfig({}),
          store,
          logger: silent,
          endpoints: {
            hubspotBaseUrl: servers[i]!.hubspotBaseUrl,
            zendeskBaseUrlTemplate: servers[i]!.zendeskBaseUrl,
          },
        });
        const a = await addTenant(ctxOf(0), {
          name: 'acme',
          hubspotToken: usd.credentials.hubspotPrivateAppToken,
        });
        const b = await addTenant(ctxOf(1), {
          name: 'beta',
          hubspotToken: eur.credentials.hubspotPrivateAppToken,
        });
        expect([a.currency, b.currency]).toEqual(['USD', 'EUR']);

        // Each whole sync reads the currency again (an admin may change it in HubSpot).
        await store.db.query('UPDATE tenants SET currency = NULL');
        for (const [i, name] of ['acme', 'beta'].entries())
          expect((await runSync(ctxOf(i), name, { full: true, out: quietOut() })).ok).toBe(true);
        expect((await store.tenants.get('acme'))?.currency).toBe('USD');
        expect((await store.tenants.get('beta'))?.currency).toBe('EUR');

        for (const [sandbox, tenant, currency] of [
          [usd, a, 'USD'],
          [eur, b, 'EUR'],
        ] as const) {
          const deals = (await store.readRecords(tenant.id, 'deals')) as DealRecord[];
          expect(deals).toHaveLength(sandbox.data.deals.length);
          expect(new Set(deals.map((d) => d.currency))).toEqual(new Set([currency]));
          const companies = (await store.readRecords(tenant.id, 'companies')) as CompanyRecord[];
          const expected = new Map(
            sandbox.data.companies.map((c) => [c.id, c.properties.notes_last_contacted ?? null]),
          );
          for (const c of companies)
            expect(c.notesLastContacted?.toISOString() ?? null, c.hubspotCompanyId).toBe(
              expected.get(c.hubspotCompanyId),
            );
          expect(companies.filter((c) => c.notesLastContacted).length).toBeGreaterThan(companies.length / 2);
        }
      } finally {
        await store.close();
        await Promise.all(servers.map((s) => s.close()));
      }
    });
  });
}
