import { storeBackends } from '@csm/store/test-utils';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  ADMIN_PASSWORD,
  type Case,
  each,
  hubspotRequest,
  INTERNAL,
  injections,
  openWorld,
  runCases,
  send,
  settled,
  type World,
  ZENDESK_SECRET,
  zendeskSignature,
  zendeskTime,
} from './harness.ts';

const minutes = (n: number) => n * 60_000;
const admin = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;

/** A HubSpot change notification batch of portal `portalId`. */
const hubspotBatch = (portalId: number, eventId: number, over: Record<string, unknown> = {}) =>
  JSON.stringify([
    {
      eventId,
      subscriptionId: 1,
      portalId,
      appId: 5,
      occurredAt: Date.now(),
      subscriptionType: 'company.propertyChange',
      attemptNumber: 0,
      objectId: 42,
      propertyName: 'name',
      propertyValue: 'x',
      ...over,
    },
  ]);
const zendeskEvent = JSON.stringify({
  type: 'zen:event-type:ticket.status_changed',
  subject: 'zen:ticket:35436',
  detail: { id: '35436', status: 'SOLVED' },
  id: 'cbe4028c-7239-495d-b020-f22348516046',
  time: '2026-06-01T10:12:07Z',
});

/** What the suite's setup delivered (and what replays send again). */
interface Delivered {
  hubspot: { body: string; at: number };
  zendesk: { body: string; timestamp: string; signature: string };
  /** A dashboard sign-in link already used, and the session it opened (acme's). */
  usedLink: string;
  session: string;
  /** A Zendesk connect grant made for `other`. */
  otherGrant: string;
}

function zendeskPost(
  tenant: string,
  body: string,
  options: {
    secret?: string;
    timestamp?: string;
    signature?: string | null;
    invocationId?: string;
    type?: string;
  } = {},
): Request {
  const timestamp = options.timestamp ?? zendeskTime();
  const signature =
    options.signature === null
      ? undefined
      : (options.signature ?? zendeskSignature(options.secret ?? ZENDESK_SECRET, timestamp, body));
  return new Request(`${INTERNAL}/webhooks/zendesk/${tenant}`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'application/json',
      ...(signature
        ? { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp }
        : {}),
      ...(options.invocationId ? { 'x-zendesk-webhook-invocation-id': options.invocationId } : {}),
    },
    body,
  });
}

function hubspotWebhookCases(d: () => Delivered): Case[] {
  const post = (body: string, options: Parameters<typeof hubspotRequest>[2] = {}) =>
    hubspotRequest('POST', '/webhooks/hubspot', { body, ...options });
  const body = () => hubspotBatch(7, 1001);
  const sameReplayed = (check: (r: Response) => Promise<void>) => ({ status: 200, check });
  return [
    { name: 'hubspot webhook: no signature', request: () => post(body(), { signature: null }), status: 401 },
    { name: 'hubspot webhook: another secret', request: () => post(body(), { secret: 'nope' }), status: 401 },
    {
      name: 'hubspot webhook: stale',
      request: () => post(body(), { at: Date.now() - minutes(6) }),
      status: 401,
    },
    {
      name: 'hubspot webhook: from the future',
      request: () => post(body(), { at: Date.now() + minutes(6) }),
      status: 401,
    },
    {
      name: 'hubspot webhook: body changed after signing',
      request: () => post(body(), { signed: { body: hubspotBatch(7, 1002) } }),
      status: 401,
    },
    {
      name: 'hubspot webhook: signed for another path',
      request: () => post(body(), { signed: { pathAndQuery: '/webhooks/hubspot?x=1' } }),
      status: 401,
    },
    {
      name: 'hubspot webhook: a captured delivery replayed with a new timestamp',
      request: () =>
        post(d().hubspot.body, {
          timestamp: String(Date.now()),
          signature: hubspotRequest('POST', '/webhooks/hubspot', {
            body: d().hubspot.body,
            at: d().hubspot.at,
          }).headers.get('x-hubspot-signature-v3')!,
        }),
      status: 401,
    },
    {
      name: 'hubspot webhook: a captured delivery replayed as it was',
      request: () => post(d().hubspot.body, { at: d().hubspot.at }),
      ...sameReplayed(async (r) => expect(await r.json()).toMatchObject({ fresh: 0, syncs: [] })),
    },
    ...each(
      'hubspot webhook: signed but malformed',
      [
        '{',
        '',
        hubspotBatch(7, 1, { eventId: 'a\u0000b' }),
        hubspotBatch(7, 1, { subscriptionType: '\u0000' }),
        '{}',
        '[]',
        'null',
        '[1]',
        hubspotBatch(2 ** 63, 1),
        hubspotBatch(7, 1, { portalId: '7' }),
        hubspotBatch(7, 1, { occurredAt: 'now' }),
        hubspotBatch(7, 1, { objectTypeId: 'x' }),
      ],
      (b) => ({ request: () => post(b), status: 400 }),
    ),
    {
      name: 'hubspot webhook: 1,001 events',
      request: () =>
        post(
          JSON.stringify(Array.from({ length: 1001 }, (_, i) => JSON.parse(hubspotBatch(7, 5000 + i))[0])),
        ),
      status: 400,
    },
    {
      name: 'hubspot webhook: over 1 MB',
      request: () => post(`[${' '.repeat(1024 * 1024)}]`),
      status: 413,
      check: (r) => expect(r.headers.get('connection')).toBe('close'),
    },
    {
      name: 'hubspot webhook: events of a portal without a tenant are acknowledged and ignored',
      request: () => post(hubspotBatch(999, 7001)),
      status: 200,
      check: async (r) => expect(await r.json()).toMatchObject({ fresh: 0, ignored: 1 }),
    },
    ...each('hubspot webhook: method', ['GET', 'PUT', 'DELETE'], (method) => ({
      request: () => hubspotRequest(method, '/webhooks/hubspot', method === 'GET' ? {} : { body: body() }),
      status: 404,
    })),
  ];
}

function zendeskWebhookCases(d: () => Delivered): Case[] {
  const refused = async (r: Response) =>
    expect(await r.json()).toEqual({
      error: 'unauthorized',
      message: 'Zendesk signature refused: signature does not match',
    });
  return [
    {
      name: 'zendesk webhook: unknown tenant, well signed',
      request: () => zendeskPost('nobody', zendeskEvent),
      status: 401,
      check: refused,
    },
    {
      name: 'zendesk webhook: a tenant without a signing secret',
      request: () => zendeskPost('other', zendeskEvent),
      status: 401,
      check: refused,
    },
    {
      name: 'zendesk webhook: another secret',
      request: () => zendeskPost('acme', zendeskEvent, { secret: 'nope-nope-nope-nope' }),
      status: 401,
      check: refused,
    },
    {
      name: 'zendesk webhook: body changed after signing',
      request: () =>
        zendeskPost('acme', zendeskEvent.replace('SOLVED', 'OPEN'), {
          signature: zendeskSignature(ZENDESK_SECRET, zendeskTime(), zendeskEvent),
        }),
      status: 401,
    },
    {
      name: 'zendesk webhook: no signature',
      request: () => zendeskPost('acme', zendeskEvent, { signature: null }),
      status: 401,
    },
    {
      name: 'zendesk webhook: stale',
      request: () => zendeskPost('acme', zendeskEvent, { timestamp: zendeskTime(Date.now() - minutes(6)) }),
      status: 401,
    },
    {
      name: 'zendesk webhook: from the future',
      request: () => zendeskPost('acme', zendeskEvent, { timestamp: zendeskTime(Date.now() + minutes(6)) }),
      status: 401,
    },
    {
      name: 'zendesk webhook: timestamp not a time',
      request: () => zendeskPost('acme', zendeskEvent, { timestamp: 'soon' }),
      status: 401,
    },
    ...each(
      'zendesk webhook: tenant name',
      [...injections.filter((i) => !i.includes('/')), 'a'.repeat(5000)],
      (name) => ({
        request: () => zendeskPost(encodeURIComponent(name), zendeskEvent),
        // A NUL in the address is refused before anything else; other names are unknown tenants.
        status: name.includes('\u0000') ? 400 : 401,
      }),
    ),
    ...each(
      'zendesk webhook: a captured delivery replayed',
      ['with a new invocation id', 'without an invocation id', 'with its own invocation id'],
      (how) => ({
        request: () =>
          zendeskPost('acme', d().zendesk.body, {
            timestamp: d().zendesk.timestamp,
            signature: d().zendesk.signature,
            ...(how.startsWith('with a new')
              ? { invocationId: 'forged-1' }
              : how.startsWith('with its')
                ? { invocationId: 'inv-setup' }
                : {}),
          }),
        status: 200,
        check: async (r) => expect(await r.json()).toMatchObject({ fresh: 0, syncs: [] }),
      }),
    ),
    ...each(
      'zendesk webhook: signed but malformed',
      [
        '{',
        '',
        '[1,2]',
        '"x"',
        JSON.stringify({ type: 'zen:event-type:ticket.created' }),
        JSON.stringify({ a: 'b\u0000' }),
      ],
      (b) => ({
        request: () => zendeskPost('acme', b),
        status: 400,
      }),
    ),
    {
      name: 'zendesk webhook: over 1 MB',
      request: () => zendeskPost('acme', `{"a":"${'x'.repeat(1024 * 1024)}"}`),
      status: 413,
    },
    ...each('zendesk webhook: method', ['GET', 'PUT', 'DELETE'], (method) => ({
      request: () => send(method, '/webhooks/zendesk/acme', method === 'GET' ? {} : { body: zendeskEvent }),
      status: 404,
    })),
  ];
}

function tenantRouteCases(world: () => World): Case[] {
  const base = '/api/v1/tenants';
  const as = (token: string | undefined, method: string, path: string, body?: string, type?: string | null) =>
    send(method, `${base}${path}`, {
      ...(body === undefined ? {} : { body }),
      ...(type === undefined ? {} : { type }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const secret = JSON.stringify({ signingSecret: 'a-new-signing-secret-0123456789' });
  const connect = JSON.stringify({ subdomain: 'acme', email: 'admin@acme.test', token: 'zd' });
  const routes: [string, string, string | undefined][] = [
    ['POST', '/acme/zendesk', connect],
    ['PUT', '/acme/zendesk/webhook-secret', secret],
    ['DELETE', '/acme/zendesk', undefined],
    ['POST', '/acme/zendesk/connect-link', undefined],
  ];
  return [
    ...routes.flatMap(([method, path, body]): Case[] => [
      { name: `${method} ${path}: no token`, request: () => as(undefined, method, path, body), status: 401 },
      {
        name: `${method} ${path}: unknown token`,
        request: () => as('nope', method, path, body),
        status: 401,
      },
      {
        name: `${method} ${path}: another tenant's token`,
        request: () => as(world().appTokens.other, method, path, body),
        status: 403,
      },
      {
        name: `${method} ${path}: an API key instead`,
        request: () => as(world().keys.acme, method, path, body),
        status: 401,
      },
    ]),
    ...each(
      'PUT webhook-secret: content type',
      ['text/plain', 'application/vnd.api+json', 'application/x-www-form-urlencoded'],
      (type) => ({
        request: () => as(world().appTokens.acme, 'PUT', '/acme/zendesk/webhook-secret', secret, type),
        status: 415,
      }),
    ),
    ...each(
      'PUT webhook-secret: bad body',
      [
        '{',
        '{}',
        JSON.stringify({ signingSecret: 'short' }),
        JSON.stringify({ signingSecret: 5 }),
        JSON.stringify({ signingSecret: 'x'.repeat(20), webhookId: '' }),
      ],
      (b) => ({
        request: () => as(world().appTokens.acme, 'PUT', '/acme/zendesk/webhook-secret', b),
        status: 400,
      }),
    ),
    ...each(
      'POST connect: bad body',
      [
        '{',
        JSON.stringify({ subdomain: 'acme.evil.com', email: 'a@b.c', token: 'x' }),
        JSON.stringify({ subdomain: 'acme', email: 'nope', token: 'x' }),
        JSON.stringify({ subdomain: "acme' OR 1=1", email: 'a@b.c', token: 'x' }),
      ],
      (b) => ({ request: () => as(world().appTokens.acme, 'POST', '/acme/zendesk', b), status: 400 }),
    ),
    {
      name: 'POST connect: credentials Zendesk refuses',
      request: () => as(world().appTokens.acme, 'POST', '/acme/zendesk', connect),
      status: 400,
    },
    {
      name: 'PUT webhook-secret of a tenant that does not exist',
      request: () => as(world().appTokens.acme, 'PUT', '/nobody/zendesk/webhook-secret', secret),
      status: 403,
    },
  ];
}

function oauthCases(d: () => Delivered): Case[] {
  return [
    ...each(
      'hubspot oauth callback',
      [
        'code=x&state=forged',
        'code=x',
        'state=x',
        'error=access_denied&error_description=no',
        `code=x&state=${injections[0]}`,
      ],
      (query) => ({ request: () => send('GET', `/oauth/hubspot/callback?${query}`), status: 400 }),
    ),
    ...each('zendesk oauth callback', ['code=x&state=forged', 'code=x', 'error=access_denied'], (query) => ({
      request: () => send('GET', `/oauth/zendesk/callback?${query}`),
      status: 400,
    })),
    {
      name: 'zendesk oauth install: a forged grant',
      request: () => send('GET', '/oauth/zendesk/install?tenant=acme&subdomain=acme&grant=forged'),
      status: 403,
    },
    {
      name: "zendesk oauth install: another tenant's grant",
      request: () =>
        send(
          'GET',
          `/oauth/zendesk/install?tenant=acme&subdomain=acme&grant=${encodeURIComponent(d().otherGrant)}`,
        ),
      status: 403,
    },
    ...each(
      'zendesk oauth install: subdomain',
      ['acme.evil.com', 'evil.com/x', '', "acme' OR 1=1"],
      (subdomain) => ({
        request: () =>
          send(
            'GET',
            `/oauth/zendesk/install?tenant=other&subdomain=${encodeURIComponent(subdomain)}&grant=${encodeURIComponent(d().otherGrant)}`,
          ),
        status: 400,
      }),
    ),
  ];
}

function dashboardCases(d: () => Delivered): Case[] {
  const api = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
    send(method, `/dashboard/api${path}`, { ...(body === undefined ? {} : { body }), headers });
  const session = () => ({ cookie: `csm_dashboard=${d().session}` });
  return [
    { name: 'dashboard api: no credentials', request: () => api('/session'), status: 401 },
    {
      name: 'dashboard api: wrong admin password',
      request: () =>
        api('/session', { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` }),
      status: 401,
    },
    {
      name: 'dashboard api: a forged session cookie',
      request: () => api('/session', { cookie: 'csm_dashboard=forged.token' }),
      status: 401,
    },
    {
      name: 'dashboard api: a session cookie with a character changed',
      request: () => api('/session', { cookie: `csm_dashboard=${d().session.slice(0, -2)}xx` }),
      status: 401,
    },
    ...each(
      'dashboard api: another tenant with acme’s session',
      [
        '/tenants/other/accounts',
        '/tenants/other/accounts/42',
        '/tenants/other/settings',
        '/tenants/other/ledger',
        '/tenants/nobody/accounts',
      ],
      (path) => ({
        request: () => api(path, session()),
        status: 403,
      }),
    ),
    {
      name: 'dashboard api: saving another tenant’s settings with acme’s session',
      request: () => api('/tenants/other/settings', session(), 'PUT', JSON.stringify({ settings: {} })),
      status: 403,
    },
    {
      name: 'dashboard api: unknown tenant as admin',
      request: () => api('/tenants/nobody/accounts', { authorization: admin }),
      status: 404,
    },
    ...each('dashboard api: bad company id', ['0', '9223372036854775808', '4x', "42' OR '1'='1"], (id) => ({
      request: () => api(`/tenants/acme/accounts/${encodeURIComponent(id)}`, { authorization: admin }),
      status: 400,
    })),
    ...each(
      'dashboard api: invalid settings',
      [
        '{',
        '{}',
        JSON.stringify({ healthModel: { bands: { green: 'high' } } }),
        JSON.stringify({ note: 'a\u0000' }),
      ],
      (body) => ({
        request: () => api('/tenants/acme/settings', { authorization: admin }, 'PUT', body),
        status: 400,
      }),
    ),
    {
      name: 'dashboard api: a cross-site form post',
      request: () =>
        send('PUT', '/dashboard/api/tenants/acme/settings', {
          body: 'a=1',
          type: 'application/x-www-form-urlencoded',
          headers: { ...session(), origin: 'https://evil.example' },
        }),
      status: 403,
    },
    {
      name: 'dashboard sign-in: a forged link',
      request: () => send('GET', '/dashboard/auth/link?token=forged'),
      status: 401,
    },
    {
      name: 'dashboard sign-in: a link used before',
      request: () => send('GET', `/dashboard/auth/link?token=${encodeURIComponent(d().usedLink)}`),
      status: 401,
    },
    { name: 'dashboard sign-in: no link', request: () => send('GET', '/dashboard/auth/link'), status: 401 },
    {
      name: 'dashboard link: unsigned',
      request: () =>
        hubspotRequest('POST', '/cards/hubspot/dashboard-link?portalId=7&userId=1', {
          body: '{}',
          signature: null,
        }),
      status: 401,
    },
    {
      name: 'dashboard link: signed with another secret',
      request: () =>
        hubspotRequest('POST', '/cards/hubspot/dashboard-link?portalId=7&userId=1', {
          body: '{}',
          secret: 'nope',
        }),
      status: 401,
    },
    {
      name: "dashboard link: another tenant's company",
      request: () =>
        hubspotRequest('POST', '/cards/hubspot/dashboard-link?portalId=7&userId=1', {
          body: JSON.stringify({ companyId: '99' }),
        }),
      status: 404,
    },
    {
      name: 'dashboard link: a portal past 2^53',
      request: () =>
        hubspotRequest('POST', '/cards/hubspot/dashboard-link?portalId=9223372036854775808&userId=1', {
          body: '{}',
        }),
      status: 400,
    },
    { name: 'dashboard page: no credentials', request: () => send('GET', '/dashboard/acme'), status: 401 },
    {
      name: 'dashboard assets: a path out of the app',
      request: () => send('GET', '/dashboard/assets/..%2F..%2F..%2Fpackage.json'),
      status: 404,
    },
    {
      name: 'dashboard: portalId past bigint',
      request: () =>
        send('GET', '/dashboard/api/session?portalId=9223372036854775808', {
          headers: { authorization: admin },
        }),
      status: 200,
    },
  ];
}

const opsCases: Case[] = [
  ...each('ops: method', ['POST', 'PUT', 'DELETE'], (method) => ({
    request: () => send(method, '/healthz', { body: '{}' }),
    status: 404,
  })),
  { name: 'ops: an unknown route', request: () => send('GET', '/api/v1/nope'), status: 404 },
  {
    name: 'ops: POST to the OpenAPI document',
    request: () => send('POST', '/openapi.json', { body: '{}' }),
    status: 404,
  },
  {
    name: 'ops: a path with a NUL byte',
    request: () => send('GET', '/cards/hubspot/companies/%00'),
    status: 400,
  },
  { name: 'ops: a query with a NUL byte', request: () => send('GET', '/readyz?x=%00'), status: 400 },
  {
    name: 'ops: malformed percent-encoding',
    request: () => send('GET', '/cards/hubspot/companies/%E0%A4%A'),
    status: 400,
  },
];

for (const backend of storeBackends()) {
  describe(`webhook, install, dashboard and ops routes refuse bad input and write nothing, on ${backend.name}`, () => {
    let world: World;
    let delivered: Delivered;
    beforeAll(async () => {
      world = await openWorld(backend, {
        HUBSPOT_CLIENT_ID: 'hubspot-client-id',
        ZENDESK_CLIENT_ID: 'zendesk-client-id',
        ZENDESK_CLIENT_SECRET: 'zendesk-client-secret-0123456789',
      });
      // Deliveries already handled (the replay cases send them again), a sign-in link already
      // used and the session it opened, a connect grant of the other tenant.
      const at = Date.now();
      const hubspotBody = hubspotBatch(7, 1001);
      const first = await world.app.request(
        hubspotRequest('POST', '/webhooks/hubspot', { body: hubspotBody, at }),
      );
      expect(await first.json()).toMatchObject({ fresh: 1 });
      const timestamp = zendeskTime();
      const signature = zendeskSignature(ZENDESK_SECRET, timestamp, zendeskEvent);
      const zendesk = await world.app.request(
        zendeskPost('acme', zendeskEvent, { timestamp, signature, invocationId: 'inv-setup' }),
      );
      expect(await zendesk.json()).toMatchObject({ fresh: 1 });
      const link = await world.app.request(
        hubspotRequest('POST', '/cards/hubspot/dashboard-link?portalId=7&userId=1', { body: '{}' }),
      );
      const url = new URL(((await link.json()) as { url: string }).url);
      const usedLink = url.searchParams.get('token')!;
      const signedIn = await world.app.request(`/dashboard/auth/link?token=${encodeURIComponent(usedLink)}`);
      const session = /csm_dashboard=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
      const grant = await world.app.request(
        send('POST', '/api/v1/tenants/other/zendesk/connect-link', {
          headers: { authorization: `Bearer ${world.appTokens.other}` },
        }),
      );
      const otherGrant = new URL(((await grant.json()) as { url: string }).url).searchParams.get('grant')!;
      delivered = {
        hubspot: { body: hubspotBody, at },
        zendesk: { body: zendeskEvent, timestamp, signature },
        usedLink,
        session,
        otherGrant,
      };
      await settled(world);
    });
    afterAll(() => world?.close());
    const getWorld = () => world;
    const getDelivered = () => delivered;

    runCases(getWorld, [
      ...hubspotWebhookCases(getDelivered),
      ...zendeskWebhookCases(getDelivered),
      ...tenantRouteCases(getWorld),
      ...oauthCases(getDelivered),
      ...dashboardCases(getDelivered),
      ...opsCases,
    ]);
  });
}
