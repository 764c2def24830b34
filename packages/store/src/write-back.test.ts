import { expect, it } from 'vitest';
import { addTestTenant, forEachStore } from './test-utils/index.ts';

forEachStore('write-back candidates', (getStore) => {
  const card = (nps: number, csat: number, fcr: number) => ({
    nps: { score: nps },
    csat: { score: csat },
    fcr: { rate: fcr },
    computedAt: 'x',
  });
  const row = (companyId: string, score: number) => ({
    companyId,
    healthScore: score,
    healthBand: 'yellow',
    card: card(score + 1, score + 2, score + 3),
    components: [],
  });

  it('pages a tenant’s cards in numeric id order with their figures, never another tenant’s rows', async () => {
    const store = getStore();
    const [a, b] = [await addTestTenant(store, 'a', 1), await addTestTenant(store, 'b', 2)];
    const day = '2026-06-01';
    const at = new Date('2026-06-01T10:00:00Z');
    // The same company ids in both tenants, with other figures.
    const ids = ['2', '10', '1', '100', '20'];
    await store.accountMetrics.save(
      a.id,
      day,
      at,
      ids.map((id, i) => row(id, 10 + i)),
    );
    await store.accountMetrics.save(
      b.id,
      day,
      at,
      ids.map((id, i) => row(id, 50 + i)),
    );
    await store.writeBack.record(a.id, [{ companyId: '10', properties: { csm_health_score: '11' } }], at);

    const first = await store.writeBack.candidates(a.id, null, 3);
    expect(first.map((c) => c.companyId)).toEqual(['1', '2', '10']);
    expect(first[2]).toEqual({
      companyId: '10',
      healthScore: 11,
      healthBand: 'yellow',
      nps: 12,
      csat: 13,
      fcr: 14,
      computedAt: at,
      written: { csm_health_score: '11' },
    });
    const rest = await store.writeBack.candidates(a.id, '10', 3);
    expect(rest.map((c) => [c.companyId, c.healthScore])).toEqual([
      ['20', 14],
      ['100', 13],
    ]);
    const other = await store.writeBack.candidates(b.id, null, 10);
    expect(other.map((c) => [c.companyId, c.healthScore, c.nps, c.written])).toEqual([
      ['1', 52, 53, null],
      ['2', 50, 51, null],
      ['10', 51, 52, null],
      ['20', 54, 55, null],
      ['100', 53, 54, null],
    ]);
    // With `since`, only the cards stored at or after it.
    const later = new Date('2026-06-01T11:00:00Z');
    await store.accountMetrics.save(a.id, day, later, [row('20', 30)]);
    expect((await store.writeBack.candidates(a.id, null, 10, later)).map((c) => c.companyId)).toEqual(['20']);
  });
});
