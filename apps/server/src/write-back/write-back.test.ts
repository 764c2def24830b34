import type { AccountCard } from '@csm/accounts';
import { companyAppProperties } from '@csm/hubspot';
import { forEachStore } from '@csm/store/test-utils';
import { afterEach, expect, it } from 'vitest';
import { runSync } from '../cli/sync.ts';
import {
  createAppProperties,
  quietOut,
  type SandboxTenant,
  sandboxTenant,
  silent,
} from '../test-utils/write-back.ts';
import { writeBackCompanyProperties } from './write-back.ts';

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
    const second = await writeBackCompanyProperties({
      store,
      tenantId: h.tenant.id,
      hubspot,
      logger: silent,
    });
    expect(second).toMatchObject({ written: 0, calls: 0 });
    expect(batchUpdates(h)).toHaveLength(3);

    // One account changes (a detractor answers): exactly that company is written, with its new figures.
    const company = h.sandbox.data.companies[5]!;
    const contact = h.sandbox.data.contacts.find((c) => c.properties.associatedcompanyid === company.id)!;
    h.sandbox.mutate.addFeedbackSubmission({
      contactId: contact.id,
      surveyType: 'NPS',
      value: 0,
      comment: 'down again',
    });
    await h.syncAndRefresh();
    const third = await writeBackCompanyProperties({ store, tenantId: h.tenant.id, hubspot, logger: silent });
    expect(third).toMatchObject({ written: 1, calls: 1 });
    const last = batchUpdates(h).at(-1)!;
    expect(last.inputs.map((i) => i.id)).toEqual([company.id]);
    const card = (await store.accountMetrics.card(h.tenant.id, company.id))!.card as AccountCard;
    expect(last.inputs[0]!.properties[p.nps]).toBe(round(card.nps.score));
    expect(last.inputs[0]!.properties[p.nps]).not.toBe(sent.get(company.id)![p.nps]);
    expect((await store.writeBack.written(h.tenant.id)).get(company.id)?.properties).toEqual(
      last.inputs[0]!.properties,
    );
  }, 120_000);

  it('compares only the cards stored since the last complete write-back, not the whole portfolio', async () => {
    const store = getStore();
    h = await sandboxTenant(store, { seed: 23, companies: 40, rateLimits: false });
    const hubspot = await h.hubspot();
    await createAppProperties(hubspot);
    await h.syncAndRefresh();
    const run = () =>
      writeBackCompanyProperties({ store, tenantId: h!.tenant.id, hubspot, logger: silent, overlapMs: 0 });
    expect(await run()).toMatchObject({ written: 40 });
    const detractor = (index: number) => {
      const company = h!.sandbox.data.companies[index]!;
      const contact = h!.sandbox.data.contacts.find((c) => c.properties.associatedcompanyid === company.id)!;
      h!.sandbox.mutate.addFeedbackSubmission({ contactId: contact.id, surveyType: 'NPS', value: 0 });
      return company.id;
    };
    const first = detractor(3);
    await h.syncAndRefresh();
    expect(await run()).toMatchObject({ written: 1 });
    // What HubSpot was sent for an unchanged account is forgotten behind the write-back's back: as
    // its card is older than the last complete write-back, it is not read again.
    const unchanged = h.sandbox.data.companies[10]!.id;
    await store.db.query('DELETE FROM company_property_writes WHERE tenant_id = $1 AND company_id = $2', [
      h.tenant.id,
      unchanged,
    ]);
    const second = detractor(7);
    await h.syncAndRefresh();
    expect(await run()).toMatchObject({ written: 1, calls: 1 });
    expect(
      batchUpdates(h)
        .at(-1)!
        .inputs.map((i) => i.id),
    ).toEqual([second]);
    expect(first).not.toBe(second);
    // Without the mark (a new install, or after a failed run) every card is compared again.
    await store.db.query('UPDATE tenant_settings SET write_back_through = NULL WHERE tenant_id = $1', [
      h.tenant.id,
    ]);
    expect(await run()).toMatchObject({ written: 1 });
    expect(
      batchUpdates(h)
        .at(-1)!
        .inputs.map((i) => i.id),
    ).toEqual([unchanged]);
  }, 120_000);

  it('skips a portal without the app’s properties (no error, nothing recorded), and writes once they exist; csm sync runs it', async () => {
    const store = getStore();
    h = await sandboxTenant(store, { seed: 22, companies: 25, rateLimits: false });
    const out = quietOut();
    await runSync(h.ctx, 'acme', { out });
    expect(out.text).toMatch(/HubSpot write-back skipped: the app's company properties are missing/);
    expect(batchUpdates(h)).toEqual([]);
    expect((await store.writeBack.written(h.tenant.id)).size).toBe(0);

    await createAppProperties(await h.hubspot());
    const again = quietOut();
    await runSync(h.ctx, 'acme', { out: again });
    expect(again.text).toContain('HubSpot write-back: 25 companies updated in 1 calls');
    expect(batchUpdates(h).map((u) => u.inputs.length)).toEqual([25]);
    expect((await store.writeBack.written(h.tenant.id)).size).toBe(25);
  }, 120_000);
});
