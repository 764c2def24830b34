import { expect, it } from 'vitest';
import { aCompany, aTicket, aZendeskOrganization, forEachStore } from './test-utils/index.ts';

const snapshot = (companyId: string, score: number | null, band: string | null) => ({
  companyId,
  healthScore: score,
  healthBand: band,
  components: score === null ? [] : [{ key: 'nps', value: score, score, weight: 1, contribution: score }],
});

forEachStore('dashboard reads', (getStore) => {
  async function setup() {
    const store = getStore();
    const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
    const acme = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 1, credentials });
    const other = await store.tenants.upsert({ name: 'other', hubspotPortalId: 2, credentials });
    for (const t of [acme, other])
      await store.writePage({
        tenantId: t.id,
        stream: 't',
        kind: 'companies',
        records: [aCompany('1', { name: `${t.name} one` }), aCompany('2')],
      });
    await store.pastSnapshots.save(acme.id, '2026-05-31', [
      snapshot('1', 80, 'green'),
      snapshot('2', 50, 'yellow'),
    ]);
    await store.pastSnapshots.save(acme.id, '2026-06-01', [
      snapshot('1', 79.5, 'green'),
      snapshot('2', 30, 'red'),
    ]);
    await store.pastSnapshots.save(acme.id, '2026-06-02', [
      snapshot('1', 60, 'yellow'),
      snapshot('2', 30, 'red'),
    ]);
    // Another tenant with the same company ids: never counted for acme.
    await store.pastSnapshots.save(other.id, '2026-06-02', [
      snapshot('1', 10, 'red'),
      snapshot('2', 10, 'red'),
    ]);
    return { store, acme, other };
  }

  it('counts bands per day from the latest snapshot of the week before, and moves between days', async () => {
    const { store, acme } = await setup();
    expect(
      await store.dashboardReads.bandCounts(acme.id, ['2026-05-31', '2026-06-05', '2026-07-01']),
    ).toEqual([
      { day: '2026-05-31', band: 'green', accounts: 1 },
      { day: '2026-05-31', band: 'yellow', accounts: 1 },
      { day: '2026-06-05', band: 'red', accounts: 1 },
      { day: '2026-06-05', band: 'yellow', accounts: 1 },
    ]);
    const moves = await store.dashboardReads.bandMoves(acme.id, '2026-05-31', '2026-06-02');
    expect(moves.sort((a, b) => String(a.from).localeCompare(String(b.from)))).toEqual([
      { from: 'green', to: 'yellow', accounts: 1 },
      { from: 'yellow', to: 'red', accounts: 1 },
    ]);
  });

  it('lists score changes of at least minChange points, newest first, with the snapshot before', async () => {
    const { store, acme } = await setup();
    const all = await store.dashboardReads.scoreChanges(acme.id, {
      since: '2026-05-01',
      until: '2026-06-30',
    });
    expect(all.map((c) => [c.companyId, c.day, c.previousScore, c.score])).toEqual([
      ['1', '2026-06-02', 79.5, 60],
      ['1', '2026-06-01', 80, 79.5],
      ['2', '2026-06-01', 50, 30],
    ]);
    expect(all[0]).toMatchObject({ name: 'acme one', previousDay: '2026-06-01', previousBand: 'green' });
    const big = await store.dashboardReads.scoreChanges(acme.id, {
      since: '2026-05-01',
      until: '2026-06-30',
      minChange: 1,
      companyId: '1',
    });
    expect(big.map((c) => c.day)).toEqual(['2026-06-02']);
  });

  it('never replaces a snapshot with a reconstructed one', async () => {
    const { store, acme } = await setup();
    expect(
      await store.pastSnapshots.save(acme.id, '2026-06-02', [
        snapshot('1', 1, 'red'),
        snapshot('3', 5, 'red'),
      ]),
    ).toBe(1);
    const [h] = (await store.accountMetrics.history(acme.id, '1', 5)).slice(-1);
    expect(h).toMatchObject({ day: '2026-06-02', healthScore: 60 });
  });

  it('finds organizations to review with their tickets, and the records of an account in a period', async () => {
    const { store, acme } = await setup();
    await store.writePage({
      tenantId: acme.id,
      stream: 't',
      kind: 'zendeskOrganizations',
      records: [
        aZendeskOrganization('501', { name: 'Matched', domainNames: ['c1.test'] }),
        aZendeskOrganization('502', { name: 'Nowhere', domainNames: ['nowhere.test'] }),
      ],
    });
    const at = new Date('2026-06-01T10:00:00Z');
    await store.writePage({
      tenantId: acme.id,
      stream: 't',
      kind: 'tickets',
      records: [
        aTicket('9001', { source: 'zendesk', organizationId: '502', createdAt: at, updatedAt: at }),
        aTicket('9002', { source: 'zendesk', organizationId: '501', createdAt: at, updatedAt: at }),
      ],
    });
    const review = await store.dashboardReads.organizationsToReview(acme.id);
    expect(review.map((o) => [o.zendeskOrgId, o.tickets, o.linkedCompanyId])).toEqual([['502', 1, null]]);
    expect(await store.dashboardReads.organizationsOf(acme.id, '1')).toEqual(['501']);
    const events = await store.dashboardReads.accountEvents(
      acme.id,
      '1',
      new Date('2026-06-01T00:00:00Z'),
      new Date('2026-06-02T00:00:00Z'),
    );
    expect(events.map((e) => [e.kind, e.externalId])).toEqual([['ticket-created', '9002']]);
    await store.linkOrganization(acme.id, '502', '2');
    const after = await store.dashboardReads.organizationsToReview(acme.id);
    expect(after.map((o) => [o.zendeskOrgId, o.explicit, o.linkedCompanyId])).toEqual([['502', true, '2']]);
  });

  it('keeps settings versions in order per tenant, and lets a link be used once', async () => {
    const { store, acme, other } = await setup();
    await store.settingsVersions.record(acme.id, { a: 1 }, 'admin', 'first');
    await store.settingsVersions.record(other.id, { b: 1 }, 'admin');
    const second = await store.settingsVersions.record(acme.id, { a: 2 }, 'hubspot:1:7');
    expect(second.version).toBe(2);
    expect((await store.settingsVersions.list(acme.id)).map((v) => [v.version, v.savedBy, v.note])).toEqual([
      [2, 'hubspot:1:7', null],
      [1, 'admin', 'first'],
    ]);
    expect((await store.settingsVersions.get(other.id, 1))?.settings).toEqual({ b: 1 });
    const now = new Date('2026-06-01T00:00:00Z');
    const expires = new Date('2026-06-01T00:05:00Z');
    expect(await store.dashboardLinks.claim('jti-1', expires, now)).toBe(true);
    expect(await store.dashboardLinks.claim('jti-1', expires, now)).toBe(false);
  });
});
