import { describe, expect, it } from 'vitest';
import { addTestTenant, forEachStore } from './test-utils/index.ts';

forEachStore('webhooks', (getStore) => {
  describe('claimEvents', () => {
    it('returns only ids not seen before, per tenant and source', async () => {
      const store = getStore();
      const acme = await addTestTenant(store, 'acme', 1);
      const other = await addTestTenant(store, 'other', 2);
      expect(await store.webhooks.claimEvents(acme.id, 'hubspot', ['1', '2', '2', '3'])).toEqual([
        '1',
        '2',
        '3',
      ]);
      expect(await store.webhooks.claimEvents(acme.id, 'hubspot', ['3', '4'])).toEqual(['4']);
      expect(await store.webhooks.claimEvents(acme.id, 'hubspot', ['1', '2', '3', '4'])).toEqual([]);
      // The same id from another tenant or source is another event.
      expect(await store.webhooks.claimEvents(other.id, 'hubspot', ['1'])).toEqual(['1']);
      expect(await store.webhooks.claimEvents(acme.id, 'zendesk', ['1'])).toEqual(['1']);
      expect(await store.webhooks.claimEvents(acme.id, 'hubspot', [])).toEqual([]);
    });

    it('hands each id to one of two concurrent deliveries', async () => {
      const store = getStore();
      const acme = await addTestTenant(store, 'acme', 1);
      const ids = Array.from({ length: 50 }, (_, i) => String(i));
      const [a, b] = await Promise.all([
        store.webhooks.claimEvents(acme.id, 'hubspot', ids),
        store.webhooks.claimEvents(acme.id, 'hubspot', ids),
      ]);
      expect([...a, ...b].sort()).toEqual([...ids].sort());
    });

    it('prunes ids received before a time', async () => {
      const store = getStore();
      const acme = await addTestTenant(store, 'acme', 1);
      await store.webhooks.claimEvents(acme.id, 'hubspot', ['1', '2']);
      expect(await store.webhooks.pruneEvents(new Date(Date.now() - 60_000))).toBe(0);
      expect(await store.webhooks.pruneEvents(new Date(Date.now() + 60_000))).toBe(2);
      expect(await store.webhooks.claimEvents(acme.id, 'hubspot', ['1'])).toEqual(['1']);
    });
  });

  it('keeps the Zendesk signing secret encrypted and replaces it', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    expect(await store.webhooks.zendeskSecret(acme.id)).toBeNull();
    await store.webhooks.setZendeskSecret(acme.id, 'dGhlLXNpZ25pbmctc2VjcmV0', '01HWEBHOOK');
    expect(await store.webhooks.zendeskSecret(acme.id)).toBe('dGhlLXNpZ25pbmctc2VjcmV0');
    const rows = await store.db.query<Record<string, unknown>>('SELECT * FROM zendesk_webhooks');
    expect(rows[0]?.webhook_id).toBe('01HWEBHOOK');
    expect(JSON.stringify(rows)).not.toContain('dGhlLXNpZ25pbmctc2VjcmV0');
    await store.webhooks.setZendeskSecret(acme.id, 'second');
    expect(await store.webhooks.zendeskSecret(acme.id)).toBe('second');
  });

  it('reads the Zendesk webhook with its secret, per tenant, and forgets it', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    const other = await addTestTenant(store, 'other', 2);
    await store.webhooks.setZendeskSecret(acme.id, 'acme-secret', '01HACME');
    await store.webhooks.setZendeskSecret(other.id, 'other-secret', '01HOTHER');
    expect(await store.webhooks.zendeskWebhook(acme.id)).toEqual({
      webhookId: '01HACME',
      secret: 'acme-secret',
    });
    await store.webhooks.forgetZendeskWebhook(acme.id);
    expect(await store.webhooks.zendeskWebhook(acme.id)).toBeNull();
    expect(await store.webhooks.zendeskSecret(acme.id)).toBeNull();
    expect(await store.webhooks.zendeskWebhook(other.id)).toEqual({
      webhookId: '01HOTHER',
      secret: 'other-secret',
    });
  });
});
