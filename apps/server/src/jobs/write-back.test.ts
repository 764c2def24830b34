import { companyAppProperties } from '@csm/hubspot';
import type { AccountCard } from '@csm/sync';
import { forEachStore } from '@csm/store/test-utils';
import { afterEach, expect, it } from 'vitest';
import { runSync } from '../cli/sync.ts';
import { writeBackCompanyProperties } from './write-back.ts';
import { createAppProperties, type SandboxTenant, sandboxTenant, silent } from './write-back-test-utils.ts';

const p = companyAppProperties;
const round = (n: number | null) => (n === null ? '' : String(Math.round(n * 10) / 10));
type Update = { inputs: { id: string; properties: Record<string, string> }[] };

/** The batch updates the sandbox accepted, in order. */
const batchUpdates = (h: SandboxTenant) =>
  h.sandbox
    .writes()
    .filter((w) => w.path === '/crm/v3/objects/companies/batch/update')
    .map((w) => w.body as Update);

forEachStore('HubSpot write-back', (getStore) => {
  let h: SandboxTenant | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('writes every account’s stored figures in batches of at most 100, then only what changed', async () => {
    const store = getStore();
    h = await sandboxTenant(store, { seed: 21, companies: 230, rateLimits: false });
    const hubspot = await h.hubspot();
    await createAppProperties(hubspot);
    await h.syncAndRefresh();

    const first = await writeBackCompanyProperties({ store, tenantId: h.tenant.id, hubspot, logger: silent });
    const updates = batchUpdates(h);
    expect(first).toMatchObject({ written: 230, calls: 3, skipped: null, missing: 0 });
    expect(updates.map((u) => u.inputs.length)).toEqual([100, 100, 30]);

    // What was sent is what the cards say, and what HubSpot now holds.
    const sent = new Map(updates.flatMap((u) => u.inputs.map((i) => [i.id, i.properties] as const)));
    expect(sent.size).toBe(230);
    for (const [id, properties] of sent) {
      const stored = await store.accountMetrics.card(h.tenant.id, id);
      const card = stored!.card as AccountCard;
      expect(properties).toEqual({
        [p.healthScore]: round(card.health.score),
        [p.healthBand]: card.health.band ?? '',
        [p.nps]: round(card.nps.score),
        [p.csat]: round(card.csat.score),
        [p.fcr]: round(card.fcr.rate),
        [p.lastComputed]: String(Date.parse(card.computedAt)),
      });
      const company = h.sandbox.data.companies.find((c) => String(c.id) === id)!;
      expect(company.properties[p.healthScore] ?? '').toBe(properties[p.healthScore]);
    }

    // A second sync and refresh with nothing changed: nothing written (computedAt alone moved).
    await h.syncAndRefresh();
    const second = await writeBackCompanyProperties({ store, tenantId: h.tenant.id, hubspot, logger: silent });
    expect(second).toMatchObject({ written: 0, calls: 0 });
    expect(batchUpdates(h)).toHaveLength(3);
  }, 120_000);
});
