import { expect, it } from 'vitest';
import { cardContentHash } from './card-writes.ts';
import { addTestTenant, forEachStore } from './test-utils/index.ts';

it('hashes a card without its trailing computedAt, and any other shape whole', () => {
  const card = (score: number, computedAt: string) => JSON.stringify({ a: { score }, computedAt });
  expect(cardContentHash(card(1, '2026-06-01T00:00:00.000Z'))).toBe(
    cardContentHash(card(1, '2026-06-02T00:00:00.000Z')),
  );
  expect(cardContentHash(card(1, '2026-06-01T00:00:00.000Z'))).not.toBe(
    cardContentHash(card(2, '2026-06-01T00:00:00.000Z')),
  );
  // computedAt not last: part of the content.
  const first = (at: string) => JSON.stringify({ computedAt: at, a: 1 });
  expect(cardContentHash(first('x'))).not.toBe(cardContentHash(first('y')));
});

forEachStore('card writes', (getStore) => {
  const row = (companyId: string, score: number, computedAt: string) => ({
    companyId,
    healthScore: score,
    healthBand: 'yellow',
    card: { account: { id: companyId }, score, computedAt },
    components: [{ key: 'nps', contribution: score }],
  });

  it('compresses stored cards with LZ4 where the server has it, else with its default', async () => {
    const store = getStore();
    const [setting] = await store.db.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const [column] = await store.db.query<{ compression: string }>(
      `SELECT attcompression::text AS compression FROM pg_attribute
       WHERE attrelid = 'account_metrics'::regclass AND attname = 'card'`,
    );
    expect(column?.compression).toBe(setting?.lz4 ? 'l' : '');
  });

  it('writes the changed cards only, per tenant, and a snapshot per account per day either way', async () => {
    const store = getStore();
    const [a, b] = [await addTestTenant(store, 'a', 1), await addTestTenant(store, 'b', 2)];
    const t1 = new Date('2026-06-01T10:00:00Z');
    const t2 = new Date('2026-06-02T10:00:00Z');
    const save = (tenantId: number, day: string, at: Date, rows: ReturnType<typeof row>[]) =>
      store.accountMetrics.save(tenantId, day, at, rows);
    expect(await save(a.id, '2026-06-01', t1, [row('1', 10, 'one'), row('2', 20, 'one')])).toEqual({
      written: 2,
    });
    // Same ids in the other tenant: written, the first tenant's rows are not theirs.
    expect(await save(b.id, '2026-06-01', t1, [row('1', 10, 'one')])).toEqual({ written: 1 });
    // Next day: 1 unchanged (only computedAt differs), 2 changed.
    expect(await save(a.id, '2026-06-02', t2, [row('1', 10, 'two'), row('2', 25, 'two')])).toEqual({
      written: 1,
    });
    const card1 = await store.accountMetrics.card(a.id, '1');
    expect(card1).toEqual({ card: { account: { id: '1' }, score: 10, computedAt: 'one' }, computedAt: t1 });
    expect((await store.accountMetrics.card(a.id, '2'))?.computedAt).toEqual(t2);
    const history = await store.accountMetrics.history(a.id, '1');
    expect(history).toEqual([
      {
        companyId: '1',
        day: '2026-06-01',
        healthScore: 10,
        healthBand: 'yellow',
        components: [{ key: 'nps', contribution: 10 }],
      },
      {
        companyId: '1',
        day: '2026-06-02',
        healthScore: 10,
        healthBand: 'yellow',
        components: [{ key: 'nps', contribution: 10 }],
      },
    ]);
    expect((await store.accountMetrics.history(a.id, '2')).map((h) => h.healthScore)).toEqual([20, 25]);
    expect((await store.accountMetrics.history(b.id, '1')).map((h) => h.day)).toEqual(['2026-06-01']);
    // The refresh's end makes unchanged cards current as of it.
    await store.accountMetrics.markRefreshed(a.id, t2);
    expect((await store.accountMetrics.card(a.id, '1'))?.computedAt).toEqual(t2);
    expect((await store.freshness(a.id)).cardsRefreshedAt).toEqual(t2);
    // A card request's one read answers the same time.
    expect((await store.accountMetrics.cardBundle(1, '1'))?.computedAt).toBe(t2.toISOString());
    expect((await store.accountMetrics.cardBundle(2, '1'))?.computedAt).toBe(t1.toISOString());
    expect((await store.accountMetrics.card(b.id, '1'))?.computedAt).toEqual(t1);
  });
});
