import { expect, it } from 'vitest';
import { forEachStore } from './test-utils/index.ts';

const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
const row = (companyId: string, card: unknown) => ({
  companyId,
  healthScore: 50,
  healthBand: 'yellow',
  card,
  components: [],
});

forEachStore('stored cards', (getStore) => {
  it('keep the text they were written with: key order as given, not sorted', async () => {
    const store = getStore();
    const t = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 1, credentials });
    // Keys deliberately out of alphabetical and length order (jsonb would reorder them).
    const card = { zeta: 1, account: { name: 'Acme', id: '1' }, b: [{ y: 2, x: 1 }], computedAt: 'now' };
    await store.accountMetrics.save(t.id, '2026-06-01', new Date('2026-06-01T00:00:00Z'), [row('1', card)]);
    const [stored] = await store.db.query<{ text: string }>(
      'SELECT card::text AS text FROM account_metrics WHERE tenant_id = $1',
      [t.id],
    );
    expect(stored?.text).toBe(JSON.stringify(card));
    // The readers that pick parts of a stored card still find them.
    const reports = await store.accountMetrics.reports(t.id);
    expect(reports.reports).toEqual([{ name: 'Acme', id: '1' }]);
  });
});

forEachStore('the card bundle', (getStore) => {
  it('answers concurrent first reads (one statement prepared once), each portal its own account', async () => {
    const store = getStore();
    for (const [name, portal] of [
      ['acme', 1],
      ['other', 2],
    ] as const) {
      const t = await store.tenants.upsert({ name, hubspotPortalId: portal, credentials });
      await store.accountMetrics.save(t.id, '2026-06-01', new Date('2026-06-01T00:00:00Z'), [
        row('1', { account: { name }, computedAt: '2026-06-01T00:00:00.000Z' }),
      ]);
    }
    const reads = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.accountMetrics.cardBundle((i % 2) + 1, '1')),
    );
    expect(reads.map((b) => b?.accountText)).toEqual(
      Array.from({ length: 8 }, (_, i) => JSON.stringify({ name: i % 2 ? 'other' : 'acme' })),
    );
    expect(reads[0]).toMatchObject({
      tenantActive: true,
      cardText: '{"account":{"name":"acme"},"computedAt":"2026-06-01T00:00:00.000Z"}',
      computedAt: '2026-06-01T00:00:00.000Z',
      freshness: { hubspot: null, zendesk: null },
    });
    expect(await store.accountMetrics.cardBundle(1, '2')).toMatchObject({
      cardText: null,
      accountText: null,
    });
    expect(await store.accountMetrics.cardBundle(3, '1')).toBeNull();
  });
});
