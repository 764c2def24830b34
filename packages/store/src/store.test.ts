import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from './crypto.ts';
import type { CompanyRecord, TicketRecord } from './records.ts';
import { openStore, type Store } from './store.ts';
import { addTestTenant, storeBackends } from './test-utils/index.ts';

const company = (id: string, over: Partial<CompanyRecord> = {}): CompanyRecord => ({
  hubspotCompanyId: id,
  name: `Company ${id}`,
  domain: `c${id}.test`,
  ownerId: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

for (const backend of storeBackends()) {
  describe(`store on ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => backend.cleanup());

    it('upserts idempotently: the same page twice gives the same rows', async () => {
      const t = await addTestTenant(store);
      const page = {
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies' as const,
        records: [company('1'), company('2')],
        cursor: { after: 'x' },
      };
      await store.writePage(page);
      await store.writePage(page);
      expect(await store.readRecords(t.id, 'companies')).toEqual([company('1'), company('2')]);
      expect(await store.getCursor(t.id, 'hubspot.companies')).toEqual({ after: 'x' });
    });

    it('never lets an older version overwrite a newer one, and takes the last of duplicates in a page', async () => {
      const t = await addTestTenant(store);
      const newer = company('1', { name: 'New', updatedAt: new Date('2026-03-01T00:00:00Z') });
      await store.writePage({ tenantId: t.id, stream: 's', kind: 'companies', records: [newer] });
      await store.writePage({
        tenantId: t.id,
        stream: 's',
        kind: 'companies',
        records: [company('1', { name: 'Old' })],
      });
      expect((await store.readRecords(t.id, 'companies'))[0]!.name).toBe('New');
      await store.writePage({
        tenantId: t.id,
        stream: 's',
        kind: 'companies',
        records: [company('2', { name: 'first' }), company('2', { name: 'second' })],
      });
      expect((await store.readRecords(t.id, 'companies'))[1]!.name).toBe('second');
    });

    it('commits a page and its cursor together or not at all', async () => {
      const t = await addTestTenant(store);
      await store.writePage({
        tenantId: t.id,
        stream: 's',
        kind: 'companies',
        records: [company('1')],
        cursor: { n: 1 },
      });
      const bad = { ...company('2'), updatedAt: 'not a date' } as unknown as CompanyRecord;
      await expect(
        store.writePage({
          tenantId: t.id,
          stream: 's',
          kind: 'companies',
          records: [company('3'), bad],
          cursor: { n: 2 },
        }),
      ).rejects.toThrow();
      // A failure inside the transaction (quarantine payload that is not valid JSON for jsonb is impossible, so use a cursor that fails to encode).
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(
        store.writePage({
          tenantId: t.id,
          stream: 's',
          kind: 'companies',
          records: [company('4')],
          cursor: circular,
        }),
      ).rejects.toThrow();
      expect((await store.readRecords(t.id, 'companies')).map((c) => c.hubspotCompanyId)).toEqual(['1']);
      expect(await store.getCursor(t.id, 's')).toEqual({ n: 1 });
    });

    it('keeps quarantined items with their reason and clears them when a good version arrives', async () => {
      const t = await addTestTenant(store);
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [],
        quarantined: [{ externalId: '9', reason: 'domain: bad', payload: { id: '9' } }],
      });
      expect(await store.quarantineRows(t.id)).toEqual([
        { stream: 'hubspot.companies', external_id: '9', reason: 'domain: bad' },
      ]);
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [company('9')],
      });
      expect(await store.quarantineRows(t.id)).toEqual([]);
    });

    it('keeps tenants apart', async () => {
      const a = await addTestTenant(store, 'a', 1);
      const b = await addTestTenant(store, 'b', 2);
      await store.writePage({ tenantId: a.id, stream: 's', kind: 'companies', records: [company('1')] });
      expect(await store.countRecords(a.id, 'companies')).toBe(1);
      expect(await store.countRecords(b.id, 'companies')).toBe(0);
      expect(await store.accountFacts(b.id)).toEqual([]);
    });

    it('encrypts credentials and the app token, rotates and finds tenants by token', async () => {
      const t = await store.tenants.upsert({
        name: 'acme',
        hubspotPortalId: 42,
        credentials: {
          hubspot: { kind: 'private-app', token: 'pat-secret-123' },
          zendesk: { kind: 'api-token', subdomain: 'acme', email: 'a@acme.test', token: 'zd-secret-456' },
        },
      });
      expect(t.zendeskSubdomain).toBe('acme');
      const [raw] = await store.db.query<{ credentials: string; zendesk_app_token: string }>(
        'SELECT credentials, zendesk_app_token FROM tenants',
      );
      expect(raw!.credentials).not.toContain('pat-secret-123');
      expect(raw!.credentials).not.toContain('zd-secret-456');
      const token = (await store.tenants.zendeskAppToken('acme'))!;
      expect(raw!.zendesk_app_token).not.toContain(token);
      expect((await store.tenants.byZendeskAppToken(token))?.name).toBe('acme');
      const rotated = await store.tenants.rotateZendeskAppToken('acme');
      expect(rotated).not.toBe(token);
      expect(await store.tenants.byZendeskAppToken(token)).toBeNull();
      expect((await store.tenants.byZendeskAppToken(rotated))?.credentials.hubspot).toEqual({
        kind: 'private-app',
        token: 'pat-secret-123',
      });
      // Re-adding updates credentials and keeps the app token.
      await store.tenants.upsert({
        name: 'acme',
        hubspotPortalId: 42,
        credentials: { hubspot: { kind: 'private-app', token: 'pat-new' } },
      });
      expect(await store.tenants.zendeskAppToken('acme')).toBe(rotated);
      expect((await store.tenants.get('acme'))?.credentials.hubspot).toEqual({
        kind: 'private-app',
        token: 'pat-new',
      });
    });

    it('records sync runs for freshness', async () => {
      const t = await addTestTenant(store);
      const id = await store.startSyncRun(t.id, 'hubspot', 'full');
      await store.finishSyncRun(id, { status: 'succeeded', stats: { records: 3 } });
      const [run] = await store.lastSyncRuns(t.id);
      expect(run).toMatchObject({ source: 'hubspot', mode: 'full', status: 'succeeded', error: null });
      expect(run!.finishedAt).toBeInstanceOf(Date);
    });

    it('stores tickets with every field', async () => {
      const t = await addTestTenant(store);
      const ticket: TicketRecord = {
        source: 'zendesk',
        externalId: '7',
        subject: 'Help',
        status: 'solved',
        priority: 'urgent',
        organizationId: '3',
        requesterId: '4',
        companyId: null,
        contactId: null,
        createdAt: new Date('2026-01-01T00:00:00Z'),
        updatedAt: new Date('2026-01-02T00:00:00Z'),
        solvedAt: new Date('2026-01-02T00:00:00Z'),
        replies: 1,
        reopens: 0,
        firstReplyMinutes: 12.5,
        fullResolutionMinutes: 60,
      };
      await store.writePage({
        tenantId: t.id,
        stream: 'zendesk.tickets',
        kind: 'tickets',
        records: [ticket],
      });
      expect(await store.readRecords(t.id, 'tickets')).toEqual([ticket]);
    });
  });
}

describe('embedded store on disk', () => {
  it('applies migrations once and keeps data across reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csm-store-'));
    const key = generateKey();
    try {
      const first = await openStore({ dataDir: dir, encryptionKey: key });
      const t = await addTestTenant(first);
      await first.writePage({ tenantId: t.id, stream: 's', kind: 'companies', records: [company('1')] });
      await first.close();
      const second = await openStore({ dataDir: dir, encryptionKey: key });
      expect(await second.migrationsApplied()).toBe(true);
      expect(await second.countRecords(t.id, 'companies')).toBe(1);
      await second.close();
      const wrongKey = await openStore({ dataDir: dir, encryptionKey: generateKey() });
      await expect(wrongKey.tenants.get('acme')).rejects.toThrow(/CSM_ENCRYPTION_KEY/);
      await wrongKey.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key of the wrong size naming the variable', async () => {
    await expect(openStore({ encryptionKey: 'short' })).rejects.toThrow(/CSM_ENCRYPTION_KEY/);
  });
});
