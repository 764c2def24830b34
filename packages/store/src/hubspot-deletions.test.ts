import { expect, it } from 'vitest';
import { aCompany, aContact, aDeal, addTestTenant, aTicket, forEachStore } from './test-utils/index.ts';

const at = (iso: string) => new Date(iso);
const deletedAt = at('2026-03-01T00:00:00Z');

forEachStore('HubSpot deletions', (getStore) => {
  it('remove the deleted records of one tenant only, whatever ids the other tenant shares', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 100);
    const globex = await addTestTenant(store, 'globex', 200);
    for (const tenant of [acme, globex]) {
      await store.writePage({
        tenantId: tenant.id,
        stream: 'c',
        kind: 'companies',
        records: [aCompany('1'), aCompany('2')],
      });
      await store.writePage({ tenantId: tenant.id, stream: 'p', kind: 'contacts', records: [aContact('1')] });
      await store.writePage({
        tenantId: tenant.id,
        stream: 'd',
        kind: 'deals',
        records: [aDeal('1', { companyId: '1' })],
      });
      await store.writePage({
        tenantId: tenant.id,
        stream: 't',
        kind: 'tickets',
        // The same id at Zendesk and at HubSpot: only HubSpot's goes.
        records: [aTicket('1'), aTicket('1', { source: 'hubspot' })],
      });
    }

    const removed = await store.hubspotDeletions.apply(acme.id, [
      { object: 'company', id: '1', occurredAt: deletedAt },
      { object: 'contact', id: '1', occurredAt: deletedAt },
      { object: 'deal', id: '1', occurredAt: deletedAt },
      { object: 'ticket', id: '1', occurredAt: deletedAt },
      // Not stored: nothing to do.
      { object: 'deal', id: '404', occurredAt: deletedAt },
    ]);
    expect(removed).toBe(4);
    const ids = async (tenantId: number) => ({
      companies: (await store.readRecords(tenantId, 'companies')).map((c) => c.hubspotCompanyId),
      contacts: (await store.readRecords(tenantId, 'contacts')).map((c) => c.hubspotContactId),
      deals: (await store.readRecords(tenantId, 'deals')).map((d) => d.hubspotDealId),
      tickets: (await store.readRecords(tenantId, 'tickets')).map((t) => `${t.source}:${t.externalId}`),
    });
    expect(await ids(acme.id)).toEqual({ companies: ['2'], contacts: [], deals: [], tickets: ['zendesk:1'] });
    expect(await ids(globex.id)).toEqual({
      companies: ['1', '2'],
      contacts: ['1'],
      deals: ['1'],
      tickets: ['hubspot:1', 'zendesk:1'],
    });
  });

  it('keep a record modified after the deletion (restored since: events come in any order)', async () => {
    const store = getStore();
    const acme = await addTestTenant(store);
    await store.writePage({
      tenantId: acme.id,
      stream: 'c',
      kind: 'companies',
      records: [aCompany('1', { updatedAt: at('2026-03-02T00:00:00Z') }), aCompany('2')],
    });
    const removed = await store.hubspotDeletions.apply(acme.id, [
      { object: 'company', id: '1', occurredAt: deletedAt },
      { object: 'company', id: '2', occurredAt: deletedAt },
    ]);
    expect(removed).toBe(1);
    expect((await store.readRecords(acme.id, 'companies')).map((c) => c.hubspotCompanyId)).toEqual(['1']);
  });
});
