import { expect, it } from 'vitest';
import { aCompany, addTestTenant, anOwner, forEachStore } from './test-utils/index.ts';

forEachStore('hubspot owners', (getStore) => {
  it('are written per tenant, idempotently, and name each company’s owner', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme');
    const globex = await addTestTenant(store, 'globex', 200);
    const later = new Date(Date.UTC(2026, 5, 1));
    const write = (tenantId: number, records: ReturnType<typeof anOwner>[]) =>
      store.writePage({
        tenantId,
        stream: 'hubspot.owners',
        kind: 'owners',
        records,
        cursor: { after: null },
      });

    // The same owner id in both portals names two different people.
    const ada = anOwner('7', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' });
    await write(acme.id, [ada, anOwner('8', { firstName: null, lastName: null, archived: true })]);
    await write(acme.id, [ada]);
    await write(globex.id, [
      anOwner('7', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@globex.test' }),
    ]);
    expect(await store.countRecords(acme.id, 'owners')).toBe(2);
    expect(await store.readRecords(globex.id, 'owners')).toEqual([
      anOwner('7', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@globex.test' }),
    ]);
    // A rename arrives with a later updatedAt; an older version never overwrites it.
    await write(acme.id, [{ ...ada, lastName: 'King', updatedAt: later }]);
    await write(acme.id, [ada]);

    for (const [tenant, companies] of [
      [
        acme,
        [aCompany('1', { ownerId: '7' }), aCompany('2', { ownerId: '8' }), aCompany('3', { ownerId: '9' })],
      ],
      [globex, [aCompany('1', { ownerId: '7' }), aCompany('2')]],
    ] as const)
      await store.writePage({
        tenantId: tenant.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [...companies],
      });

    const ownerOf = async (tenantId: number, companyId: string) =>
      (await store.dashboardReads.company(tenantId, companyId))?.owner;
    expect(await ownerOf(acme.id, '1')).toEqual({ id: '7', name: 'Ada King', email: 'ada@acme.test' });
    expect(await ownerOf(globex.id, '1')).toEqual({
      id: '7',
      name: 'Grace Hopper',
      email: 'grace@globex.test',
    });
    // An archived owner without a name still has its email; an owner never read keeps its id alone.
    expect(await ownerOf(acme.id, '2')).toEqual({ id: '8', name: null, email: 'owner8@example.test' });
    expect(await ownerOf(acme.id, '3')).toEqual({ id: '9', name: null, email: null });
    expect(await ownerOf(globex.id, '2')).toBeNull();
  });
});
