import { licenseUtilization } from '@csm/metrics';
import { expect, it } from 'vitest';
import type { IngestedAnswer } from './ingest-batches.ts';
import { aCompany, aContact, addTestTenant, forEachStore } from './test-utils/index.ts';
import type { AccountUsageRow } from './usage.ts';

const usage = (companyId: string, day: string, over: Partial<AccountUsageRow> = {}): AccountUsageRow => ({
  companyId,
  day,
  activeUsers: 40,
  licensedSeats: 50,
  logins: null,
  featureEvents: null,
  source: null,
  ...over,
});

const answer = (externalId: string, over: Partial<IngestedAnswer> = {}): IngestedAnswer => ({
  externalId,
  surveyType: 'NPS',
  value: 10,
  scaleMin: 0,
  scaleMax: 10,
  companyId: '42',
  contactId: null,
  comment: null,
  submittedAt: new Date('2026-03-01T00:00:00Z'),
  origin: 'delighted',
  ...over,
});

const batch = (idempotencyKey: string | null, contentHash = 'h1') => ({
  kind: 'usage' as const,
  idempotencyKey,
  contentHash,
});

forEachStore('usage and ingestion batches', (getStore) => {
  it('upserts usage on (account, day) and reads each account’s latest day with its utilization', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    const first = await store.ingest.commit(t.id, batch(null), (w) =>
      w.usage([
        usage('42', '2026-03-01', { activeUsers: 10 }),
        usage('42', '2026-03-02', { activeUsers: 45, featureEvents: { export: 3 } }),
        usage('7', '2026-03-01', { licensedSeats: 0, activeUsers: 0 }),
      ]),
    );
    expect(first).toEqual({ status: 'written', result: { inserted: 3, updated: 0, unchanged: 0 } });
    const again = await store.ingest.commit(t.id, batch(null), (w) =>
      w.usage([
        usage('42', '2026-03-02', { activeUsers: 45, featureEvents: { export: 3 } }),
        usage('42', '2026-03-01'),
      ]),
    );
    expect(again).toEqual({ status: 'written', result: { inserted: 0, updated: 1, unchanged: 1 } });

    const latest = await store.usage.latest(t.id);
    expect([...latest.keys()]).toEqual(['7', '42']);
    expect(latest.get('42')).toMatchObject({
      day: '2026-03-02',
      activeUsers: 45,
      licensedSeats: 50,
      licenseUtilization: 90,
      featureEvents: { export: 3 },
    });
    expect(latest.get('7')?.licenseUtilization).toBeNull();
    expect([...(await store.usage.latest(t.id, ['42', '99'])).keys()]).toEqual(['42']);
    expect((await store.usage.read(t.id)).map((r) => [r.companyId, r.day, r.activeUsers])).toEqual([
      ['7', '2026-03-01', 0],
      ['42', '2026-03-01', 40],
      ['42', '2026-03-02', 45],
    ]);
    // Another tenant sees none of it.
    const other = await addTestTenant(store, 'other', 2);
    expect((await store.usage.latest(other.id)).size).toBe(0);
  });

  it('computes utilization as @csm/metrics does, to the last digit', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    await store.ingest.commit(t.id, batch(null), (w) =>
      w.usage([usage('8', '2026-03-01', { activeUsers: 1, licensedSeats: 3 })]),
    );
    const third = (await store.usage.latest(t.id)).get('8')!;
    // (1 x 100) / 3 = 33.333333333333336; the old (1 / 3) x 100 gave 33.33333333333333.
    expect(third.licenseUtilization).toBe(licenseUtilization({ activeUsers: 1, licensedSeats: 3 }));
    expect(third.licenseUtilization).toBe(33.333333333333336);
  });

  it('runs a keyed batch once: same content replays the first result, other content conflicts', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    const write = () => store.ingest.commit(t.id, batch('k1'), (w) => w.usage([usage('42', '2026-03-01')]));
    const first = await write();
    expect(first).toEqual({ status: 'written', result: { inserted: 1, updated: 0, unchanged: 0 } });
    expect(await write()).toEqual({ status: 'replayed', result: { inserted: 1, updated: 0, unchanged: 0 } });
    expect(
      await store.ingest.commit(t.id, batch('k1', 'h2'), (w) =>
        w.usage([usage('42', '2026-03-01', { activeUsers: 1 })]),
      ),
    ).toEqual({ status: 'conflict' });
    expect((await store.usage.read(t.id))[0]?.activeUsers).toBe(40);
    // The key is per tenant and per kind.
    const other = await addTestTenant(store, 'other', 2);
    expect((await store.ingest.commit(other.id, batch('k1', 'h2'), async () => 'ok')).status).toBe('written');
  });

  it('writes nothing, not even the key, when the batch fails half way', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    await expect(
      store.ingest.commit(t.id, batch('k2'), async (w) => {
        await w.usage([usage('42', '2026-03-01')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.usage.read(t.id)).toEqual([]);
    expect((await store.ingest.commit(t.id, batch('k2'), async () => 'second')).status).toBe('written');
  });

  it('stores ingested answers as source ingest on their account, where account facts count them', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    await store.writePage({ tenantId: t.id, stream: 's', kind: 'companies', records: [aCompany('42')] });
    const write = (answers: IngestedAnswer[]) =>
      store.ingest.commit(t.id, { kind: 'surveys', idempotencyKey: null, contentHash: 'x' }, (w) =>
        w.surveyAnswers(answers),
      );
    expect((await write([answer('delighted:1'), answer('delighted:2', { value: 3 })])).status).toBe(
      'written',
    );
    expect(await write([answer('delighted:1'), answer('delighted:2', { value: 4 })])).toEqual({
      status: 'written',
      result: { inserted: 0, updated: 1, unchanged: 1 },
    });
    const [facts] = await store.accountFacts(t.id, '42');
    expect(facts?.npsScores).toEqual([10, 4]);
    const records = await store.readRecords(t.id, 'surveyResponses');
    expect(records.map((r) => [r.source, r.externalId, r.companyId])).toEqual([
      ['ingest', 'delighted:1', '42'],
      ['ingest', 'delighted:2', '42'],
    ]);
  });

  it('resolves account ids, domains (case-insensitive, smallest id) and respondent emails of this tenant only', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    const other = await addTestTenant(store, 'other', 2);
    await store.writePage({
      tenantId: t.id,
      stream: 's',
      kind: 'companies',
      records: [
        aCompany('42', { domain: 'acme.com' }),
        aCompany('100', { domain: 'acme.com' }),
        aCompany('9'),
      ],
    });
    await store.writePage({
      tenantId: other.id,
      stream: 's',
      kind: 'companies',
      records: [aCompany('77', { domain: 'x.com' })],
    });
    await store.writePage({
      tenantId: t.id,
      stream: 's',
      kind: 'contacts',
      records: [aContact('5', { email: 'ann@acme.com' }), aContact('12', { email: 'ANN@acme.com' })],
    });
    const r = await store.ingest.resolveAccounts(t.id, ['42', '77', '1'], ['ACME.com', 'x.com']);
    expect([...r.ids]).toEqual(['42']);
    expect([...r.domains]).toEqual([['acme.com', '42']]);
    expect([...(await store.ingest.contactsByEmail(t.id, ['Ann@Acme.com', 'bob@acme.com']))]).toEqual([
      ['ann@acme.com', '5'],
    ]);
  });
});
