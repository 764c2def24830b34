import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultSettings, refreshAccounts, saveTenantSettings } from '@csm/accounts';
import { aCompany, aDeal, storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createServerMetrics } from '../http/server-metrics.ts';
import { startServer } from '../server.ts';
import { signedHubSpotGet, TEST_CLIENT_SECRET, TEST_PUBLIC_URL, testApp } from '../test-utils/index.ts';
import { companyCardListener } from './company-card-listener.ts';

const now = new Date('2026-06-15T00:00:00Z');
/** The status this test's server gives a request the edge listener declines. */
const DECLINED = 599;

/** Sends a signed test request to `base` instead of the host it names; the status and body text. */
async function send(base: string, req: Request) {
  const url = new URL(req.url);
  const res = await fetch(`${base}${url.pathname}${url.search}`, {
    method: req.method,
    headers: req.headers,
  });
  return { status: res.status, text: await res.text() };
}

for (const backend of storeBackends()) {
  describe(`the company card's edge listener on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    async function setup() {
      const store = await backend.open();
      const tenants = [];
      for (const [name, portal] of [
        ['acme', 7],
        ['other', 8],
      ] as const) {
        const t = await store.tenants.upsert({
          name,
          hubspotPortalId: portal,
          credentials: { hubspot: { kind: 'private-app', token: name } },
        });
        // The same company and deal ids in both tenants.
        await store.writePage({
          tenantId: t.id,
          stream: 't',
          kind: 'companies',
          records: [aCompany('42', { name: `${name} corp` }), aCompany('43')],
        });
        await store.writePage({
          tenantId: t.id,
          stream: 't',
          kind: 'deals',
          records: [aDeal('501', { companyId: '42', mrr: portal * 100, isClosedWon: true, closeDate: now })],
        });
        await refreshAccounts({ store, tenantId: t.id, now });
        tenants.push(t);
      }
      return { store, acme: tenants[0]!, other: tenants[1]! };
    }

    /** A bare server with only the edge listener: what it declines is answered DECLINED. */
    async function edgeOnly(store: Awaited<ReturnType<typeof setup>>['store'], at: Date) {
      const edge = companyCardListener({
        store,
        clientSecret: TEST_CLIENT_SECRET,
        publicUrl: TEST_PUBLIC_URL,
        now: () => at,
        metrics: createServerMetrics(),
        logger: createLogger({ level: 'silent' }),
      });
      const server: Server = createServer((req, res) => {
        const decline = () => {
          res.writeHead(DECLINED);
          res.end();
        };
        const answered = edge(req, res);
        if (answered === false) return decline();
        void answered.then((done) => (done ? undefined : decline()));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      };
    }

    it('answers a stored card byte for byte as the app does, each portal its own account', async () => {
      const { store } = await setup();
      const edge = await edgeOnly(store, now);
      try {
        const { app } = testApp(store, { now: () => now });
        for (const portal of [7, 8]) {
          const req = () =>
            signedHubSpotGet(`/cards/hubspot/companies/42?portalId=${portal}&userId=1`, { now });
          const fromEdge = await send(edge.url, req());
          const fromApp = await app.request(req());
          expect(fromEdge.status).toBe(200);
          expect(fromEdge.text).toBe(await fromApp.text());
          const body = JSON.parse(fromEdge.text) as { account: { name: string; mrr: number } };
          expect(body.account).toMatchObject({
            name: portal === 7 ? 'acme corp' : 'other corp',
            mrr: portal * 100,
          });
        }
      } finally {
        await edge.close();
        await store.close();
      }
    });

    it('declines what it cannot answer from a stored card: refusals, unknown records, a card to compute', async () => {
      const { store, acme } = await setup();
      const later = new Date(now.getTime() + 120_000);
      const edge = await edgeOnly(store, later);
      try {
        const get = (path: string, options: { secret?: string } = {}) =>
          send(edge.url, signedHubSpotGet(`/cards/hubspot${path}`, { now: later, ...options }));
        expect((await get('/companies/42?portalId=7')).status).toBe(200);
        expect((await get('/companies/42?portalId=7', { secret: 'wrong' })).status).toBe(DECLINED);
        expect(
          (await send(edge.url, new Request('http://x/cards/hubspot/companies/42?portalId=7'))).status,
        ).toBe(DECLINED);
        expect((await get('/companies/77?portalId=7')).status).toBe(DECLINED);
        expect((await get('/companies/42?portalId=9')).status).toBe(DECLINED);
        expect((await get('/companies/42?portalId=7&portalId=8')).status).toBe(DECLINED);
        expect((await get('/companies/42?portalId=7&userId=1&userId=2')).status).toBe(DECLINED);
        expect((await get('/companies/42')).status).toBe(DECLINED);
        expect((await get('/deals/501?portalId=7')).status).toBe(DECLINED);
        // A settings change after the cards were stored: acme's card is to be computed, other's holds.
        await saveTenantSettings(store, acme.id, defaultSettings, new Date(now.getTime() + 60_000));
        expect((await get('/companies/42?portalId=7')).status).toBe(DECLINED);
        expect((await get('/companies/42?portalId=8')).status).toBe(200);
      } finally {
        await edge.close();
        await store.close();
      }
    });

    it('leaves what it declines to the app when serving (`csm serve`)', async () => {
      const { store } = await setup();
      const server = await startServer({
        config: loadConfig({
          HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
          PUBLIC_URL: TEST_PUBLIC_URL,
          SYNC_INTERVAL_MINUTES: '0',
          LOG_LEVEL: 'silent',
        }),
        store,
        logger: createLogger({ level: 'silent' }),
        port: 0,
        host: '127.0.0.1',
        now: () => now,
      });
      try {
        const get = (path: string, options: { secret?: string } = {}) =>
          send(server.url, signedHubSpotGet(`/cards/hubspot${path}`, { now, ...options }));
        const ok = await get('/companies/42?portalId=7');
        expect(ok.status).toBe(200);
        expect(JSON.parse(ok.text)).toMatchObject({ account: { name: 'acme corp' } });
        expect((await get('/companies/42?portalId=7', { secret: 'wrong' })).status).toBe(401);
        expect((await get('/companies/77?portalId=7')).status).toBe(404);
        expect((await get('/companies/abc?portalId=7')).status).toBe(400);
        expect((await get('/companies/42?portalId=7&userId=1&userId=2')).status).toBe(400);
        expect((await get('/deals/501?portalId=8')).status).toBe(200);
        // Both paths count in the request metrics under the route's pattern.
        const metrics = await server.deps.metrics.registry.getSingleMetricAsString(
          'csm_http_request_duration_seconds',
        );
        expect(metrics).toMatch(
          /csm_http_request_duration_seconds_count\{method="GET",route="\/cards\/hubspot\/companies\/:companyId",status="200"\} 1/,
        );
        expect(metrics).toMatch(/route="\/cards\/hubspot\/companies\/:companyId",status="401"\} 1/);
      } finally {
        await server.close();
      }
    });
  });
}
