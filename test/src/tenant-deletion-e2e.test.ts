import { createSandbox } from '@csm/sandbox';
import { addTenant, type CliContext, deleteTenant, loadConfig, runSync } from '@csm/server';
import { tenantTables } from '@csm/store';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut } from './harness.ts';

const silent = createLogger({ level: 'silent' });

for (const backend of storeBackends()) {
  describe(`csm tenants delete on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('leaves no row of the tenant in any table, and the other tenant as it was', async () => {
      // Two portals and Zendesk accounts whose ids overlap, each synced to the end (records,
      // cursors, runs, figures, snapshots, write-back and playbook bookkeeping).
      const sandboxes = [
        createSandbox({ seed: 31, companies: 20, rateLimits: false }),
        createSandbox({ seed: 32, companies: 20, rateLimits: false }),
      ];
      const servers = await Promise.all(sandboxes.map((s) => s.listen({ port: 0 })));
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
        const ids: number[] = [];
        for (const [i, name] of ['acme', 'beta'].entries()) {
          const c = sandboxes[i]!.credentials;
          const tenant = await addTenant(ctxOf(i), {
            name,
            hubspotToken: c.hubspotPrivateAppToken,
            zendeskSubdomain: c.zendeskSubdomain,
            zendeskEmail: c.zendeskEmail,
            zendeskToken: c.zendeskApiToken,
          });
          ids.push(tenant.id);
          expect((await runSync(ctxOf(i), name, { full: true, out: quietOut() })).ok).toBe(true);
          await store.apiKeys.create(tenant.id, 'export');
          await store.webhooks.claimEvents(tenant.id, 'hubspot', ['1', '2']);
        }
        const [acme, beta] = ids as [number, number];
        const count = async (table: string, tenantId: number) =>
          Number(
            (
              await store.db.query<{ n: string | number }>(
                `SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`,
                [tenantId],
              )
            )[0]!.n,
          );
        const tables = await tenantTables(store.db);
        const before = new Map<string, number>();
        for (const table of tables) before.set(table, await count(table, beta));
        // Most tables hold rows of both tenants, so the check below means something.
        const filled = tables.filter((t) => before.get(t)! > 0);
        expect(filled.length).toBeGreaterThanOrEqual(12);
        for (const table of filled) expect(await count(table, acme), table).toBeGreaterThan(0);

        await expect(deleteTenant(store, 'acme')).rejects.toThrow(/run again with --yes/);
        expect(await count('companies', acme)).toBeGreaterThan(0);

        const deleted = await deleteTenant(store, 'acme', { yes: true });
        expect(Object.keys(deleted.rows)).toEqual(expect.arrayContaining(filled));
        for (const table of tables) expect(await count(table, acme), table).toBe(0);
        expect(await store.tenants.get('acme')).toBeNull();
        for (const table of tables) expect(await count(table, beta), table).toBe(before.get(table));
        await expect(deleteTenant(store, 'acme', { yes: true })).rejects.toThrow('no tenant named "acme"');
      } finally {
        await store.close();
        await Promise.all(servers.map((s) => s.close()));
      }
    });
  });
}
