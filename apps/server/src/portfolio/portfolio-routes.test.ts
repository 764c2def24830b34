import { aCompany, aDeal, addTestTenant, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';

forEachStore('portfolio API', (getStore) => {
  it('answers a tenant’s month and quarter for its key only, and names a bad period', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 7);
    const other = await addTestTenant(store, 'other', 8);
    for (const [t, mrr] of [
      [acme, 100],
      [other, 7],
    ] as const) {
      await store.writePage({ tenantId: t.id, stream: 'c', kind: 'companies', records: [aCompany('1')] });
      await store.writePage({
        tenantId: t.id,
        stream: 'd',
        kind: 'deals',
        records: [aDeal('5', { companyId: '1', mrr, closeDate: new Date('2026-01-01T00:00:00Z') })],
      });
    }
    const { key } = await store.apiKeys.create(acme.id, 'tests');
    const { key: otherKey } = await store.apiKeys.create(other.id, 'tests');
    const { app } = testApp(store);
    const get = (q: string, auth = key) =>
      app.request(`/api/v1/portfolio${q}`, { headers: { authorization: `Bearer ${auth}` } });

    const month = await get('?month=2026-03');
    expect(month.status).toBe(200);
    expect(await month.json()).toMatchObject({ period: { label: '2026-03' }, mrr: 100, arr: 1200 });
    expect(await (await get('?quarter=2026-Q1', otherKey)).json()).toMatchObject({ mrr: 7 });
    for (const q of [
      '',
      '?month=2026-13',
      '?quarter=2026-Q5',
      '?month=2026-03&quarter=2026-Q1',
      '?year=2026',
    ]) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_input');
    }
    expect((await get('?month=2026-03', 'csm_live_nope')).status).toBe(401);
  });
});
