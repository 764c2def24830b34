import { forEachStore } from '@csm/store/test-utils';
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from './app.ts';
import { testApp } from './test-utils/index.ts';

forEachStore('the app', (getStore) => {
  it('serves a valid OpenAPI 3.1 document naming every card route, and a browsable page', async () => {
    const { app } = testApp(getStore());
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const path of [
      '/cards/hubspot/companies/{companyId}',
      '/cards/hubspot/deals/{dealId}',
      '/cards/hubspot/contacts/{contactId}',
      '/cards/zendesk/organizations/{orgId}',
      '/cards/zendesk/requesters/{userId}',
      '/healthz',
      '/readyz',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/openapi.json');
  });

  it('answers health, readiness (database and migrations) and Prometheus metrics', async () => {
    const store = getStore();
    const { app } = testApp(store);
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await app.request('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    });
    await app.request('/cards/zendesk/organizations/1');
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(
      /csm_http_request_duration_seconds_count\{method="GET",route="\/cards\/zendesk\/organizations\/:orgId",status="401"\} 1/,
    );
    expect(metrics).toContain('csm_sync_runs_total');
    // A store missing a migration is not ready.
    await store.db.query(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)',
    );
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ checks: { migrations: 'pending' } });
  });

  it('refuses oversized bodies (413), unknown routes (404) and answers errors as JSON naming the problem', async () => {
    const { app } = testApp(getStore());
    const big = await app.request('/cards/zendesk/organizations/1', {
      method: 'POST',
      body: 'x'.repeat(DEFAULT_BODY_LIMIT + 1),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('keeps the dashboard off without CSM_ADMIN_TOKEN and HUBSPOT_CLIENT_SECRET, behind basic auth with the token', async () => {
    const store = getStore();
    const off = testApp(store, { env: { HUBSPOT_CLIENT_SECRET: '' } }).app;
    expect((await off.request('/dashboard/api/session')).status).toBe(404);
    const { app } = testApp(store, { env: { CSM_ADMIN_TOKEN: 'a-long-admin-password' } });
    expect((await app.request('/dashboard/api/session')).status).toBe(401);
    const ok = await app.request('/dashboard/api/session', {
      headers: { authorization: `Basic ${Buffer.from('admin:a-long-admin-password').toString('base64')}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ principal: { kind: 'admin', via: 'password' } });
  });

  it('answers HubSpot cards 503 when HUBSPOT_CLIENT_SECRET is not set, rather than skip the check', async () => {
    const { app } = testApp(getStore(), { env: { HUBSPOT_CLIENT_SECRET: '' } });
    const res = await app.request('/cards/hubspot/companies/1?portalId=1');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ message: expect.stringContaining('HUBSPOT_CLIENT_SECRET') });
  });
});
