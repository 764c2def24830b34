import { randomBytes } from 'node:crypto';
import { refreshAccounts } from '@csm/accounts';
import { generateKey, openStore, type Store } from '@csm/store';
import {
  aCompany,
  dropSchema,
  holdTableLock,
  type PgProxy,
  pgProxy,
  terminateBackends,
  withApplicationName,
} from '@csm/store/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedHubSpotGet, testApp } from '../test-utils/index.ts';
import { jsonOf } from '../test-utils/installs.ts';

const url = process.env.TEST_DATABASE_URL;
const now = new Date('2026-06-15T12:00:00Z');

/**
 * The server while its PostgreSQL restarts (`pg_ctl stop -m immediate`, then start). The
 * machine's server is shared, so the restart is played by a TCP relay in front of it (`down()`
 * closes every connection under whatever runs and refuses new ones, `up()` is the restart) and
 * by `pg_terminate_backend` on this test's own connections (SQLSTATE 57P01 and a closed socket,
 * what each connection gets from a stopping server). Every request then answers 503 with
 * `Retry-After`, the process stays up, and the same requests answer as before once it is back.
 */
describe.skipIf(!url)('the server while the database restarts (PostgreSQL)', () => {
  const application = `csm-outage-${randomBytes(4).toString('hex')}`;
  const schema = `outage_${randomBytes(5).toString('hex')}`;
  let proxy: PgProxy;
  let store: Store;
  let app: ReturnType<typeof testApp>['app'];
  let appToken: string;
  let apiKey: string;
  const card = () => app.request(signedHubSpotGet('/cards/hubspot/companies/42?portalId=7', { now }));

  beforeAll(async () => {
    proxy = await pgProxy(withApplicationName(url!, application));
    store = await openStore({ databaseUrl: proxy.url, schema, encryptionKey: generateKey() });
    const acme = await store.tenants.upsert({
      name: 'acme',
      hubspotPortalId: 7,
      credentials: { hubspot: { kind: 'private-app', token: 't' } },
    });
    await store.writePage({ tenantId: acme.id, stream: 't', kind: 'companies', records: [aCompany('42')] });
    await refreshAccounts({ store, tenantId: acme.id, now });
    appToken = (await store.tenants.zendeskAppToken('acme'))!;
    apiKey = (await store.apiKeys.create(acme.id, 'outage')).key;
    ({ app } = testApp(store, { now: () => now }));
  });
  afterEach(async () => {
    await proxy.up();
  });
  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await dropSchema(url!, schema);
  });

  it('answers card, sidebar and ingestion requests 503 with Retry-After while it is down, and as before once it is back', async () => {
    expect((await card()).status).toBe(200);

    await proxy.down();
    const down = await card();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await jsonOf(down)).toMatchObject({
      error: 'unavailable',
      message: expect.stringMatching(/database/),
    });
    const sidebar = await app.request('/cards/zendesk/organizations/1', {
      headers: { authorization: `Bearer ${appToken}` },
    });
    expect(sidebar.status).toBe(503);
    expect(sidebar.headers.get('retry-after')).toBe('5');
    const ingest = await app.request('/api/v1/ingest/usage', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ usage: [{ accountId: '42', date: '2026-06-01', activeUsers: 3 }] }),
    });
    expect(ingest.status).toBe(503);
    expect((await app.request('/readyz')).status).toBe(503);
    expect((await app.request('/healthz')).status).toBe(200);

    await proxy.up();
    expect((await card()).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('fails a request whose connection is cut mid-transaction with 503, writes nothing, and takes the retry', async () => {
    const body = JSON.stringify({
      idempotencyKey: 'cut-1',
      usage: [{ accountId: '42', date: '2026-06-02', activeUsers: 4, licensedSeats: 10 }],
    });
    const post = () =>
      app.request('/api/v1/ingest/usage', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body,
      });
    // Hold the batch table so that the request's transaction waits on it, then cut that connection.
    const lock = await holdTableLock(url!, schema, 'ingest_batches');
    try {
      const answer = post();
      let cut = 0;
      for (let i = 0; i < 100 && cut === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        cut = await terminateBackends(url!, application, "wait_event_type = 'Lock'");
      }
      expect(cut).toBe(1);
      const refused = await answer;
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      await lock.release();
    }
    const acme = (await store.tenants.get('acme'))!;
    expect(await store.usage.read(acme.id)).toEqual([]);

    const retried = await post();
    expect(retried.status).toBe(200);
    expect(await jsonOf(retried)).toMatchObject({ received: 1, inserted: 1 });
    expect((await store.usage.read(acme.id)).length).toBe(1);
  });
});
