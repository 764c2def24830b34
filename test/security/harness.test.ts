import { aCompany, addTestTenant, storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from './harness.ts';

for (const backend of storeBackends()) {
  describe(`the suite's fingerprint of stored data, on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('moves with any stored row, and not with a key being used', async () => {
      const store = await backend.open();
      try {
        const tenant = await addTestTenant(store, 'acme', 7);
        const { key } = await store.apiKeys.create(tenant.id, 'k');
        const before = await fingerprint(store);
        expect(Object.keys(before)).toEqual(
          expect.arrayContaining(['companies', 'api_keys', 'webhook_events', 'tenants']),
        );
        expect(await store.apiKeys.verify(key)).not.toBeNull();
        expect(await fingerprint(store)).toEqual(before);
        await store.writePage({
          tenantId: tenant.id,
          stream: 's',
          kind: 'companies',
          records: [aCompany('1')],
        });
        const written = await fingerprint(store);
        expect(written.companies).not.toBe(before.companies);
        await store.webhooks.claimEvents(tenant.id, 'zendesk', ['x']);
        expect((await fingerprint(store)).webhook_events).not.toBe(written.webhook_events);
      } finally {
        await store.close();
      }
    });
  });
}
