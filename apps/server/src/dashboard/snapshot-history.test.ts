import { refreshAccounts } from '@csm/accounts';
import { aCompany, aDeal, aSurveyResponse, forEachStore } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { historyDays, reconstructHistory } from './snapshot-history.ts';

describe('historyDays', () => {
  it('month ends, then every day of the last days, oldest first, without today', () => {
    expect(historyDays(new Date('2026-03-10T15:00:00Z'), 3, 3)).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
  });
});

forEachStore('reconstructHistory', (getStore) => {
  it('writes each day’s health from the records as they stood, and keeps real snapshots', async () => {
    const store = getStore();
    const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
    const tenant = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 1, credentials });
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'companies',
      records: [aCompany('1'), aCompany('2', { name: 'Not a customer yet' })],
    });
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'deals',
      records: [
        aDeal('10', {
          companyId: '1',
          mrr: 100,
          isClosedWon: true,
          closeDate: new Date('2026-01-15T00:00:00Z'),
        }),
      ],
    });
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'surveyResponses',
      records: [
        aSurveyResponse('s1', {
          source: 'ingest',
          companyId: '1',
          surveyType: 'NPS',
          value: 0,
          scaleMin: 0,
          scaleMax: 10,
          submittedAt: new Date('2026-02-10T00:00:00Z'),
        }),
      ],
    });
    const now = new Date('2026-03-10T12:00:00Z');
    await refreshAccounts({ store, tenantId: tenant.id, now });
    const result = await reconstructHistory(store, tenant.id, { now, months: 3, dailyDays: 0 });
    // December 31: company 1 was no customer yet and nobody had answered, so no snapshot.
    expect(result).toEqual({ days: 3, written: 2 });
    const history = await store.accountMetrics.history(tenant.id, '1', 10);
    expect(history.map((h) => h.day)).toEqual(['2026-01-31', '2026-02-28', '2026-03-10']);
    // January: a customer without answers; February: the detractor's NPS is in.
    const keys = (i: number) => (history[i]!.components as { key: string }[]).map((c) => c.key);
    expect(keys(0)).not.toContain('nps');
    expect(keys(1)).toContain('nps');
    expect(await store.accountMetrics.history(tenant.id, '2', 10)).toHaveLength(1);
    // Again: nothing is replaced.
    expect(await reconstructHistory(store, tenant.id, { now, months: 3, dailyDays: 0 })).toEqual({
      days: 3,
      written: 0,
    });
  });
});
