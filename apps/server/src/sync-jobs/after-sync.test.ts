import { forEachStore } from '@csm/store/test-utils';
import { syncTenant } from '@csm/sync';
import { afterEach, expect, it } from 'vitest';
import { createAppProperties, type SandboxTenant, sandboxTenant, silent } from '../test-utils/write-back.ts';
import { afterSyncPipeline } from './after-sync.ts';

forEachStore('after-sync pipeline', (getStore) => {
  const opened: SandboxTenant[] = [];
  afterEach(async () => {
    for (const h of opened.splice(0)) await h.close();
  });

  it('refreshes, writes back and runs playbooks per tenant; two tenants with the same ids keep their own figures', async () => {
    const store = getStore();
    // Two portals whose HubSpot and Zendesk ids overlap (the sandbox numbers them alike).
    const a = await sandboxTenant(store, { seed: 41, companies: 30, rateLimits: false });
    opened.push(a);
    const b = await sandboxTenant(store, { seed: 42, companies: 12, rateLimits: false }, 'beta');
    opened.push(b);
    await createAppProperties(await a.hubspot());

    const run = async (h: SandboxTenant) => {
      const result = await syncTenant({
        store,
        tenant: h.tenant,
        endpoints: h.ctx.endpoints,
        logger: silent,
      });
      expect(result.ok).toBe(true);
      return afterSyncPipeline({
        store,
        config: h.ctx.config,
        endpoints: h.ctx.endpoints,
        logger: silent,
        now: () => new Date(),
      })(h.tenant, result);
    };

    const first = await run(a);
    expect(first.grant).toBe('not-checked');
    expect(first.refresh).toMatchObject({ ok: true, value: { accounts: 30 } });
    expect(first.writeBack).toMatchObject({ ok: true, value: { written: 30, skipped: null } });
    expect(first.playbooks).toMatchObject({ ok: true });

    const second = await run(b);
    expect(second.refresh).toMatchObject({ ok: true, value: { accounts: 12 } });
    // B's portal has no app properties: its write-back is skipped, and A's portal saw no write of B's.
    expect(second.writeBack).toMatchObject({ ok: true, value: { written: 0 } });
    expect((second.writeBack as { value: { skipped: string | null } }).value.skipped).toMatch(/properties/);
    const aWrites = a.sandbox.writes().filter((w) => w.path === '/crm/v3/objects/companies/batch/update');
    expect(aWrites.flatMap((w) => (w.body as { inputs: unknown[] }).inputs)).toHaveLength(30);

    // Each tenant's stored figures are its own, over the same company ids.
    const reportsA = await store.accountMetrics.reports(a.tenant.id);
    const reportsB = await store.accountMetrics.reports(b.tenant.id);
    expect(reportsA.count).toBe(30);
    expect(reportsB.count).toBe(12);
    const nameOf = (r: unknown) => (r as { name: string | null }).name;
    const idOf = (r: unknown) => (r as { hubspotCompanyId: string }).hubspotCompanyId;
    const shared = reportsB.reports.filter((r) => reportsA.reports.some((x) => idOf(x) === idOf(r)));
    expect(shared.length).toBeGreaterThan(0);
    for (const r of shared) {
      expect(nameOf(r)).toBe(b.sandbox.data.companies.find((c) => String(c.id) === idOf(r))?.properties.name);
    }

    // A second run writes back nothing new and creates no second task.
    const again = await run(a);
    expect(again.writeBack).toMatchObject({ ok: true, value: { written: 0 } });
    expect(again.playbooks).toMatchObject({ ok: true, value: { created: [] } });
  });
});
