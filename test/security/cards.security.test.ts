import { refreshAccounts } from '@csm/accounts';
import { loadConfig, type RunningServer, startServer } from '@csm/server';
import { TEST_CLIENT_SECRET, TEST_PUBLIC_URL } from '@csm/server/test-utils';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  badIds,
  type Case,
  each,
  hubspotRequest,
  INTERNAL,
  openWorld,
  runCases,
  send,
  type World,
} from './harness.ts';

const routes = ['companies', 'deals', 'contacts'] as const;
const ids = { companies: '42', deals: '501', contacts: '601' } as const;
const minutes = (n: number) => n * 60_000;

/** HubSpot card routes: every way a signature can be wrong, bad ids and portals, other tenants' ids, wrong methods. */
function hubspotCardCases(): Case[] {
  return routes.flatMap((route): Case[] => {
    const path = (id: string = ids[route], query = 'portalId=7') => `/cards/hubspot/${route}/${id}?${query}`;
    const signatures: Case[] = [
      {
        name: `${route}: no signature`,
        request: () => hubspotRequest('GET', path(), { signature: null }),
        status: 401,
      },
      {
        name: `${route}: signed with another secret`,
        request: () => hubspotRequest('GET', path(), { secret: 'not-the-client-secret' }),
        status: 401,
      },
      {
        name: `${route}: stale timestamp (6 minutes old)`,
        request: () => hubspotRequest('GET', path(), { at: Date.now() - minutes(6) }),
        status: 401,
      },
      {
        name: `${route}: timestamp from the future (6 minutes ahead)`,
        request: () => hubspotRequest('GET', path(), { at: Date.now() + minutes(6) }),
        status: 401,
      },
      {
        name: `${route}: timestamp not a number`,
        request: () => hubspotRequest('GET', path(), { timestamp: 'yesterday' }),
        status: 401,
      },
      {
        name: `${route}: signature of another record`,
        request: () => hubspotRequest('GET', path(), { signed: { pathAndQuery: path('43') } }),
        status: 401,
      },
      {
        name: `${route}: signature of another portal (portalId swapped after signing)`,
        request: () =>
          hubspotRequest('GET', path(), { signed: { pathAndQuery: path(undefined, 'portalId=8') } }),
        status: 401,
      },
      {
        name: `${route}: signature of another method`,
        request: () => hubspotRequest('GET', path(), { signed: { method: 'POST' } }),
        status: 401,
      },
      {
        name: `${route}: signature garbage`,
        request: () => hubspotRequest('GET', path(), { signature: '!!!not base64!!!' }),
        status: 401,
      },
      {
        name: `${route}: an extra query parameter after signing`,
        request: () =>
          hubspotRequest('GET', path(undefined, 'portalId=7&portalId=8'), {
            signed: { pathAndQuery: path() },
          }),
        status: 401,
      },
    ];
    const badRecordIds = each(`${route}: bad id`, badIds, (id) => ({
      request: () => hubspotRequest('GET', path(encodeURIComponent(id))),
      status: 400,
    }));
    const badPortals = each(
      `${route}: bad portalId`,
      ['0', '-7', 'abc', '9223372036854775808', '9007199254740992', '7.5', '', '1e3', "7' OR '1'='1"],
      (portal) => ({
        request: () => hubspotRequest('GET', path(undefined, `portalId=${encodeURIComponent(portal)}`)),
        status: 400,
      }),
    );
    const crossTenant: Case[] = [
      {
        name: `${route}: no portalId`,
        request: () => hubspotRequest('GET', `/cards/hubspot/${route}/${ids[route]}`),
        status: 400,
      },
      {
        name: `${route}: a portal with no tenant`,
        request: () => hubspotRequest('GET', path(undefined, 'portalId=999')),
        status: 404,
      },
      {
        name: `${route}: a record only another tenant has`,
        request: () => hubspotRequest('GET', path(route === 'companies' ? '99' : '99999')),
        status: 404,
      },
    ];
    const methods = each(`${route}: method`, ['POST', 'PUT', 'DELETE', 'PATCH'], (method) => ({
      request: () => hubspotRequest(method, path(), { body: '{}' }),
      status: 404,
    }));
    return [...signatures, ...badRecordIds, ...badPortals, ...crossTenant, ...methods];
  });
}

/** Zendesk sidebar routes: missing and wrong tokens, bad ids, other tenants' records, wrong methods. */
function sidebarCases(world: () => World): Case[] {
  const routes = [
    ['organizations', '360001'],
    ['requesters', '9001'],
  ] as const;
  return routes.flatMap(([route, id]): Case[] => {
    const get = (path: string, authorization?: string) =>
      send('GET', path, { headers: authorization ? { authorization } : {} });
    const path = (x: string = id) => `/cards/zendesk/${route}/${x}`;
    return [
      { name: `${route}: no token`, request: () => get(path()), status: 401 },
      { name: `${route}: unknown token`, request: () => get(path(), 'Bearer not-a-token'), status: 401 },
      { name: `${route}: empty bearer`, request: () => get(path(), 'Bearer '), status: 401 },
      {
        name: `${route}: token as basic credentials`,
        request: () => get(path(), `Basic ${Buffer.from(`x:${world().appTokens.acme}`).toString('base64')}`),
        status: 401,
      },
      {
        name: `${route}: token with a character changed`,
        request: () => get(path(), `Bearer ${world().appTokens.acme.slice(0, -1)}x`),
        status: 401,
      },
      {
        name: `${route}: another tenant's record with this tenant's token`,
        request: () =>
          get(path(route === 'organizations' ? '360099' : '9099'), `Bearer ${world().appTokens.acme}`),
        status: 404,
      },
      ...each(`${route}: bad id`, badIds, (bad) => ({
        request: () => get(path(encodeURIComponent(bad)), `Bearer ${world().appTokens.acme}`),
        status: 400,
      })),
      ...each(`${route}: method`, ['POST', 'PUT', 'DELETE'], (method) => ({
        request: () =>
          send(method, path(), {
            body: '{}',
            headers: { authorization: `Bearer ${world().appTokens.acme}` },
          }),
        status: 404,
      })),
    ];
  });
}

for (const backend of storeBackends()) {
  describe(`card and sidebar routes refuse bad input and write nothing, on ${backend.name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await openWorld(backend);
    });
    afterAll(() => world?.close());
    const getWorld = () => world;

    runCases(getWorld, [
      ...hubspotCardCases(),
      ...sidebarCases(getWorld),
      {
        name: 'overlapping ids answer each portal its own record',
        request: () => hubspotRequest('GET', '/cards/hubspot/companies/42?portalId=8'),
        status: 200,
        check: async (r) =>
          expect(((await r.json()) as { account: { name: string } }).account.name).toBe('other 42'),
      },
      {
        name: 'overlapping ids answer each token its own organization',
        request: () =>
          send('GET', '/cards/zendesk/organizations/360001', {
            headers: { authorization: `Bearer ${world.appTokens.other}` },
          }),
        status: 200,
        check: async (r) => expect(JSON.stringify(await r.json())).not.toContain('acme'),
      },
    ]);
  });
}

/**
 * `csm serve` answers a stored company card at the Node edge, ahead of the app (the lean read
 * path): the same bad requests must get the same answers there, with every card stored so that
 * the edge has something it could wrongly hand out.
 */
for (const backend of storeBackends()) {
  describe(`company cards through csm serve's Node edge refuse the same, on ${backend.name}`, () => {
    let world: World;
    let server: RunningServer;
    beforeAll(async () => {
      world = await openWorld(backend);
      for (const tenant of [world.acme, world.other])
        await refreshAccounts({ store: world.store, tenantId: tenant.id });
      server = await startServer({
        config: loadConfig({
          HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
          PUBLIC_URL: TEST_PUBLIC_URL,
          SYNC_INTERVAL_MINUTES: '0',
          LOG_LEVEL: 'silent',
        }),
        // The world owns the store and closes it; the server would close it too.
        store: { ...world.store, close: async () => {} },
        logger: createLogger({ level: 'silent' }),
        port: 0,
        host: '127.0.0.1',
      });
    });
    afterAll(async () => {
      await server?.close();
      await world?.close();
    });
    const getWorld = () => world;
    const overServer = (request: Request) =>
      fetch(new Request(request.url.replace(INTERNAL, server.url), request));

    runCases(
      getWorld,
      [
        ...hubspotCardCases().filter((c) => c.name.startsWith('companies:')),
        ...[7, 8].map((portal) => ({
          name: `a stored card of portal ${portal} answers that portal's own account`,
          request: () => hubspotRequest('GET', `/cards/hubspot/companies/42?portalId=${portal}`),
          status: 200,
          check: async (r: Response) =>
            expect(((await r.json()) as { account: { name: string } }).account.name).toBe(
              portal === 7 ? 'acme 42' : 'other 42',
            ),
        })),
      ],
      overServer,
    );
  });
}
