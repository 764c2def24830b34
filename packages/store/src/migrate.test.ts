import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from './crypto.ts';
import { openPglite } from './db.ts';
import { migrate, migrations } from './migrate.ts';
import { resolveOrganization } from './organizations.ts';
import { openStore } from './store.ts';
import { addTestTenant, storeBackends } from './test-utils/index.ts';

describe('migrations on PGlite in a data folder', () => {
  it('apply once: reopening finds them applied and keeps the data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csm-store-'));
    const options = { dataDir: dir, encryptionKey: storeBackends()[0]!.options().encryptionKey };
    try {
      const first = await openStore(options);
      expect(await first.migrationsApplied()).toBe(true);
      const tenant = await addTestTenant(first);
      await first.close();
      const second = await openStore(options);
      expect(await second.migrationsApplied()).toBe(true);
      expect(await migrate(second.db)).toEqual([]);
      const rows = await second.db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
      expect((await second.tenants.get('acme'))?.id).toBe(tenant.id);
      await second.close();
      const wrongKey = await openStore({ ...options, encryptionKey: generateKey() });
      await expect(wrongKey.tenants.get('acme')).rejects.toThrow(/CSM_ENCRYPTION_KEY is not the key/);
      await wrongKey.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 2 on a store of version 1', () => {
  it('indexes the domains of organizations synced before it', async () => {
    const db = await openPglite();
    try {
      expect(await migrate(db, migrations.slice(0, 1))).toEqual([1]);
      await db.exec(`
        INSERT INTO tenants (name, credentials, zendesk_app_token, zendesk_app_token_hash) VALUES ('a', 'x', 'x', 'x');
        INSERT INTO companies (tenant_id, hubspot_company_id, domain, updated_at) VALUES (1, '7', 'acme.com', now());
        INSERT INTO zendesk_organizations (tenant_id, zendesk_org_id, domain_names, updated_at)
          VALUES (1, '500', '{ACME.COM,""}', now());`);
      expect(await migrate(db, migrations.slice(0, 2))).toEqual([2]);
      expect(await resolveOrganization(db, 1, '500')).toMatchObject({
        hubspotCompanyId: '7',
        domainMatches: 1,
      });
    } finally {
      await db.close();
    }
  });
});

for (const backend of storeBackends()) {
  describe(`migrations on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('report a store without them as not ready, and apply a new one later', async () => {
      const store = await backend.open();
      try {
        const extra = { version: 999, name: 'extra', sql: 'CREATE TABLE extra_table (id int)' };
        expect(await migrate(store.db, [...migrations, extra])).toEqual([999]);
        expect(await migrate(store.db, [...migrations, extra])).toEqual([]);
        await store.db.exec('DELETE FROM schema_migrations WHERE version = 2');
        expect(await store.migrationsApplied()).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
}

const postgres = storeBackends().find((b) => b.name === 'postgres');
describe.runIf(postgres)('migrations on a PostgreSQL schema', () => {
  afterAll(() => postgres?.cleanup());

  it('apply once even when several processes open the same schema at the same time', async () => {
    const options = postgres!.options();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(options)));
    try {
      const rows = await stores[0]!.db.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows).toHaveLength(migrations.length);
      await addTestTenant(stores[0]!);
      const again = await openStore(options);
      expect(await again.migrationsApplied()).toBe(true);
      expect((await again.tenants.list()).map((t) => t.name)).toEqual(['acme']);
      await again.close();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
