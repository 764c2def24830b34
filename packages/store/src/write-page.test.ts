import { expect, it } from 'vitest';
import type { CompanyRecord, RecordKind, RecordOf } from './records.ts';
import { aCompany, addTestTenant, aTicket, aZendeskOrganization, forEachStore } from './test-utils/index.ts';
import type { WritePageInput } from './write-page.ts';

forEachStore('writePage', (getStore) => {
  const page = <K extends RecordKind>(
    tenantId: number,
    kind: K,
    records: RecordOf<K>[],
    more: Partial<WritePageInput<K>> = {},
  ) => getStore().writePage({ tenantId, stream: `test.${kind}`, kind, records, ...more });
  const names = async (tenantId: number) =>
    (await getStore().readRecords(tenantId, 'companies')).map((c) => `${c.hubspotCompanyId}:${c.name}`);

  it('upserts idempotently: the same page twice gives the same rows and cursor', async () => {
    const t = await addTestTenant(getStore());
    const records = [aCompany('2'), aCompany('1'), aCompany('10')];
    expect(await page(t.id, 'companies', records, { cursor: { after: 'x' } })).toEqual({ upserted: 3 });
    await page(t.id, 'companies', records, { cursor: { after: 'x' } });
    expect(await getStore().readRecords(t.id, 'companies')).toEqual([
      aCompany('1'),
      aCompany('10'),
      aCompany('2'),
    ]);
    expect(await getStore().countRecords(t.id, 'companies')).toBe(3);
    expect(await getStore().getCursor(t.id, 'test.companies')).toEqual({ after: 'x' });
  });

  it('never lets an older version overwrite a newer one; in a page the newest duplicate wins', async () => {
    const t = await addTestTenant(getStore());
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    await page(t.id, 'companies', [aCompany('1', { name: 'new', updatedAt: at(5) })]);
    await page(t.id, 'companies', [aCompany('1', { name: 'old', updatedAt: at(1) })]);
    expect(await names(t.id)).toEqual(['1:new']);
    await page(t.id, 'companies', [aCompany('1', { name: 'same time, later page', updatedAt: at(5) })]);
    expect(await names(t.id)).toEqual(['1:same time, later page']);
    await page(t.id, 'companies', [
      aCompany('2', { name: 'newest', updatedAt: at(3) }),
      aCompany('2', { name: 'older', updatedAt: at(2) }),
      aCompany('3', { name: 'first' }),
      aCompany('3', { name: 'second' }),
    ]);
    expect(await names(t.id)).toEqual(['1:same time, later page', '2:newest', '3:second']);
  });

  it('commits a page and its cursor together or not at all', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    await page(t.id, 'companies', [aCompany('1')], { cursor: { n: 1 } });
    // The upsert succeeds, then the cursor statement fails in PostgreSQL (jsonb refuses \u0000).
    await expect(page(t.id, 'companies', [aCompany('2')], { cursor: { n: '\u0000' } })).rejects.toThrow(
      /unsupported Unicode escape sequence/,
    );
    // An invalid record fails the page before anything is written.
    const bad = { ...aCompany('3'), updatedAt: 'not a date' } as unknown as CompanyRecord;
    await expect(page(t.id, 'companies', [aCompany('4'), bad], { cursor: { n: 3 } })).rejects.toThrow(
      /companies\[1\] is not a valid record: updatedAt/,
    );
    expect(await names(t.id)).toEqual(['1:Company 1']);
    expect(await store.getCursor(t.id, 'test.companies')).toEqual({ n: 1 });
    expect(await store.quarantineRows(t.id)).toEqual([]);
  });

  it('quarantines items, updates them when seen again, and clears them when a good version arrives', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    const stream = 'test.companies';
    await page(t.id, 'companies', [], {
      quarantined: [
        { externalId: '9', reason: 'domain: bad', payload: { id: '9' } },
        { externalId: '8', reason: 'no name', payload: null },
      ],
    });
    await page(t.id, 'companies', [], {
      quarantined: [
        { externalId: '9', reason: 'domain: still bad', payload: { id: '9', v: 2, s: 'a\u0000b' } },
      ],
    });
    const rows = await store.quarantineRows(t.id);
    expect(rows.map(({ seenAt, ...r }) => r)).toEqual([
      { stream, externalId: '8', reason: 'no name', payload: null },
      { stream, externalId: '9', reason: 'domain: still bad', payload: { id: '9', v: 2, s: 'ab' } },
    ]);
    expect(rows[0]!.seenAt).toBeInstanceOf(Date);
    // The same id in another stream is another item.
    await store.writePage({ tenantId: t.id, stream: 'other', kind: 'companies', records: [aCompany('8')] });
    expect(await store.quarantineRows(t.id)).toHaveLength(2);
    await page(t.id, 'companies', [aCompany('9')]);
    expect((await store.quarantineRows(t.id)).map((r) => r.externalId)).toEqual(['8']);
    expect((await store.coverage(t.id)).quarantined).toEqual({ count: 1, sample: [`${stream}:8`] });
  });

  it('keeps every field of a ticket, and strips U+0000 that PostgreSQL text cannot hold', async () => {
    const t = await addTestTenant(getStore());
    const ticket = aTicket('7', {
      subject: 'Help',
      status: 'solved',
      priority: 'urgent',
      organizationId: '3',
      requesterId: '4',
      createdAt: new Date('2026-01-01T00:00:00.123Z'),
      solvedAt: new Date('2026-01-02T00:00:00Z'),
      replies: 1,
      reopens: 0,
      firstReplyMinutes: 12.5,
      fullResolutionMinutes: 60,
    });
    await page(t.id, 'tickets', [ticket, aTicket('8', { source: 'hubspot', subject: 'a\u0000b' })]);
    expect(await getStore().readRecords(t.id, 'tickets')).toEqual([
      aTicket('8', { source: 'hubspot', subject: 'ab' }),
      ticket,
    ]);
    await page(t.id, 'zendeskOrganizations', [
      aZendeskOrganization('1', { domainNames: ['a.test', 'b.test'] }),
    ]);
    expect((await getStore().readRecords(t.id, 'zendeskOrganizations'))[0]!.domainNames).toEqual([
      'a.test',
      'b.test',
    ]);
  });

  it('keeps tenants apart', async () => {
    const store = getStore();
    const a = await addTestTenant(store, 'a', 1);
    const b = await addTestTenant(store, 'b', 2);
    await page(a.id, 'companies', [aCompany('1')], { cursor: 1 });
    expect(await store.countRecords(a.id, 'companies')).toBe(1);
    expect(await store.countRecords(b.id, 'companies')).toBe(0);
    expect(await store.getCursor(b.id, 'test.companies')).toBeNull();
    expect(await store.accountFacts(b.id)).toEqual([]);
  });

  it('resets cursors by stream prefix, literally', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    for (const stream of ['hubspot.companies', 'hubspot.deals', 'zendesk.tickets', 'hubspot_x'])
      await store.writePage({ tenantId: t.id, stream, kind: 'companies', records: [], cursor: { stream } });
    expect(await store.resetCursors(t.id, 'hubspot.')).toBe(2);
    expect(await store.getCursor(t.id, 'hubspot.deals')).toBeNull();
    expect(await store.getCursor(t.id, 'hubspot_x')).toEqual({ stream: 'hubspot_x' });
    expect(await store.resetCursors(t.id)).toBe(2);
    expect(await store.getCursor(t.id, 'zendesk.tickets')).toBeNull();
  });

  it('records sync runs; the latest per source tells freshness', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    const first = await store.startSyncRun(t.id, 'hubspot', 'full');
    await store.finishSyncRun(first, { status: 'succeeded', stats: { records: 3 } });
    const second = await store.startSyncRun(t.id, 'hubspot', 'incremental');
    const zendesk = await store.startSyncRun(t.id, 'zendesk', 'full');
    await store.finishSyncRun(zendesk, { status: 'failed', error: 'HTTP 401' });
    const runs = await store.lastSyncRuns(t.id);
    expect(runs.map((r) => [r.id, r.source, r.mode, r.status, r.error])).toEqual([
      [second, 'hubspot', 'incremental', 'running', null],
      [zendesk, 'zendesk', 'full', 'failed', 'HTTP 401'],
    ]);
    expect(runs[0]!.finishedAt).toBeNull();
    expect(runs[1]!.finishedAt).toBeInstanceOf(Date);
  });
});
