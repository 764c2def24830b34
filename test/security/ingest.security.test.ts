import { storeBackends } from '@csm/store/test-utils';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type Case, each, injections, openWorld, runCases, send, settled, type World } from './harness.ts';

const nps = (over: Record<string, unknown> = {}) => ({
  accountId: '42',
  surveyType: 'NPS',
  value: 9,
  submittedAt: '2026-03-01T10:00:00Z',
  ...over,
});
const day = (over: Record<string, unknown> = {}) => ({
  accountId: '42',
  date: '2026-03-01',
  activeUsers: 4,
  licensedSeats: 10,
  ...over,
});
const routes = {
  surveys: {
    array: 'answers',
    row: nps,
    csv: 'accountId,surveyType,value,submittedAt\n42,NPS,9,2026-03-01T10:00:00Z\n',
  },
  usage: { array: 'usage', row: day, csv: 'accountId,date,activeUsers,licensedSeats\n42,2026-03-01,4,10\n' },
} as const;

/** The ingestion routes: keys, media types, malformed JSON and CSV, bad rows, other tenants' accounts, idempotency, size, methods. */
function ingestCases(world: () => World): Case[] {
  return (Object.keys(routes) as (keyof typeof routes)[]).flatMap((route): Case[] => {
    const { array, row, csv } = routes[route];
    const path = `/api/v1/ingest/${route}`;
    const post = (
      body: string | Uint8Array,
      type: string | null = 'application/json',
      key = world().keys.acme,
    ) => send('POST', path, { body, type, headers: { authorization: `Bearer ${key}` } });
    const batch = (rows: unknown[], extra: Record<string, unknown> = {}) =>
      JSON.stringify({ [array]: rows, ...extra });
    const good = () => batch([row()]);
    return [
      // keys
      {
        name: `${route}: no key`,
        request: () => send('POST', path, { body: good() }),
        status: 401,
        check: (r) => expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/),
      },
      ...each(
        `${route}: refused key`,
        [
          'Bearer nope',
          'Bearer csm_live_0123456789abcdef_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'Basic YWRtaW46YWRtaW4=',
          'Bearer',
          'csm_live_x',
        ],
        (authorization) => ({
          request: () => send('POST', path, { body: good(), headers: { authorization } }),
          status: 401,
        }),
      ),
      {
        name: `${route}: revoked key`,
        request: () => post(good(), 'application/json', world().keys.revoked),
        status: 401,
      },
      {
        name: `${route}: a key with its secret changed`,
        request: () => post(good(), 'application/json', `${world().keys.acme.slice(0, -4)}AAAA`),
        status: 401,
      },
      // media types
      ...each(
        `${route}: content type`,
        [
          'text/plain',
          'application/xml',
          'application/vnd.api+json',
          'application/merge-patch+json',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json-seq',
          'text/csvx',
          'text/html',
        ],
        (type) => ({ request: () => post(good(), type), status: 415 }),
      ),
      { name: `${route}: a body without a content type`, request: () => post(good(), null), status: 415 },
      // malformed JSON
      ...each(
        `${route}: malformed JSON`,
        ['{', '[', '{"a":}', `{"${array}": [`, '\u{feff}{}', "{'a': 1}", '{"a": NaN}', '{"a": 1,}'],
        (body) => ({ request: () => post(body), status: 400 }),
      ),
      ...each(
        `${route}: JSON of the wrong shape`,
        [
          'null',
          '"text"',
          '123',
          '[]',
          `{"${array}": {}}`,
          `{"${array}": null}`,
          `{"${array}": [null]}`,
          `{"${array}": []}`,
          good().replace('{', '{"unknown": 1, '),
          `{"${array}": [${JSON.stringify(row()).replace(/}$/, ', "value": 1e309}')}]}`,
        ],
        (body) => ({ request: () => post(body), status: 400 }),
      ),
      {
        name: `${route}: JSON nested 5,000 deep`,
        request: () => post(`{"${array}": [${'['.repeat(5000)}${']'.repeat(5000)}]}`),
        status: 400,
      },
      // malformed CSV
      ...each(
        `${route}: malformed CSV`,
        [
          `${csv.split('\n')[0]}\n"42,NPS,9\n`,
          `${csv}42,1,2,3,4,5\n`,
          'score\n9\n',
          '',
          csv.split('\n')[0]!,
          csv.replaceAll(',', ';'),
          '\u0000\u0001\u0002',
          `${csv.split('\n')[0]}\n${'x,'.repeat(3)}x\n`,
        ],
        (body) => ({ request: () => post(body, 'text/csv'), status: 400 }),
      ),
      // bad rows, other tenants' accounts, injections
      ...each(
        `${route}: bad row`,
        [
          { accountId: '99' },
          { accountId: '9223372036854775808' },
          { accountId: 0 },
          { accountId: -42 },
          { accountId: 4.2 },
          { accountDomain: 'other.test', accountId: undefined },
          { accountDomain: 'nobody.test', accountId: undefined },
          { accountId: undefined },
          ...(route === 'surveys'
            ? [
                { value: 11 },
                { value: -1 },
                { value: 'ten' },
                { value: 9.5 },
                { surveyType: 'XYZ' },
                { submittedAt: 'yesterday' },
                { submittedAt: 99_999_999_999_999 },
                { submittedAt: -1 },
                { submittedAt: '2026-02-30T10:00:00Z' },
                { surveyType: 'CSAT', value: 3, scale: { min: 5, max: 1 } },
                { respondentEmail: 'not an email' },
                { externalId: 'x'.repeat(201) },
                { source: 'a b' },
                { comment: 'x'.repeat(10_001) },
              ]
            : [
                { activeUsers: -1 },
                { licensedSeats: 2_147_483_648 },
                { date: '2026-13-01' },
                { date: '2026-02-30' },
                { date: '01/03/2026' },
                { logins: 1.5 },
                { featureEvents: { '': 1 } },
                { featureEvents: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, 1])) },
              ]),
          { source: 'tool\u0000' },
          { accountDomain: 'acme\u0000.test', accountId: undefined },
          ...(route === 'surveys'
            ? [{ comment: 'fine\u0000then' }, { externalId: '\u0000' }]
            : [{ featureEvents: { 'a\u0000': 1 } }]),
          ...injections.map((accountId) => ({ accountId })),
          ...injections.map((accountDomain) => ({ accountDomain, accountId: undefined })),
        ],
        (over) => ({ request: () => post(batch([row(), row(over)])), status: 400 }),
      ),
      {
        name: `${route}: another tenant's company, in CSV`,
        request: () => post(csv.replace('\n42,', '\n99,'), 'text/csv'),
        status: 400,
        check: async (r) =>
          expect(((await r.json()) as { message: string }).message).toMatch(
            /no HubSpot company 99 for this tenant/,
          ),
      },
      {
        name: `${route}: the other tenant's key cannot write acme's only company`,
        request: () => post(batch([row({ accountId: '77' })]), 'application/json', world().keys.other),
        status: 400,
      },
      // idempotency
      {
        name: `${route}: a used idempotency key with other content`,
        request: () => post(batch([row({ accountId: '43' })], { idempotencyKey: `${route}-k1` })),
        status: 409,
      },
      {
        name: `${route}: a used idempotency key with its content again`,
        request: () => post(batch([row()], { idempotencyKey: `${route}-k1` })),
        status: 200,
        check: (r) => expect(r.headers.get('idempotent-replayed')).toBe('true'),
      },
      {
        name: `${route}: header and body keys that differ`,
        request: () =>
          send('POST', path, {
            body: batch([row()], { idempotencyKey: 'a' }),
            headers: { authorization: `Bearer ${world().keys.acme}`, 'idempotency-key': 'b' },
          }),
        status: 400,
      },
      {
        name: `${route}: a key of 201 characters`,
        request: () => post(batch([row()], { idempotencyKey: 'k'.repeat(201) })),
        status: 400,
      },
      // size and methods
      {
        name: `${route}: a body over 10 MB`,
        request: () => post(new Uint8Array(10 * 1024 * 1024 + 10).fill(32)),
        status: 413,
        check: (r) => expect(r.headers.get('connection')).toBe('close'),
      },
      ...each(`${route}: method`, ['GET', 'PUT', 'DELETE', 'PATCH'], (method) => ({
        request: () =>
          send(method, path, {
            ...(method === 'GET' ? {} : { body: good() }),
            headers: { authorization: `Bearer ${world().keys.acme}` },
          }),
        status: 404,
      })),
    ];
  });
}

/** The playbook rules API: keys, media types, malformed and invalid rules, size, methods. */
function playbookCases(world: () => World): Case[] {
  const path = '/api/v1/playbooks';
  const put = (
    body: string | Uint8Array,
    type: string | null = 'application/json',
    key = world().keys.acme,
  ) => send('PUT', path, { body, type, headers: { authorization: `Bearer ${key}` } });
  const rules = (list: unknown[]) => JSON.stringify({ rules: list });
  const good = () => rules([{ id: 'red', kind: 'turned-red' }]);
  return [
    { name: 'playbooks: no key', request: () => send('PUT', path, { body: good() }), status: 401 },
    {
      name: 'playbooks: revoked key',
      request: () => put(good(), 'application/json', world().keys.revoked),
      status: 401,
    },
    { name: 'playbooks: GET without a key', request: () => send('GET', path), status: 401 },
    ...each(
      'playbooks: content type',
      [
        'text/plain',
        'application/vnd.api+json',
        'application/x-www-form-urlencoded',
        'text/csv',
        'application/xml',
      ],
      (type) => ({ request: () => put(good(), type), status: 415 }),
    ),
    { name: 'playbooks: a body without a content type', request: () => put(good(), null), status: 415 },
    ...each('playbooks: malformed JSON', ['{', '{"rules": [', '{"rules": [},]}', ''], (body) => ({
      request: () => put(body),
      status: 400,
    })),
    ...each(
      'playbooks: invalid rules',
      [
        [{ id: 'x', kind: 'score-drop', points: -5, days: 30 }],
        [{ id: 'x', kind: 'score-drop', points: 10, days: 0 }],
        [{ id: 'x', kind: 'detractor', maxScore: 11 }],
        [{ id: 'x', kind: 'unknown' }],
        [{ kind: 'turned-red' }],
        [
          { id: 'a', kind: 'turned-red' },
          { id: 'a', kind: 'turned-red' },
        ],
        [{ id: injections[1], kind: 'turned-red', extra: true }],
        [{ id: 'nul\u0000', kind: 'turned-red' }],
        'not a list',
      ],
      (list) => ({ request: () => put(JSON.stringify({ rules: list })), status: 400 }),
    ),
    {
      name: 'playbooks: a body over 1 MB',
      request: () => put(new Uint8Array(1024 * 1024 + 10).fill(32)),
      status: 413,
    },
    ...each('playbooks: method', ['POST', 'DELETE', 'PATCH'], (method) => ({
      request: () =>
        send(method, path, { body: good(), headers: { authorization: `Bearer ${world().keys.acme}` } }),
      status: 404,
    })),
  ];
}

/** Tenant settings and portfolio figures (API key): keys, media types, invalid settings and periods, methods. */
function settingsAndPortfolioCases(world: () => World): Case[] {
  const auth = (key = world().keys.acme) => ({ authorization: `Bearer ${key}` });
  const put = (body: string, type: string | null = 'application/json') =>
    send('PUT', '/api/v1/settings', { body, type, headers: auth() });
  const windows = { npsDays: 365, csatDays: 90, cesDays: 90, fcrDays: 90, firstReplyDays: 90 };
  return [
    { name: 'settings: no key', request: () => send('PUT', '/api/v1/settings', { body: '{}' }), status: 401 },
    {
      name: 'settings: revoked key',
      request: () => send('GET', '/api/v1/settings', { headers: auth(world().keys.revoked) }),
      status: 401,
    },
    ...each(
      'settings: content type',
      ['text/plain', 'application/vnd.api+json', 'application/x-www-form-urlencoded'],
      (type) => ({
        request: () => put(JSON.stringify({ windows }), type),
        status: 415,
      }),
    ),
    ...each(
      'settings: invalid',
      [
        '{',
        '[]',
        JSON.stringify({ windows: { ...windows, npsDays: -1 } }),
        JSON.stringify({ windows: { ...windows, npsDays: 1e6 } }),
        JSON.stringify({ windows: { ...windows, csatDays: 'ninety' } }),
        JSON.stringify({ healthModel: { bands: { green: 'high' } }, windows }),
        JSON.stringify({ windows, extra: true }),
        JSON.stringify({ windows: { ...windows, note: 'x\u0000' } }),
      ],
      (body) => ({ request: () => put(body), status: 400 }),
    ),
    ...each('settings: method', ['POST', 'DELETE'], (method) => ({
      request: () => send(method, '/api/v1/settings', { body: '{}', headers: auth() }),
      status: 404,
    })),
    { name: 'portfolio: no key', request: () => send('GET', '/api/v1/portfolio?month=2026-05'), status: 401 },
    ...each(
      'portfolio: bad period',
      [
        '',
        'month=2026-13',
        'month=26-05',
        'quarter=2026-Q5',
        'month=2026-05&quarter=2026-Q2',
        'month=2026-05&x=1',
        `month=${encodeURIComponent(injections[0]!)}`,
      ],
      (query) => ({
        request: () => send('GET', `/api/v1/portfolio?${query}`, { headers: auth() }),
        status: 400,
      }),
    ),
    ...each('portfolio: method', ['POST', 'PUT', 'DELETE'], (method) => ({
      request: () => send(method, '/api/v1/portfolio?month=2026-05', { body: '{}', headers: auth() }),
      status: 404,
    })),
  ];
}

for (const backend of storeBackends()) {
  describe(`API-key routes (ingestion, playbooks, settings, portfolio) refuse bad input and write nothing, on ${backend.name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await openWorld(backend);
      // Batches already taken with these keys: the idempotency cases send them again.
      for (const [route, { array, row }] of Object.entries(routes)) {
        const res = await world.app.request(
          send('POST', `/api/v1/ingest/${route}`, {
            body: JSON.stringify({ [array]: [row()], idempotencyKey: `${route}-k1` }),
            headers: { authorization: `Bearer ${world.keys.acme}` },
          }),
        );
        expect(res.status, await res.text()).toBe(200);
      }
      await settled(world);
    });
    afterAll(() => world?.close());
    const getWorld = () => world;

    runCases(getWorld, [
      ...ingestCases(getWorld),
      ...playbookCases(getWorld),
      ...settingsAndPortfolioCases(getWorld),
    ]);
  });
}
