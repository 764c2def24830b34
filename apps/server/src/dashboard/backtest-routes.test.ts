import { refreshAccounts } from '@csm/accounts';
import { churnBacktest, defaultHealthModel } from '@csm/metrics';
import { aCompany, aDeal, aSurveyResponse, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';

const ADMIN = 'backtest-admin-password';
const headers = {
  authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`,
  'content-type': 'application/json',
};
const start = new Date('2026-03-01T12:00:00Z');
const now = new Date('2026-06-01T12:00:00Z');

forEachStore('dashboard backtest', (getStore) => {
  async function seed() {
    const store = getStore();
    const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
    const acme = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 7, credentials });
    const other = await store.tenants.upsert({ name: 'other', hubspotPortalId: 8, credentials });
    const companies = ['1', '2', '3', '4'].map((id) => aCompany(id));
    await store.writePage({ tenantId: acme.id, stream: 't', kind: 'companies', records: companies });
    await store.writePage({ tenantId: other.id, stream: 't', kind: 'companies', records: companies });
    const deal = (id: string, company: string, end: string | null) =>
      aDeal(id, {
        companyId: company,
        mrr: 100,
        isClosedWon: true,
        closeDate: new Date('2026-01-01T00:00:00Z'),
        contractEndDate: end ? new Date(end) : null,
      });
    // 1 and 2 churn in April (no renewal); 3 stays; 4 became a customer only in May.
    await store.writePage({
      tenantId: acme.id,
      stream: 't',
      kind: 'deals',
      records: [
        deal('11', '1', '2026-04-15T00:00:00Z'),
        deal('12', '2', '2026-04-20T00:00:00Z'),
        deal('13', '3', null),
        aDeal('14', {
          companyId: '4',
          mrr: 100,
          isClosedWon: true,
          closeDate: new Date('2026-05-01T00:00:00Z'),
        }),
      ],
    });
    // NPS sets the scores apart: the churners answered 0 and 3, the one who stays 10.
    await store.writePage({
      tenantId: acme.id,
      stream: 't',
      kind: 'surveyResponses',
      records: [
        ['s1', '1', 0],
        ['s2', '2', 3],
        ['s3', '3', 10],
      ].map(([id, company, value]) =>
        aSurveyResponse(String(id), {
          source: 'ingest',
          companyId: String(company),
          surveyType: 'NPS',
          value: Number(value),
          scaleMin: 0,
          scaleMax: 10,
          submittedAt: new Date('2026-02-01T00:00:00Z'),
        }),
      ),
    });
    // The other tenant's accounts all churned: never part of acme's backtest.
    await store.writePage({
      tenantId: other.id,
      stream: 't',
      kind: 'deals',
      records: [deal('11', '3', '2026-04-01T00:00:00Z')],
    });
    await refreshAccounts({ store, tenantId: acme.id, now: start });
    await refreshAccounts({ store, tenantId: other.id, now: start });
    await refreshAccounts({ store, tenantId: acme.id, now });
    return { store, acme };
  }

  it('scores of the start day against the churn since, for the stored model and a draft', async () => {
    const { store, acme } = await seed();
    const { app } = testApp(store, { now: () => now, env: { CSM_ADMIN_TOKEN: ADMIN } });
    const res = await app.request('/dashboard/api/tenants/acme/backtest?horizonDays=92', { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { startDay: string; current: ReturnType<typeof churnBacktest> };
    expect(body.startDay).toBe('2026-03-01');
    // Customers on March 1st: 1, 2 and 3 (4 came later); 1 and 2 churned.
    const snaps = await store.dashboardReads.snapshotsAsOf(acme.id, '2026-03-01', 31);
    const band = (b: string | null) => b as 'green' | 'yellow' | 'red' | null;
    const expected = churnBacktest(
      snaps
        .filter((s) => s.companyId !== '4')
        .map((s) => ({ score: s.score, band: band(s.band), churned: s.companyId !== '3' })),
    );
    expect(body.current).toEqual(expected);
    expect(body.current).toMatchObject({ accounts: 3, churned: 2, auc: 1 });

    // A draft that ignores NPS cannot tell them apart any more.
    const { nps: _nps, ...withoutNps } = defaultHealthModel.components;
    const draft = await app.request('/dashboard/api/tenants/acme/backtest', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        horizonDays: 92,
        healthModel: { ...defaultHealthModel, components: withoutNps },
      }),
    });
    expect(draft.status).toBe(200);
    const both = (await draft.json()) as { current: unknown; draft: ReturnType<typeof churnBacktest> };
    expect(both.current).toEqual(expected);
    expect(both.draft.auc).toBe(0.5);

    const bad = await app.request('/dashboard/api/tenants/acme/backtest', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        horizonDays: 92,
        healthModel: { ...defaultHealthModel, bands: { green: 10, yellow: 50 } },
      }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('healthModel.bands.yellow');
  });
});
