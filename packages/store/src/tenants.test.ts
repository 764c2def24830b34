import { expect, it } from 'vitest';
import { generateKey } from './crypto.ts';
import { openStore } from './store.ts';
import type { TenantCredentials } from './tenants.ts';
import { forEachStore, storeBackends } from './test-utils/index.ts';

const credentials: TenantCredentials = {
  hubspot: { kind: 'private-app', token: 'pat-secret-123' },
  zendesk: { kind: 'api-token', subdomain: 'acme', email: 'a@acme.test', token: 'zd-secret-456' },
};

forEachStore('tenants', (getStore, backend) => {
  it('stores credentials and the app token encrypted, and reads them back decrypted', async () => {
    const store = getStore();
    const t = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    expect(t).toEqual({
      id: t.id,
      name: 'acme',
      hubspotPortalId: 42,
      zendeskSubdomain: 'acme',
      status: 'active',
      currency: null,
      zendeskPaused: null,
      credentials,
    });
    const [raw] = await store.db.query<Record<string, string>>('SELECT * FROM tenants');
    const token = (await store.tenants.zendeskAppToken('acme'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(raw);
    for (const secret of ['pat-secret-123', 'zd-secret-456', token]) expect(stored).not.toContain(secret);
    expect(raw!.credentials).toMatch(/^v1:/);
    expect(await store.tenants.get('acme')).toEqual(t);
    expect(await store.tenants.getById(t.id)).toEqual(t);
    expect(await store.tenants.byPortalId(42)).toEqual(t);
    expect(await store.tenants.get('nobody')).toBeNull();
    expect(await store.tenants.zendeskAppToken('nobody')).toBeNull();
  });

  it('updates a re-added name, keeping its app token and status', async () => {
    const store = getStore();
    const t = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    const token = await store.tenants.zendeskAppToken('acme');
    await store.tenants.setStatus(t.id, 'paused');
    const again = await store.tenants.upsert({
      name: 'acme',
      hubspotPortalId: 42,
      credentials: { hubspot: { kind: 'private-app', token: 'pat-new' } },
    });
    expect(again).toMatchObject({ id: t.id, status: 'paused', zendeskSubdomain: null });
    expect(again.credentials).toEqual({ hubspot: { kind: 'private-app', token: 'pat-new' } });
    expect(await store.tenants.zendeskAppToken('acme')).toBe(token);
    expect((await store.tenants.list()).map((x) => x.name)).toEqual(['acme']);
  });

  it('pauses the Zendesk side alone, keeping when it first paused, and resumes it', async () => {
    const store = getStore();
    const t = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    const other = await store.tenants.upsert({ name: 'other', hubspotPortalId: 43, credentials });
    await store.tenants.pauseZendesk(t.id, 'Zendesk refused the API token');
    const paused = (await store.tenants.get('acme'))!;
    expect(paused).toMatchObject({
      status: 'active',
      zendeskPaused: { reason: 'Zendesk refused the API token', since: expect.any(Date) },
    });
    await store.tenants.pauseZendesk(t.id, 'still refused');
    const again = (await store.tenants.get('acme'))!;
    expect(again.zendeskPaused).toEqual({ reason: 'still refused', since: paused.zendeskPaused!.since });
    expect((await store.tenants.get('other'))!.zendeskPaused).toBeNull();
    // A re-add (new credentials) keeps the pause: only a Zendesk reconnect resumes.
    await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    expect((await store.tenants.get('acme'))!.zendeskPaused).not.toBeNull();
    await store.tenants.resumeZendesk(t.id);
    expect((await store.tenants.get('acme'))!.zendeskPaused).toBeNull();
    expect(other.zendeskPaused).toBeNull();
  });

  it('refuses a second tenant for the same portal, naming the owner', async () => {
    const store = getStore();
    await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    await expect(store.tenants.upsert({ name: 'other', hubspotPortalId: 42, credentials })).rejects.toThrow(
      'HubSpot portal 42 already belongs to tenant "acme"',
    );
  });

  it('updates credentials (an OAuth refresh) and status', async () => {
    const store = getStore();
    const t = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    const oauth: TenantCredentials = {
      hubspot: { kind: 'oauth', accessToken: 'a', refreshToken: 'r', expiresAt: '2026-01-01T00:00:00.000Z' },
    };
    await store.tenants.updateCredentials(t.id, oauth);
    await store.tenants.setStatus(t.id, 'paused');
    expect(await store.tenants.getById(t.id)).toMatchObject({ credentials: oauth, status: 'paused' });
    await expect(
      store.tenants.updateCredentials(t.id, { hubspot: { kind: 'oauth' } } as unknown as TenantCredentials),
    ).rejects.toThrow(/accessToken/);
  });

  it('keeps the portal currency per tenant and refuses what is not an ISO 4217 code', async () => {
    const store = getStore();
    const a = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    const b = await store.tenants.upsert({ name: 'beta', hubspotPortalId: 43, credentials });
    await store.tenants.setCurrency(a.id, 'USD');
    await store.tenants.setCurrency(b.id, 'EUR');
    expect((await store.tenants.getById(a.id))?.currency).toBe('USD');
    expect((await store.tenants.byPortalId(43))?.currency).toBe('EUR');
    await expect(store.tenants.setCurrency(a.id, 'euro')).rejects.toThrow(/ISO 4217/);
    expect((await store.tenants.getById(a.id))?.currency).toBe('USD');
    // Re-registering keeps what was read from the portal.
    await store.tenants.upsert({ name: 'beta', hubspotPortalId: 43, credentials });
    expect((await store.tenants.get('beta'))?.currency).toBe('EUR');
  });

  it('finds a tenant by its Zendesk app token; rotation retires the old token at once', async () => {
    const store = getStore();
    await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    await store.tenants.upsert({ name: 'beta', hubspotPortalId: 43, credentials });
    const token = (await store.tenants.zendeskAppToken('acme'))!;
    expect((await store.tenants.byZendeskAppToken(token))?.name).toBe('acme');
    expect(await store.tenants.byZendeskAppToken(`${token}x`)).toBeNull();
    expect(await store.tenants.byZendeskAppToken('')).toBeNull();
    const rotated = await store.tenants.rotateZendeskAppToken('acme');
    expect(rotated).not.toBe(token);
    expect(await store.tenants.zendeskAppToken('acme')).toBe(rotated);
    expect(await store.tenants.byZendeskAppToken(token)).toBeNull();
    expect((await store.tenants.byZendeskAppToken(rotated))?.name).toBe('acme');
    expect(
      (await store.tenants.byZendeskAppToken((await store.tenants.zendeskAppToken('beta'))!))?.name,
    ).toBe('beta');
    await expect(store.tenants.rotateZendeskAppToken('nobody')).rejects.toThrow('no tenant named "nobody"');
  });

  it('fails clearly when opened with another key', async () => {
    const store = getStore();
    await store.tenants.upsert({ name: 'acme', hubspotPortalId: 42, credentials });
    if (backend !== 'postgres') return; // an in-memory PGlite cannot be reopened; migrate.test.ts covers disk
    const schema = (await store.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
    const url = process.env.TEST_DATABASE_URL!;
    const other = await openStore({ databaseUrl: url, schema, encryptionKey: generateKey() });
    try {
      await expect(other.tenants.get('acme')).rejects.toThrow(/CSM_ENCRYPTION_KEY is not the key/);
    } finally {
      await other.close();
    }
  });
});

it('refuses a key of the wrong size, naming the variable', async () => {
  await expect(openStore({ encryptionKey: 'short' })).rejects.toThrow(/CSM_ENCRYPTION_KEY/);
  expect(storeBackends().length).toBeGreaterThan(0);
});
