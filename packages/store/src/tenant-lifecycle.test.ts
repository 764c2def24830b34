import { expect, it } from 'vitest';
import { tenantTables } from './tenant-lifecycle.ts';
import { aCompany, aDeal, addTestTenant, forEachStore } from './test-utils/index.ts';

const at = (iso: string) => new Date(iso);

forEachStore('tenant lifecycle', (getStore) => {
  it('pauses on an uninstall after the last install, ignores stale or repeated ones, resumes on a reinstall', async () => {
    const store = getStore();
    const t = await addTestTenant(store, 'acme', 1);
    await store.lifecycle.markInstalled(t.id, at('2026-05-01T00:00:00Z'));
    // An uninstall from before this install (read late) changes nothing.
    expect(await store.lifecycle.markUninstalled(t.id, at('2026-04-01T00:00:00Z'))).toBe(false);
    expect((await store.tenants.getById(t.id))?.status).toBe('active');

    expect(await store.lifecycle.markUninstalled(t.id, at('2026-05-10T00:00:00Z'))).toBe(true);
    expect((await store.tenants.getById(t.id))?.status).toBe('paused');
    expect(await store.lifecycle.uninstalledAt(t.id)).toEqual(at('2026-05-10T00:00:00Z'));
    // The same event again, or a later notice of it (the refused token), keeps the first time.
    expect(await store.lifecycle.markUninstalled(t.id, at('2026-05-10T00:00:00Z'))).toBe(false);
    expect(await store.lifecycle.markUninstalled(t.id, at('2026-05-11T00:00:00Z'))).toBe(false);
    expect(await store.lifecycle.uninstalledAt(t.id)).toEqual(at('2026-05-10T00:00:00Z'));

    expect(await store.lifecycle.uninstalledBefore(at('2026-05-09T00:00:00Z'))).toEqual([]);
    expect(await store.lifecycle.uninstalledBefore(at('2026-06-09T00:00:00Z'))).toEqual([
      { id: t.id, name: 'acme', uninstalledAt: at('2026-05-10T00:00:00Z') },
    ]);

    await store.lifecycle.markInstalled(t.id, at('2026-05-20T00:00:00Z'));
    expect((await store.tenants.getById(t.id))?.status).toBe('active');
    expect(await store.lifecycle.uninstalledAt(t.id)).toBeNull();
    expect(await store.lifecycle.uninstalledBefore(at('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('deletes a tenant from every table that has a tenant_id, leaving the other tenant whole', async () => {
    const store = getStore();
    const a = await addTestTenant(store, 'acme', 1);
    const b = await addTestTenant(store, 'beta', 2);
    for (const t of [a, b]) {
      // The same HubSpot ids in both tenants.
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany('7')],
        cursor: { n: 1 },
      });
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.deals',
        kind: 'deals',
        records: [aDeal('9', { companyId: '7' })],
      });
      await store.webhooks.claimEvents(t.id, 'hubspot', ['e1']);
      await store.apiKeys.create(t.id, 'key');
    }
    const tables = await tenantTables(store.db);
    expect(tables).toEqual(
      expect.arrayContaining(['companies', 'deals', 'stream_cursors', 'webhook_events', 'api_keys']),
    );
    const count = async (table: string, tenantId: number) =>
      Number(
        (
          await store.db.query<{ n: string | number }>(
            `SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`,
            [tenantId],
          )
        )[0]!.n,
      );
    const before = Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await count(t, b.id)] as const)),
    );

    const deleted = await store.lifecycle.deleteTenant(a.id);
    expect(deleted?.tenant).toBe('acme');
    expect(deleted?.rows).toMatchObject({ companies: 1, deals: 1, webhook_events: 1, tenants: 1 });
    for (const table of tables) expect(await count(table, a.id), table).toBe(0);
    expect(await store.tenants.get('acme')).toBeNull();
    for (const table of tables) expect(await count(table, b.id), table).toBe(before[table]);
    expect(await store.countRecords(b.id, 'companies')).toBe(1);
    expect(await store.lifecycle.deleteTenant(a.id)).toBeNull();
  });

  it('keeps the journal offset of the app', async () => {
    const store = getStore();
    await store.db.query('DELETE FROM hubspot_journal');
    expect(await store.lifecycle.journalOffset()).toBeNull();
    await store.lifecycle.saveJournalOffset('o-1', at('2026-05-01T00:00:00Z'));
    await store.lifecycle.saveJournalOffset('o-2', at('2026-05-01T00:05:00Z'));
    expect(await store.lifecycle.journalOffset()).toEqual({
      offset: 'o-2',
      readAt: at('2026-05-01T00:05:00Z'),
    });
  });
});
