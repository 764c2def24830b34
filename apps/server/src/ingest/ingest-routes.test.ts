import type { Store } from '@csm/store';
import { aCompany, aContact, addTestTenant, forEachStore } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterEach, expect, it } from 'vitest';
import { createApp, INGEST_BODY_LIMIT } from '../app.ts';
import { buildReport } from '../cli/report.ts';
import { loadConfig } from '../config.ts';
import { createAppDeps } from '../server.ts';
import { backgroundRefresher } from '../sync-jobs/background-refresh.ts';

const now = new Date('2026-06-15T12:00:00Z');
const silent = createLogger({ level: 'silent' });

/** Each test waits for the figures refresh its batches started, before the store is emptied. */
const settle = (store: Store) => backgroundRefresher({ store, logger: silent, now: () => now }).idle();

/** The real app (every route group, body limits, error mapping) over a store, without a socket. */
function appOver(store: Store) {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    HUBSPOT_CLIENT_SECRET: 'secret',
    PUBLIC_URL: 'https://csm.test',
  });
  const deps = createAppDeps({
    config,
    store,
    publicUrl: 'https://csm.test',
    logger: createLogger({ level: 'silent' }),
    now: () => now,
  });
  return createApp(deps);
}

type Body = { error?: string; message?: string; details?: Record<string, unknown> } & Record<string, unknown>;

async function setup(store: Store) {
  const acme = await addTestTenant(store, 'acme', 1);
  const other = await addTestTenant(store, 'other', 2);
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'companies',
    records: [aCompany('42', { domain: 'acme.com' }), aCompany('43', { domain: 'beta.io' })],
  });
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'contacts',
    records: [aContact('501', { email: 'ann@acme.com', primaryCompanyId: '42' })],
  });
  await store.writePage({ tenantId: other.id, stream: 't', kind: 'companies', records: [aCompany('99')] });
  const { key } = await store.apiKeys.create(acme.id, 'tests');
  const app = appOver(store);
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const csv = typeof body === 'string';
    const res = await app.request(`/api/v1/ingest/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': csv ? 'text/csv' : 'application/json',
        ...headers,
      },
      body: csv ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body, headers: res.headers };
  };
  const counts = async () => ({
    answers: await store.countRecords(acme.id, 'surveyResponses'),
    usage: (await store.usage.read(acme.id)).length,
  });
  return { acme, other, key, app, post, counts };
}

const nps = (over: Record<string, unknown> = {}) => ({
  accountId: '42',
  surveyType: 'NPS',
  value: 9,
  submittedAt: '2026-06-01T10:00:00Z',
  ...over,
});

forEachStore('POST /api/v1/ingest/surveys', (getStore) => {
  afterEach(() => settle(getStore()));

  it('writes JSON answers that count in the account’s NPS, CSAT and CES (account facts and `csm report`)', async () => {
    const store = getStore();
    const { acme, post } = await setup(store);
    const before = (await buildReport(store, 'acme', now)).find((r) => r.hubspotCompanyId === '42');
    expect(before?.nps).toEqual({ score: null, responses: 0 });

    const res = await post('surveys', {
      answers: [
        nps({
          value: 10,
          externalId: 'd-1',
          source: 'delighted',
          respondentEmail: 'Ann@Acme.com',
          comment: 'love it',
        }),
        nps({ value: 3, accountId: 42, externalId: 'd-2', source: 'delighted' }),
        nps({ value: 9, accountId: undefined, accountDomain: 'ACME.com', submittedAt: '2026-06-02' }),
        { accountId: '42', surveyType: 'CSAT', value: 4, submittedAt: 1780000000 },
        {
          accountId: '42',
          surveyType: 'CSAT',
          value: 7,
          scale: { min: 1, max: 10 },
          submittedAt: '2026-06-03T00:00:00+02:00',
        },
        { accountId: '43', surveyType: 'CES', value: 6, submittedAt: '2026-06-03T00:00:00Z' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 6, inserted: 6, updated: 0, unchanged: 0, duplicates: 0 });

    const [facts] = await store.accountFacts(acme.id, '42');
    expect(facts?.npsScores).toEqual([10, 3, 9]);
    expect(facts?.csatAnswers.map((a) => [a.value, a.scaleMin, a.scaleMax, a.source])).toEqual([
      [4, 1, 5, 'ingest'],
      [7, 1, 10, 'ingest'],
    ]);
    expect(facts?.lastSurveyComments.map((c) => c.comment)).toEqual(['love it']);
    expect((await store.accountFacts(acme.id, '43'))[0]?.cesScores).toEqual([6]);

    const after = (await buildReport(store, 'acme', now)).find((r) => r.hubspotCompanyId === '42');
    // 2 promoters, 1 detractor of 3: (2 - 1) / 3.
    expect(after?.nps).toEqual({ score: 100 / 3, responses: 3 });
    expect(after?.csat).toEqual({ score: 50, responses: 2 });

    const stored = await store.readRecords(acme.id, 'surveyResponses');
    const first = stored.find((r) => r.externalId === 'delighted:d-1');
    // The respondent is matched to the HubSpot contact with that email (case-insensitive).
    expect(first).toMatchObject({ source: 'ingest', companyId: '42', contactId: '501', value: 10 });
  });

  it('refreshes the stored figures (cards, `csm report` without a date) with the batch, usage included', async () => {
    const store = getStore();
    const { acme, post } = await setup(store);
    expect(
      (await post('surveys', { answers: [nps({ value: 10 }), nps({ value: 0, externalId: 'x' })] })).status,
    ).toBe(200);
    expect(
      (
        await post('usage', {
          usage: [{ accountId: '42', date: '2026-06-14', activeUsers: 40, licensedSeats: 50 }],
        })
      ).status,
    ).toBe(200);
    await settle(store);
    const stored = (await buildReport(store, 'acme')).find((r) => r.hubspotCompanyId === '42');
    expect(stored?.nps).toEqual({ score: 0, responses: 2 });
    const card = (await store.accountMetrics.card(acme.id, '42'))?.card as {
      health: { components: { key?: string; name?: string; value?: number }[] };
    };
    expect(JSON.stringify(card.health.components)).toContain('licenseUtilization');
  });

  it('takes the same answers as CSV, and a re-send of them writes nothing new', async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const csv = [
      '\uFEFFaccountId,accountDomain,surveyType,value,scaleMin,scaleMax,comment,respondentEmail,submittedAt,externalId,source',
      '42,,NPS,10,,,"Great, really",ann@acme.com,2026-06-01T10:00:00Z,sm-1,surveymonkey',
      ',beta.io,csat,2,1,3,,,2026-06-01,,',
      '42,,CES,7,,,"two',
      'lines",,1780000000,,',
    ].join('\r\n');
    const first = await post('surveys', csv);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0, duplicates: 0 });
    expect(await counts()).toEqual({ answers: 3, usage: 0 });

    // No idempotency key: the natural keys (externalId, else a hash of the answer) keep it single.
    const again = await post('surveys', csv);
    expect(again.body).toEqual({ received: 3, inserted: 0, updated: 0, unchanged: 3, duplicates: 0 });
    expect(await counts()).toEqual({ answers: 3, usage: 0 });

    // The same answer twice in one batch is kept once.
    const twice = await post('surveys', { answers: [nps({ value: 1 }), nps({ value: 1 })] });
    expect(twice.body).toMatchObject({ received: 2, inserted: 1, duplicates: 1 });
  });

  it('refuses out-of-range scores naming the row and field, and writes nothing of the batch', async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const cases: [Record<string, unknown>, string, string][] = [
      [nps({ value: 11 }), 'value', 'rows[1].value: NPS answers are 0-10'],
      [
        { ...nps(), surveyType: 'CSAT', value: 6 },
        'value',
        'rows[1].value: CSAT answers on a 1-5 scale are 1-5',
      ],
      [{ ...nps(), surveyType: 'CES', value: 0 }, 'value', 'rows[1].value: CES answers are 1-7'],
      [nps({ value: 7.5 }), 'value', 'rows[1].value: NPS answers are whole numbers'],
      [
        { ...nps(), surveyType: 'CES', value: 3, scale: { min: 1, max: 5 } },
        'scale',
        'rows[1].scale: CES is on 1-7',
      ],
      [nps({ surveyType: 'Stars' }), 'surveyType', 'rows[1].surveyType'],
      [nps({ submittedAt: '2026-06-01 10:00' }), 'submittedAt', 'rows[1].submittedAt'],
      [
        nps({ submittedAt: '2027-01-01T00:00:00Z' }),
        'submittedAt',
        'rows[1].submittedAt: lies in the future',
      ],
      [
        nps({ accountDomain: 'acme.com' }),
        'accountId',
        'rows[1].accountId: name the account by accountId or by accountDomain',
      ],
      [nps({ score: 9 }), 'score', 'rows[1].score: unknown field "score"'],
      [nps({ respondentEmail: 'ann' }), 'respondentEmail', 'rows[1].respondentEmail: an email address'],
    ];
    for (const [bad, field, message] of cases) {
      const res = await post('surveys', { answers: [nps(), bad, nps({ value: 0 })] });
      expect(res.status, message).toBe(400);
      expect(res.body.error).toBe('invalid_input');
      expect(res.body.message).toContain(message);
      expect(res.body.details).toEqual({ row: 1, field });
    }
    expect(await counts()).toEqual({ answers: 0, usage: 0 });
  });

  it("refuses an unknown account and another tenant's account alike, writing nothing", async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const foreign = await post('surveys', { answers: [nps(), nps({ accountId: '99' })] });
    const missing = await post('surveys', { answers: [nps(), nps({ accountId: '12345' })] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toBe('rows[1].accountId: no HubSpot company 99 for this tenant');
    expect(missing.body.message).toBe('rows[1].accountId: no HubSpot company 12345 for this tenant');
    expect(foreign.body.details).toEqual(missing.body.details);
    const domain = await post('surveys', {
      answers: [nps({ accountId: undefined, accountDomain: 'nowhere.org' })],
    });
    expect(domain.body).toMatchObject({ details: { row: 0, field: 'accountDomain' } });
    expect(await counts()).toEqual({ answers: 0, usage: 0 });
  });

  it('refuses a CSV with a bad row, naming its row and line, and writes none of its rows', async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const csv =
      'accountId,surveyType,value,submittedAt\n42,NPS,9,2026-06-01\n42,NPS,10,2026-06-02\n\n42,NPS,eleven,2026-06-03\n';
    const res = await post('surveys', csv);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^rows\[2\]\.value \(CSV line 5\): /);
    expect(res.body.details).toEqual({ row: 2, field: 'value', line: 5 });

    const range = await post(
      'surveys',
      'accountId,surveyType,value,submittedAt\n42,NPS,9,2026-06-01\n42,CSAT,6,2026-06-01\n',
    );
    expect(range.body).toMatchObject({
      message: 'rows[1].value (CSV line 3): CSAT answers on a 1-5 scale are 1-5',
      details: { row: 1, field: 'value', line: 3 },
    });
    const ragged = await post(
      'surveys',
      'accountId,surveyType,value,submittedAt\n42,NPS,9,2026-06-01,extra\n',
    );
    expect(ragged.status).toBe(400);
    expect(ragged.body.message).toMatch(/^CSV line 2: /);
    const column = await post('surveys', 'accountId,surveyType,score,submittedAt\n42,NPS,9,2026-06-01\n');
    expect(column.body).toMatchObject({ details: { field: 'score', line: 1 } });
    expect((await post('surveys', 'accountId,surveyType,value,submittedAt\n')).status).toBe(400);
    expect(await counts()).toEqual({ answers: 0, usage: 0 });
  });

  it('answers a repeated idempotency key with the first result; other content under it is a 409', async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const batch = { answers: [nps({ value: 2 }), nps({ value: 8, submittedAt: '2026-06-02T00:00:00Z' })] };
    const first = await post('surveys', batch, { 'idempotency-key': 'upload-1' });
    expect(first.status).toBe(200);
    const again = await post('surveys', batch, { 'idempotency-key': 'upload-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The body field works like the header.
    const inBody = await post('surveys', { ...batch, idempotencyKey: 'upload-1' });
    expect(inBody.body).toEqual(first.body);
    expect(await counts()).toEqual({ answers: 2, usage: 0 });

    const changed = await post(
      'surveys',
      { answers: [nps({ value: 3 })] },
      { 'idempotency-key': 'upload-1' },
    );
    expect(changed.status).toBe(409);
    expect(changed.body.error).toBe('conflict');
    expect(await counts()).toEqual({ answers: 2, usage: 0 });
    expect((await store.accountFacts((await store.tenants.get('acme'))!.id, '42'))[0]?.npsScores).toEqual([
      2, 8,
    ]);

    const mismatch = await post('surveys', { ...batch, idempotencyKey: 'a' }, { 'idempotency-key': 'b' });
    expect(mismatch.body).toMatchObject({ error: 'invalid_input', details: { field: 'idempotencyKey' } });
  });

  it('refuses malformed JSON, other content types and empty batches with 4xx naming the problem', async () => {
    const store = getStore();
    const { key, app, post, counts } = await setup(store);
    const raw = (body: string, type: string) =>
      app.request('/api/v1/ingest/surveys', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': type },
        body,
      });
    const malformed = await raw('{"answers": [', 'application/json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_input', details: { field: 'body' } });
    const xml = await raw('<answers/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({
      error: 'unsupported_media_type',
      message: 'Content-Type must be application/json or text/csv',
      details: { field: 'content-type' },
    });
    // hono takes any application/*+json as JSON; the API takes what it documents only.
    for (const type of [
      'application/vnd.api+json',
      'application/merge-patch+json',
      'text/plain',
      'text/csvx',
    ]) {
      const other = await raw(JSON.stringify({ answers: [nps()] }), type);
      expect(other.status, type).toBe(415);
    }
    expect((await raw(JSON.stringify({ answers: [] }), 'application/json; charset=utf-8')).status).toBe(400);
    const empty = await post('surveys', { answers: [] });
    expect(empty).toMatchObject({ status: 400, body: { details: { field: 'answers' } } });
    expect((await post('surveys', [nps()])).status).toBe(400);
    expect(await counts()).toEqual({ answers: 0, usage: 0 });
  });
});

forEachStore('POST /api/v1/ingest/usage', (getStore) => {
  afterEach(() => settle(getStore()));

  it('upserts JSON usage per account and day; the latest day gives license utilization', async () => {
    const store = getStore();
    const { acme, post } = await setup(store);
    const res = await post('usage', {
      usage: [
        { accountId: '42', date: '2026-06-01', activeUsers: 30, licensedSeats: 50 },
        {
          accountId: '42',
          date: '2026-06-02',
          activeUsers: 40,
          licensedSeats: 50,
          logins: 120,
          featureEvents: { export: 4 },
        },
        {
          accountDomain: 'beta.io',
          date: '2026-06-02',
          activeUsers: 3,
          licensedSeats: 10,
          source: 'segment',
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0, duplicates: 0 });
    const latest = await store.usage.latest(acme.id);
    expect(latest.get('42')).toMatchObject({
      day: '2026-06-02',
      licenseUtilization: 80,
      logins: 120,
      featureEvents: { export: 4 },
    });
    expect(latest.get('43')).toMatchObject({ licenseUtilization: 30, source: 'ingest:segment' });

    // A later upload for a day replaces it.
    const again = await post('usage', {
      usage: [{ accountId: '42', date: '2026-06-02', activeUsers: 45, licensedSeats: 50 }],
    });
    expect(again.body).toMatchObject({ inserted: 0, updated: 1 });
    expect((await store.usage.latest(acme.id, ['42'])).get('42')?.licenseUtilization).toBe(90);
    expect((await store.usage.read(acme.id)).length).toBe(3);
  });

  it('takes CSV with feature:<name> columns, and refuses a CSV with a bad row writing nothing', async () => {
    const store = getStore();
    const { acme, post, counts } = await setup(store);
    const ok = await post(
      'usage',
      'accountId,accountDomain,date,activeUsers,licensedSeats,logins,feature:export,feature:reports\n42,,2026-06-01,10,20,33,2,\n,beta.io,2026-06-01,5,5,,,7\n',
    );
    expect(ok.status).toBe(200);
    expect(await store.usage.read(acme.id)).toEqual([
      {
        companyId: '42',
        day: '2026-06-01',
        activeUsers: 10,
        licensedSeats: 20,
        logins: 33,
        featureEvents: { export: 2 },
        source: 'ingest',
      },
      {
        companyId: '43',
        day: '2026-06-01',
        activeUsers: 5,
        licensedSeats: 5,
        logins: null,
        featureEvents: { reports: 7 },
        source: 'ingest',
      },
    ]);
    const bad = await post(
      'usage',
      'accountId,date,activeUsers,licensedSeats,feature:export\n42,2026-06-02,1,2,3\n42,2026-06-03,1,2,-3\n',
    );
    expect(bad).toMatchObject({
      status: 400,
      body: { details: { row: 1, field: 'feature:export', line: 3 } },
    });
    const notADay = await post('usage', 'accountId,date,activeUsers,licensedSeats\n42,2026-02-30,1,2\n');
    expect(notADay).toMatchObject({ status: 400, body: { details: { row: 0, field: 'date', line: 2 } } });
    const seats = await post('usage', {
      usage: [{ accountId: '42', date: '2026-06-02', activeUsers: -1, licensedSeats: 2 }],
    });
    expect(seats).toMatchObject({ status: 400, body: { details: { row: 0, field: 'activeUsers' } } });
    const clash = await post('usage', {
      usage: [
        { accountId: '42', date: '2026-06-05', activeUsers: 1, licensedSeats: 2 },
        { accountDomain: 'acme.com', date: '2026-06-05', activeUsers: 2, licensedSeats: 2 },
      ],
    });
    expect(clash).toMatchObject({ status: 400, body: { details: { row: 1, field: 'date' } } });
    expect(await counts()).toEqual({ answers: 0, usage: 2 });
  });

  it('is idempotent per key: same batch answers the first result, other content 409', async () => {
    const store = getStore();
    const { post, counts } = await setup(store);
    const batch = {
      idempotencyKey: 'day-1',
      usage: [{ accountId: '42', date: '2026-06-01', activeUsers: 1, licensedSeats: 2 }],
    };
    const first = await post('usage', batch);
    expect((await post('usage', batch)).body).toEqual(first.body);
    const changed = await post('usage', { ...batch, usage: [{ ...batch.usage[0], activeUsers: 2 }] });
    expect(changed.status).toBe(409);
    expect(await counts()).toEqual({ answers: 0, usage: 1 });
    // Keys are per kind: the same key on the surveys route is another batch.
    expect((await post('surveys', { idempotencyKey: 'day-1', answers: [nps()] })).status).toBe(200);
  });
});

forEachStore('ingestion API keys and limits', (getStore) => {
  afterEach(() => settle(getStore()));

  it('refuses missing, wrong, malformed and revoked keys with 401 and writes nothing', async () => {
    const store = getStore();
    const { acme, key, app, counts } = await setup(store);
    const send = (authorization?: string) =>
      app.request('/api/v1/ingest/surveys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ answers: [nps()] }),
      });
    const missing = await send();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await missing.json()).toMatchObject({ error: 'unauthorized' });
    const last = key.at(-1) === 'x' ? 'y' : 'x';
    expect((await send(`Bearer ${key.slice(0, -1)}${last}`)).status).toBe(401);
    expect((await send('Bearer nonsense')).status).toBe(401);
    expect((await send(`Basic ${key}`)).status).toBe(401);
    expect((await send(`Bearer ${key}`)).status).toBe(200);

    await store.apiKeys.revoke(acme.id, key);
    const revoked = await send(`Bearer ${key}`);
    expect(revoked.status).toBe(401);
    // The refusal never echoes the key.
    expect(await revoked.text()).not.toContain(key);
    expect(await counts()).toEqual({ answers: 1, usage: 0 });
  });

  it("one tenant's key writes only to that tenant", async () => {
    const store = getStore();
    const { other, app } = await setup(store);
    const { key } = await store.apiKeys.create(other.id);
    const res = await app.request('/api/v1/ingest/surveys', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: [nps({ accountId: '99' })] }),
    });
    expect(res.status).toBe(200);
    expect((await store.accountFacts(other.id, '99'))[0]?.npsScores).toEqual([9]);
    expect(await store.countRecords((await store.tenants.get('acme'))!.id, 'surveyResponses')).toBe(0);
  });

  it('refuses a body over 10 MB with 413 before reading it, and lists both routes in the OpenAPI document', async () => {
    const store = getStore();
    const { key, app, counts } = await setup(store);
    const row = '42,NPS,9,2026-06-01T10:00:00Z\n';
    const csv = `accountId,surveyType,value,submittedAt\n${row.repeat(Math.ceil(INGEST_BODY_LIMIT / row.length) + 1)}`;
    const res = await app.request('/api/v1/ingest/surveys', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
    expect(await counts()).toEqual({ answers: 0, usage: 0 });

    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/ingest/surveys', '/api/v1/ingest/usage']),
    );
  });
});
