import { accountPageSchema, accountsSchema } from '@csm/accounts/contract';
import { createSandbox, type SandboxOptions } from '@csm/sandbox';
import { addTenant, type CliContext, loadConfig, runSync } from '@csm/server';
import { signedHubSpotGet, testApp } from '@csm/server/test-utils';
import type { Store } from '@csm/store';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut } from './harness.ts';

/**
 * The owners stream end to end: synced from the sandbox over HTTP into each tenant's own
 * `hubspot_owners` (two portals whose owner ids are the same numbers name different people), read
 * whole again on every sync, skipped with the reason when the private-app token lacks
 * `crm.objects.owners.read`, and shown by name on the dashboard's accounts and account pages and
 * on the company card.
 */

const silent = createLogger({ level: 'silent' });
const ADMIN = 'admin-password-0123456789';

async function tenantOn(store: Store, name: string, options: SandboxOptions) {
  const sandbox = createSandbox({ rateLimits: { scale: 50 }, ...options });
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
  const sync = async (full = false) => {
    const out = quietOut();
    const result = await runSync(ctx, name, { full, budgetScale: 50, out });
    expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
    return { result, text: (out as unknown as { text: string }).text };
  };
  return { sandbox, tenant, sync, close: () => server.close() };
}

const fullName = (o: { firstName: string; lastName: string }) => `${o.firstName} ${o.lastName}`;

for (const backend of storeBackends()) {
  describe(`HubSpot owners on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('sync into each tenant’s own owners, again on every sync, and name each account’s owner on the dashboard', async () => {
      const store = await backend.open();
      // Seeds 3 and 4 number their owners alike (50000001, ...) but name different people.
      const acme = await tenantOn(store, 'acme', { seed: 3, companies: 200 });
      const globex = await tenantOn(store, 'globex', { seed: 4, companies: 200 });
      try {
        await acme.sync(true);
        await globex.sync(true);
        const ownersA = acme.sandbox.data.owners;
        const ownersB = globex.sandbox.data.owners;
        expect(ownersA.map((o) => o.id)).toEqual(ownersB.map((o) => o.id));
        expect(ownersA.map(fullName)).not.toEqual(ownersB.map(fullName));
        expect(ownersA.some((o) => o.archived)).toBe(true);

        for (const [t, owners] of [
          [acme, ownersA],
          [globex, ownersB],
        ] as const) {
          const stored = await store.readRecords(t.tenant.id, 'owners');
          expect(stored).toEqual(
            owners.map((o) => ({
              hubspotOwnerId: o.id,
              email: o.email,
              firstName: o.firstName,
              lastName: o.lastName,
              archived: o.archived,
              updatedAt: new Date(o.updatedAt),
            })),
          );
        }

        // Every sync reads the owners whole again (one page of active owners, one of archived).
        acme.sandbox.resetStats();
        const again = await acme.sync();
        expect(acme.sandbox.stats().byRoute['GET /hubspot/crm/v3/owners/']).toBe(2);
        expect(again.result.sources[0]!.streams.find((s) => s.stream === 'hubspot.owners')).toMatchObject({
          records: ownersA.length,
          done: true,
        });
        expect(await store.countRecords(acme.tenant.id, 'owners')).toBe(ownersA.length);

        const { app } = testApp(store, { env: { CSM_ADMIN_TOKEN: ADMIN } });
        const admin = async (path: string) => {
          const res = await app.request(`http://127.0.0.1:3000/dashboard/api${path}`, {
            headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}` },
          });
          expect(res.status, path).toBe(200);
          return res.json();
        };
        for (const [name, t, owners] of [
          ['acme', acme, ownersA],
          ['globex', globex, ownersB],
        ] as const) {
          const byId = new Map(owners.map((o) => [o.id, o]));
          const companies = new Map(t.sandbox.data.companies.map((c) => [c.id, c]));
          const rows = accountsSchema.parse(await admin(`/tenants/${name}/accounts`)).accounts;
          expect(rows).toHaveLength(200);
          for (const row of rows) {
            const ownerId = companies.get(row.account.hubspotCompanyId)!.properties.hubspot_owner_id!;
            const owner = byId.get(ownerId)!;
            expect(row.owner, `${name} ${row.account.hubspotCompanyId}`).toEqual({
              id: ownerId,
              name: fullName(owner),
              email: owner.email,
            });
          }
          const first = rows[0]!.account.hubspotCompanyId;
          const page = accountPageSchema.parse(await admin(`/tenants/${name}/accounts/${first}`));
          expect(page.owner).toEqual(rows[0]!.owner);
          // The HubSpot company card names the owner too (stored with the card by the refresh).
          const card = await app.request(
            signedHubSpotGet(
              `/cards/hubspot/companies/${first}?portalId=${t.sandbox.credentials.hubspotPortalId}`,
            ),
          );
          expect(card.status).toBe(200);
          expect(((await card.json()) as { card: { owner: unknown } }).card.owner).toEqual(rows[0]!.owner);
        }
      } finally {
        await acme.close();
        await globex.close();
        await store.close();
      }
    });

    it('skip the owners, saying why, when the private-app token lacks crm.objects.owners.read', async () => {
      const store = await backend.open();
      const narrow = await tenantOn(store, 'narrow', {
        seed: 5,
        companies: 15,
        hubspotPrivateAppScopes: [
          'crm.objects.companies.read',
          'crm.objects.contacts.read',
          'crm.objects.deals.read',
          'tickets',
          'crm.objects.feedback_submissions.read',
        ],
      });
      try {
        const { result, text } = await narrow.sync(true);
        const streams = result.sources.flatMap((s) => s.streams);
        expect(streams.filter((s) => s.skipped).map((s) => s.stream)).toEqual(['hubspot.owners']);
        expect(streams.find((s) => s.stream === 'hubspot.owners')?.skipped).toMatch(
          /lacks scope crm\.objects\.owners\.read/,
        );
        expect(text).toContain('skipped hubspot.owners');
        expect(await store.countRecords(narrow.tenant.id, 'owners')).toBe(0);
        expect(await store.countRecords(narrow.tenant.id, 'companies')).toBe(15);

        // The dashboard still shows each account's owner, by its HubSpot id.
        const { app } = testApp(store, { env: { CSM_ADMIN_TOKEN: ADMIN } });
        const res = await app.request('http://127.0.0.1:3000/dashboard/api/tenants/narrow/accounts', {
          headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}` },
        });
        const rows = accountsSchema.parse(await res.json()).accounts;
        expect(rows.length).toBe(15);
        for (const row of rows) expect(row.owner).toEqual({ id: row.ownerId, name: null, email: null });
      } finally {
        await narrow.close();
        await store.close();
      }
    });
  });
}
