import { describe, expect, it } from 'vitest';
import { sha256 } from './crypto.ts';
import { addTestTenant, forEachStore } from './test-utils/index.ts';

forEachStore('api keys', (getStore) => {
  it('creates a key shown once, keeps only its SHA-256, and verifies it to its tenant', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    const created = await store.apiKeys.create(acme.id, 'delighted');
    expect(created.key).toMatch(/^csm_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);

    const rows = await store.db.query<Record<string, unknown>>('SELECT * FROM api_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secret_hash).toBe(sha256(created.key));
    expect(JSON.stringify(rows)).not.toContain(created.key.slice(created.prefix.length + 1));

    expect(await store.apiKeys.verify(created.key)).toEqual({ tenantId: acme.id, keyId: created.id });
    const [listed] = await store.apiKeys.list(acme.id);
    expect(listed).toMatchObject({ prefix: created.prefix, name: 'delighted', revokedAt: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty('key');
  });

  it('refuses malformed, unknown, altered and revoked keys', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    const other = await addTestTenant(store, 'other', 2);
    const { key, prefix } = await store.apiKeys.create(acme.id);
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(await store.apiKeys.verify(`${key.slice(0, -1)}${last}`)).toBeNull();
    expect(await store.apiKeys.verify(`csm_live_0000000000000000_${'A'.repeat(43)}`)).toBeNull();
    expect(await store.apiKeys.verify('not a key')).toBeNull();
    expect(await store.apiKeys.verify('')).toBeNull();

    // Another tenant cannot revoke it.
    expect(await store.apiKeys.revoke(other.id, prefix)).toBe(false);
    expect(await store.apiKeys.verify(key)).not.toBeNull();
    expect(await store.apiKeys.revoke(acme.id, prefix)).toBe(true);
    expect(await store.apiKeys.verify(key)).toBeNull();
    expect((await store.apiKeys.list(acme.id))[0]?.revokedAt).toBeInstanceOf(Date);
    expect(await store.apiKeys.revoke(acme.id, 'nonsense')).toBe(false);
  });
});

describe('api key format', () => {
  it('is documented by its prefix', async () => {
    const { API_KEY_PREFIX } = await import('./api-keys.ts');
    expect(API_KEY_PREFIX).toBe('csm_live_');
  });
});
