import { expect, it } from 'vitest';
import type { Store } from './store.ts';
import {
  aCompany,
  aContact,
  addTestTenant,
  aTicket,
  aZendeskOrganization,
  forEachStore,
} from './test-utils/index.ts';

const later = new Date('2026-02-01T00:00:00Z');

async function keysOf(store: Store, tenantId: number): Promise<string[]> {
  const rows = await store.db.query<{ kind: string; key: string }>(
    `SELECT DISTINCT t.kind, k.key FROM touched_keys t CROSS JOIN LATERAL unnest(t.keys) AS k(key)
     WHERE t.tenant_id = $1 ORDER BY t.kind, k.key`,
    [tenantId],
  );
  return rows.map((r) => `${r.kind}:${r.key}`);
}

async function clearKeys(store: Store, tenantId: number) {
  await store.touched.consume(tenantId, await store.touched.mark(tenantId));
}

forEachStore('touched keys', (getStore, backend) => {
  async function seeded() {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 100);
    const other = await addTestTenant(store, 'other', 200);
    for (const t of [acme, other]) {
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany('1', { domain: 'One.test' }), aCompany('2')],
      });
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.contacts',
        kind: 'contacts',
        records: [aContact('c1', { email: 'P1@x.test', primaryCompanyId: '1' })],
      });
      await store.writePage({
        tenantId: t.id,
        stream: 'zendesk.organizations',
        kind: 'zendeskOrganizations',
        records: [aZendeskOrganization('o1', { domainNames: ['a.test', 'b.test'] })],
      });
    }
    return { store, acme: acme.id, other: other.id };
  }

  it('captures the keys of inserted rows, per tenant', async () => {
    const { store, acme, other } = await seeded();
    const expected = [
      'company:1',
      'company:2',
      'contact:c1',
      'domain:a.test',
      'domain:b.test',
      'domain:c2.test',
      'domain:one.test',
      'email:p1@x.test',
      'org:o1',
    ];
    expect(await keysOf(store, acme)).toEqual(expected);
    expect(await keysOf(store, other)).toEqual(expected);
    await clearKeys(store, acme);
    expect(await keysOf(store, acme)).toEqual([]);
    expect(await keysOf(store, other)).toEqual(expected);
  });

  it('an update counts only rows that differ, with their old and new keys', async () => {
    const { store, acme } = await seeded();
    await clearKeys(store, acme);
    await store.db.query('UPDATE companies SET name = name WHERE tenant_id = $1', [acme]);
    await store.writePage({
      tenantId: acme,
      stream: 'hubspot.companies',
      kind: 'companies',
      records: [aCompany('1', { domain: 'One.test' }), aCompany('2')],
    });
    await store.writePage({
      tenantId: acme,
      stream: 'zendesk.organizations',
      kind: 'zendeskOrganizations',
      records: [aZendeskOrganization('o1', { domainNames: ['a.test', 'b.test'] })],
    });
    expect(await keysOf(store, acme)).toEqual([]);
    await store.writePage({
      tenantId: acme,
      stream: 'hubspot.contacts',
      kind: 'contacts',
      records: [aContact('c1', { email: 'p9@x.test', primaryCompanyId: '2', updatedAt: later })],
    });
    await store.writePage({
      tenantId: acme,
      stream: 'zendesk.organizations',
      kind: 'zendeskOrganizations',
      records: [aZendeskOrganization('o1', { domainNames: ['b.test', 'c.test'], updatedAt: later })],
    });
    expect(await keysOf(store, acme)).toEqual([
      'company:1',
      'company:2',
      'contact:c1',
      'domain:a.test',
      'domain:c.test',
      'email:p1@x.test',
      'email:p9@x.test',
      'org:o1',
    ]);
  });

  it('resolves keys to accounts by the identity rules', async () => {
    const { store, acme } = await seeded();
    await store.writePage({
      tenantId: acme,
      stream: 'zendesk.tickets',
      kind: 'tickets',
      records: [aTicket('z1', { organizationId: 'o9' })],
    });
    await clearKeys(store, acme);
    // o9 -> linked to 2; the ticket's answer names the ticket only.
    await store.linkOrganization(acme, 'o9', '2');
    await clearKeys(store, acme);
    await store.db.query(
      `INSERT INTO touched_keys (tenant_id, kind, keys) VALUES ($1, 'ticket', '{z1}'), ($1, 'email', '{p1@x.test}')`,
      [acme],
    );
    expect(await store.touched.accounts(acme, await store.touched.mark(acme))).toEqual({
      all: false,
      companyIds: ['1', '2'],
      keys: 2,
    });
  });

  it('deleting a tenant deletes its keys too', async () => {
    const { store, acme, other } = await seeded();
    await store.lifecycle.deleteTenant(acme);
    expect(await keysOf(store, acme)).toEqual([]);
    await store.db.query('DELETE FROM tenants WHERE id = $1', [other]);
    expect(await keysOf(store, other)).toEqual([]);
  });

  if (backend === 'postgres') {
    it('keeps a key whose transaction commits after the refresh read the keys', async () => {
      const { store, acme } = await seeded();
      await clearKeys(store, acme);
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let written!: () => void;
      const wrote = new Promise<void>((r) => {
        written = r;
      });
      // A slow writer takes a smaller sequence number and commits after a faster one.
      const slow = store.db.transaction(async (tx) => {
        await tx.query("UPDATE contacts SET primary_company_id = '2' WHERE tenant_id = $1", [acme]);
        written();
        await held;
      });
      await wrote;
      await store.db.query(
        "UPDATE companies SET name = 'x' WHERE tenant_id = $1 AND hubspot_company_id = '1'",
        [acme],
      );
      const mark = await store.touched.mark(acme);
      release();
      await slow;
      expect(await store.touched.accounts(acme, mark)).toMatchObject({ companyIds: ['1', '2'] });
      await store.touched.consume(acme, mark);
      expect(await keysOf(store, acme)).toEqual(['company:1', 'company:2', 'contact:c1', 'email:p1@x.test']);
    });
  }
});
