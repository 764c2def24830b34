import { ApiError, type ApiEvent, bearerAuth, createApiClient, RateBudget } from '@csm/http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appPropertyDefinitions, createAppProperty, createAppPropertyGroup } from './app-properties.ts';
import { exchangeHubSpotCode, refreshHubSpotToken } from './oauth.ts';
import { readPrimaryAssociations } from './paginators.ts';
import { hubspotRetryPolicy } from './policy.ts';
import { answerOf, hubspotSdk, rawBody } from './sdk.ts';
import { createTask, taskToCompanyTypeId } from './tasks.ts';
import { makeObject } from './test-utils/objects.ts';
import { batchUpdateCompanies } from './write-back.ts';

// A base URL with a path, as HUBSPOT_API_BASE_URL may be (the sandbox serves HubSpot under /hubspot).
const base = 'https://hubspot.stand-in.test/hubspot';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  method: string;
  path: string;
  auth: string | null;
}

function setup() {
  const seen: Seen[] = [];
  const events: ApiEvent[] = [];
  server.events.removeAllListeners();
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname, auth: request.headers.get('authorization') });
  });
  const client = createApiClient({
    name: 'HubSpot',
    baseUrl: base,
    auth: bearerAuth('pat-test'),
    policy: { ...hubspotRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
    budgets: { default: new RateBudget({ max: 10_000, intervalMs: 1000 }) },
    onEvent: (e) => events.push(e),
  });
  return { client, seen, events };
}

const app = {
  clientId: 'cid',
  clientSecret: 'secret',
  redirectUri: 'https://csm.test/oauth/hubspot/callback',
};
const tokenAnswer = {
  access_token: 'CO-new',
  refresh_token: 'na1-r',
  expires_in: 1800,
  token_type: 'bearer',
};

describe('@hubspot/api-client over our transport', () => {
  it('sends every call the connector makes through our client, under the base URL', async () => {
    const forms: Record<string, string>[] = [];
    server.use(
      http.get(`${base}/crm/v3/objects/companies`, () => HttpResponse.json({ results: [makeObject({})] })),
      http.post(`${base}/crm/v3/objects/companies/search`, () =>
        HttpResponse.json({ total: 0, results: [] }),
      ),
      http.post(`${base}/crm/v4/associations/deals/companies/batch/read`, () =>
        HttpResponse.json({ status: 'COMPLETE', results: [] }),
      ),
      http.get(`${base}/crm/v4/associations/tasks/companies/labels`, () =>
        HttpResponse.json({ results: [{ category: 'HUBSPOT_DEFINED', typeId: 192, label: null }] }),
      ),
      http.post(`${base}/crm/v3/objects/companies/batch/update`, () =>
        HttpResponse.json({ status: 'COMPLETE', results: [{ id: '1' }] }),
      ),
      http.post(`${base}/crm/v3/objects/tasks`, () => HttpResponse.json({ id: '77' }, { status: 201 })),
      http.post(`${base}/crm/v3/properties/companies/groups`, () =>
        HttpResponse.json({ name: 'success_metrics' }, { status: 201 }),
      ),
      http.post(`${base}/crm/v3/properties/companies`, () =>
        HttpResponse.json({ name: 'csm_health_score' }, { status: 201 }),
      ),
      http.post(`${base}/oauth/v1/token`, async ({ request }) => {
        forms.push(Object.fromEntries(new URLSearchParams(await request.text())));
        return HttpResponse.json(tokenAnswer);
      }),
    );
    const { client, seen, events } = setup();
    const sdk = hubspotSdk(client);
    await sdk.crm.objects.basicApi.getPageWithHttpInfo('companies', 100);
    await sdk.crm.objects.searchApi.doSearchWithHttpInfo('companies', { filterGroups: [] });
    await readPrimaryAssociations(client, 'deals', 'companies', ['9']);
    expect(await taskToCompanyTypeId(client)).toBe(192);
    expect(await batchUpdateCompanies(client, [{ id: '1', properties: { csm_nps: '40' } }])).toEqual({
      updated: ['1'],
      missing: [],
    });
    const dueAt = new Date('2026-06-01T00:00:00Z');
    expect(
      await createTask(client, {
        subject: 's',
        body: 'b',
        dueAt,
        companyId: '1',
        ownerId: null,
        associationTypeId: 192,
      }),
    ).toBe('77');
    await createAppPropertyGroup(client, 'companies');
    await createAppProperty(client, 'companies', appPropertyDefinitions.companies[0]);
    const tokens = await exchangeHubSpotCode(client, app, 'code-1');
    expect(tokens).toMatchObject({ accessToken: 'CO-new', refreshToken: 'na1-r' });
    await refreshHubSpotToken(client, app, 'na1-r');

    // One HTTP request per call, each counted and reported by our client.
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /hubspot/crm/v3/objects/companies',
      'POST /hubspot/crm/v3/objects/companies/search',
      'POST /hubspot/crm/v4/associations/deals/companies/batch/read',
      'GET /hubspot/crm/v4/associations/tasks/companies/labels',
      'POST /hubspot/crm/v3/objects/companies/batch/update',
      'POST /hubspot/crm/v3/objects/tasks',
      'POST /hubspot/crm/v3/properties/companies/groups',
      'POST /hubspot/crm/v3/properties/companies',
      'POST /hubspot/oauth/v1/token',
      'POST /hubspot/oauth/v1/token',
    ]);
    expect(client.stats().requests).toBe(seen.length);
    expect(events.filter((e) => e.type === 'response').map((e) => e.path)).toEqual(
      seen.map((s) => s.path.slice('/hubspot'.length)),
    );
    // Our auth on API calls; none on the token endpoint (it authenticates in the form).
    expect(seen.slice(0, 8).every((s) => s.auth === 'Bearer pat-test')).toBe(true);
    expect(seen.slice(8).map((s) => s.auth)).toEqual([null, null]);
    expect(forms[0]).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: app.redirectUri,
      client_id: 'cid',
      client_secret: 'secret',
    });
    expect(forms[1]).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'na1-r', client_id: 'cid' });
  });

  it('gives the SDK’s typed data and status with our transport’s headers (rate limits)', async () => {
    server.use(
      http.get(`${base}/crm/v3/objects/deals`, () =>
        HttpResponse.json(
          { results: [makeObject({ dealname: 'A' }, { id: '5' })], paging: { next: { after: 'p2' } } },
          { headers: { 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': '187' } },
        ),
      ),
    );
    const { client } = setup();
    const info = await hubspotSdk(client).crm.objects.basicApi.getPageWithHttpInfo('deals', 100);
    expect(info.httpStatusCode).toBe(200);
    expect(info.headers['x-hubspot-ratelimit-remaining']).toBe('187');
    expect(info.data.results[0]?.id).toBe('5');
    expect(info.data.results[0]?.updatedAt).toBeInstanceOf(Date);
    expect(info.data.paging?.next?.after).toBe('p2');
    expect(answerOf(info).headers.get('x-hubspot-ratelimit-max')).toBe('190');
    expect(rawBody(info)).toMatchObject({ results: [{ id: '5', properties: { dealname: 'A' } }] });
  });

  it('retries 5xx and 429 by our table only (the SDK retries nothing), and fails with our ApiError', async () => {
    let hits = 0;
    server.use(
      http.get(`${base}/crm/v3/objects/contacts`, () => {
        hits += 1;
        if (hits === 1) return new HttpResponse('busy', { status: 503 });
        if (hits === 2) return new HttpResponse(null, { status: 429, headers: { 'retry-after': '0' } });
        return HttpResponse.json({ results: [] });
      }),
      http.get(`${base}/crm/v3/objects/tickets`, () => new HttpResponse('down', { status: 502 })),
      http.get(`${base}/crm/v3/objects/deals`, () =>
        HttpResponse.json(
          {
            status: 'error',
            message: 'missing scopes',
            category: 'MISSING_SCOPES',
            errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.read'] } }],
          },
          { status: 403 },
        ),
      ),
    );
    const { client, seen } = setup();
    const sdk = hubspotSdk(client);
    await sdk.crm.objects.basicApi.getPageWithHttpInfo('contacts', 100);
    expect(hits).toBe(3);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, rateLimited: 1 });

    const failed = await sdk.crm.objects.basicApi
      .getPageWithHttpInfo('tickets', 100)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ApiError);
    expect(failed).toMatchObject({ code: 'upstream', status: 502, retryable: true });
    expect(seen.filter((s) => s.path.endsWith('/tickets'))).toHaveLength(hubspotRetryPolicy.maxAttempts);

    const refused = await sdk.crm.objects.basicApi.getPageWithHttpInfo('deals', 100).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toMatch(
      /lacks scope crm\.objects\.deals\.read for \/crm\/v3\/objects\/deals$/,
    );
  });

  it('sends list parameters as HubSpot’s comma-separated lists, one value each', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${base}/crm/v3/objects/deals`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({ results: [] });
      }),
    );
    const { client } = setup();
    await hubspotSdk(client).crm.objects.basicApi.getPageWithHttpInfo(
      'deals',
      100,
      'p9',
      ['a,b'],
      undefined,
      ['companies'],
    );
    expect([...query!.entries()]).toEqual([
      ['limit', '100'],
      ['after', 'p9'],
      ['properties', 'a,b'],
      ['associations', 'companies'],
    ]);
  });
});
