import { defaultHealthModel } from '@csm/metrics';
import { aCompany, addTestTenant, aSurveyResponse, aTicket, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import type { AccountCard } from './contract/card.ts';
import { refreshAccounts } from './refresh.ts';
import { saveTenantSettings } from './settings.ts';
import { readAccountCard, tenantReport } from './stored-cards.ts';
import { computeCards } from './tenant-cards.ts';
import { defaultWindows } from './windows.ts';

const now = new Date('2026-06-15T12:00:00Z');
const monthAgo = new Date('2026-05-16T09:00:00Z');
const later = new Date('2026-06-15T13:00:00Z');

forEachStore('account metrics refresh', (getStore) => {
  async function seed() {
    const store = getStore();
    const tenant = await addTestTenant(store);
    await store.writePage({
      tenantId: tenant.id,
      stream: 'hubspot.companies',
      kind: 'companies',
      records: [aCompany('1'), aCompany('2'), aCompany('3')],
    });
    await store.writePage({
      tenantId: tenant.id,
      stream: 'ingest',
      kind: 'surveyResponses',
      records: [
        aSurveyResponse('a', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 10,
          companyId: '1',
          submittedAt: new Date('2026-05-01T00:00:00Z'),
        }),
        aSurveyResponse('b', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 0,
          companyId: '1',
          submittedAt: new Date('2026-06-01T00:00:00Z'),
          comment: 'slow support',
        }),
      ],
    });
    await store.writePage({
      tenantId: tenant.id,
      stream: 'hubspot.tickets',
      kind: 'tickets',
      records: [aTicket('t1', { source: 'hubspot', companyId: '2', priority: 'urgent' })],
    });
    return { store, tenant };
  }

  it('stores every account card equal to the report, with a snapshot per day, read back by one lookup', async () => {
    const { store, tenant } = await seed();
    expect(await refreshAccounts({ store, tenantId: tenant.id, now, batchSize: 2 })).toEqual({
      mode: 'full',
      accounts: 3,
      reason: 'no cards stored yet',
    });
    const facts = await store.accountFacts(tenant.id);
    const computed = await computeCards(store, tenant.id, ['1', '2', '3'], now);
    for (const [i, f] of facts.entries()) {
      const stored = await store.accountMetrics.card(tenant.id, f.hubspotCompanyId);
      expect(stored?.computedAt).toEqual(now);
      expect(stored!.card).toEqual(computed[i]);
    }
    const card = (await store.accountMetrics.card(tenant.id, '1'))!.card as AccountCard;
    expect(card.lastSurveyComments.map((c) => c.comment)).toEqual(['slow support']);
    expect(await store.accountMetrics.card(tenant.id, '999')).toBeNull();
    const history = await store.accountMetrics.history(tenant.id, '1');
    expect(history.map((h) => h.day)).toEqual(['2026-06-15']);
  });

  it('trends against the snapshot of 30 days ago, and a second refresh on a day replaces its snapshot', async () => {
    const { store, tenant } = await seed();
    // A month ago the detractor had not answered yet.
    await store.db.query("UPDATE survey_responses SET company_id = NULL WHERE external_id = 'b'");
    await refreshAccounts({ store, tenantId: tenant.id, now: monthAgo });
    await store.db.query("UPDATE survey_responses SET company_id = '1' WHERE external_id = 'b'");
    await refreshAccounts({ store, tenantId: tenant.id, now });
    await refreshAccounts({ store, tenantId: tenant.id, now });
    const card = (await store.accountMetrics.card(tenant.id, '1'))!.card as AccountCard;
    const then = (await store.accountMetrics.history(tenant.id, '1'))[0]!;
    expect(then.day).toBe('2026-05-16');
    expect(card.health.trend).toMatchObject({
      basis: 'snapshot',
      since: '2026-05-16',
      scoreThen: then.healthScore,
    });
    // Then NPS was 100 (one promoter), now 0: NPS is what moved it, downwards.
    expect(card.health.trend!.direction).toBe('down');
    expect(card.health.trend!.movers[0]).toMatchObject({ key: 'nps' });
    expect((await store.accountMetrics.history(tenant.id, '1')).map((h) => h.day)).toEqual([
      '2026-05-16',
      '2026-06-15',
    ]);
  });

  it('uses the tenant health model, and drops the figures of deleted companies', async () => {
    const { store, tenant } = await seed();
    await store.settings.saveHealthModel(tenant.id, {
      ...defaultHealthModel,
      bands: { green: 99, yellow: 98 },
    });
    await refreshAccounts({ store, tenantId: tenant.id, now });
    const card = (await store.accountMetrics.card(tenant.id, '1'))!.card as AccountCard;
    expect(card.health.band).toBe('red');
    await store.db.query("DELETE FROM companies WHERE tenant_id = $1 AND hubspot_company_id = '3'", [
      tenant.id,
    ]);
    await refreshAccounts({ store, tenantId: tenant.id, now });
    expect(await store.accountMetrics.card(tenant.id, '3')).toBeNull();
  });

  it('reads a card stored before a settings change as missing, and answers with the new settings at once', async () => {
    const { store, tenant } = await seed();
    const other = await addTestTenant(store, 'other', 200);
    await store.writePage({
      tenantId: other.id,
      stream: 'hubspot.companies',
      kind: 'companies',
      records: [aCompany('1')],
    });
    await refreshAccounts({ store, tenantId: tenant.id, now });
    await refreshAccounts({ store, tenantId: other.id, now });
    const strict = { ...defaultHealthModel, bands: { green: 100, yellow: 100 } };
    await saveTenantSettings(
      store,
      tenant.id,
      { healthModel: strict, windows: { ...defaultWindows, npsDays: 20 } },
      later,
    );
    // The stored card predates the change: read as missing, computed on read with the new settings.
    expect(await store.accountMetrics.card(tenant.id, '1')).toBeNull();
    const card = (await readAccountCard(store, tenant.id, '1', later))!;
    // Within 20 days only the detractor of June 1 answered.
    expect(card.nps).toMatchObject({ score: -100, responses: 1, windowDays: 20 });
    expect(card.account.windows.npsDays).toBe(20);
    // The other tenant (same HubSpot company id) keeps its stored card and its defaults.
    const theirs = await store.accountMetrics.card(other.id, '1');
    expect(theirs).not.toBeNull();
    expect((theirs!.card as AccountCard).account.windows.npsDays).toBe(365);
    // After the refresh the stored card holds again and equals what was computed on read.
    await refreshAccounts({ store, tenantId: tenant.id, now: later });
    expect((await store.accountMetrics.card(tenant.id, '1'))!.card).toEqual(card);
    expect((await tenantReport(store, tenant.id)).find((r) => r.hubspotCompanyId === '1')).toEqual(
      card.account,
    );
  });

  it('writes only the cards that changed; unchanged ones keep their row, are current as of the refresh and still get a daily snapshot', async () => {
    const { store, tenant } = await seed();
    // Another tenant with the same company ids: its cards are its own.
    const other = await addTestTenant(store, 'other', 200);
    await store.writePage({
      tenantId: other.id,
      stream: 'hubspot.companies',
      kind: 'companies',
      records: [aCompany('1'), aCompany('2')],
    });
    await refreshAccounts({ store, tenantId: tenant.id, now });
    await refreshAccounts({ store, tenantId: other.id, now });
    const rows = async (tenantId: number) =>
      store.db.query<{ company_id: string; computed_at: Date | string; card_hash: string }>(
        'SELECT company_id, computed_at, card_hash FROM account_metrics WHERE tenant_id = $1 ORDER BY company_id',
        [tenantId],
      );
    const first = await rows(tenant.id);
    expect(first.map((r) => new Date(r.computed_at))).toEqual([now, now, now]);

    // Nothing changed, an hour later: no card is written again, and every card is current as of then.
    await refreshAccounts({ store, tenantId: tenant.id, now: later });
    expect(await rows(tenant.id)).toEqual(first);
    expect((await store.accountMetrics.card(tenant.id, '1'))?.computedAt).toEqual(later);
    expect((await store.accountMetrics.reports(tenant.id)).oldest).toEqual(later);
    // The other tenant's refresh is its own.
    expect((await store.accountMetrics.card(other.id, '1'))?.computedAt).toEqual(now);

    // A new answer changes account 1's card alone.
    const next = new Date('2026-06-16T08:00:00Z');
    await store.writePage({
      tenantId: tenant.id,
      stream: 'ingest',
      kind: 'surveyResponses',
      records: [
        aSurveyResponse('c', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 10,
          companyId: '3',
          submittedAt: later,
        }),
      ],
    });
    await refreshAccounts({ store, tenantId: tenant.id, now: next });
    const after = await rows(tenant.id);
    expect(after.find((r) => r.company_id === '3')!.card_hash).not.toBe(first[2]!.card_hash);
    expect(new Date(after.find((r) => r.company_id === '3')!.computed_at)).toEqual(next);
    // The card stored is the one computed now, whether it was written again or not.
    const computed = await computeCards(store, tenant.id, ['2', '3'], next);
    expect((await store.accountMetrics.card(tenant.id, '3'))!.card).toEqual(computed[1]);
    // Every account has its snapshot of the new day, changed or not.
    for (const id of ['1', '2', '3'])
      expect((await store.accountMetrics.history(tenant.id, id)).map((h) => h.day)).toEqual([
        '2026-06-15',
        '2026-06-16',
      ]);
    expect((await store.accountMetrics.history(other.id, '1')).map((h) => h.day)).toEqual(['2026-06-15']);
  });

  it('keeps an unchanged card current after a settings change that leaves its figures as they were', async () => {
    const { store, tenant } = await seed();
    await refreshAccounts({ store, tenantId: tenant.id, now });
    // Same model, same windows: saved again, the figures do not change.
    await saveTenantSettings(
      store,
      tenant.id,
      { healthModel: defaultHealthModel, windows: defaultWindows },
      now,
    );
    await refreshAccounts({ store, tenantId: tenant.id, now: later });
    const stored = await store.accountMetrics.card(tenant.id, '1');
    expect(stored?.computedAt).toEqual(later);
    expect((stored!.card as AccountCard).computedAt).toBe(now.toISOString());
  });
});
