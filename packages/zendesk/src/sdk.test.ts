import { ApiError, createApiClient, oauthAuth, RateBudget, zendeskTokenAuth } from '@csm/http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { refreshZendeskToken } from './oauth.ts';
import { zendeskRetryPolicy } from './policy.ts';
import { answerOf, zendeskRequest, zendeskSdk } from './sdk.ts';

// A base URL with a path, as ZENDESK_API_BASE_URL may be (a proxy, the sandbox).
const base = 'https://proxy.test/zendesk';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const policy = { ...zendeskRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 };
const budgets = () => ({ default: new RateBudget({ max: 10_000, intervalMs: 1000 }) });
const tokenClient = () =>
  createApiClient({
    name: 'Zendesk',
    baseUrl: base,
    auth: zendeskTokenAuth('admin@acme.test', 'tok'),
    policy,
    budgets: budgets(),
  });

const me = { user: { id: 7, email: 'admin@acme.test', role: 'admin' } };

describe('node-zendesk over our transport', () => {
  it('sends its typed calls to ZENDESK_API_BASE_URL with our credentials, counted by our client', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    server.use(
      http.get(`${base}/api/v2/users/me.json`, ({ request }) => {
        seen.push({ url: request.url, authorization: request.headers.get('authorization') });
        return HttpResponse.json(me);
      }),
    );
    const client = tokenClient();
    const resolved = await zendeskSdk(client).users.me();
    expect(answerOf(resolved).body).toEqual(me);
    expect(seen).toEqual([
      {
        url: `${base}/api/v2/users/me.json`,
        authorization: `Basic ${Buffer.from('admin@acme.test/token:tok').toString('base64')}`,
      },
    ]);
    expect(client.stats().requests).toBe(1);
  });

  it('keeps our retry table: a 429 waits Retry-After and a 5xx backs off, then the call succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/api/v2/incremental/tickets/cursor.json`, () => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json(
            { error: 'TooManyRequests' },
            { status: 429, headers: { 'Retry-After': '0' } },
          );
        if (calls === 2) return HttpResponse.json({ error: 'ServiceUnavailable' }, { status: 503 });
        return HttpResponse.json({ tickets: [], after_cursor: 'c', end_of_stream: true });
      }),
    );
    const client = tokenClient();
    const { body } = await zendeskRequest(
      client,
      'tickets',
      'GET',
      '/api/v2/incremental/tickets/cursor.json',
      {
        start_time: 0,
      },
    );
    expect(body).toEqual({ tickets: [], after_cursor: 'c', end_of_stream: true });
    expect(client.stats()).toMatchObject({ requests: 3, rateLimited: 1, retries: 2 });
  });

  it('sends the query as given (no page[size] added to the cursor export) and leaves out undefined values', async () => {
    let query = '';
    server.use(
      http.get(`${base}/api/v2/incremental/tickets/cursor.json`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ tickets: [], after_cursor: null, end_of_stream: true });
      }),
    );
    await zendeskRequest(tokenClient(), 'tickets', 'GET', '/api/v2/incremental/tickets/cursor.json', {
      cursor: 'a b',
      per_page: 1000,
      include: undefined,
    });
    expect(query).toBe('?cursor=a+b&per_page=1000');
  });

  it('surfaces our ApiError with the policy’s message', async () => {
    server.use(
      http.get(`${base}/api/v2/users/me.json`, () =>
        HttpResponse.json({ error: 'Forbidden', description: 'You do not have access' }, { status: 403 }),
      ),
    );
    const error = await zendeskSdk(tokenClient())
      .users.me()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('refreshes an OAuth token once on 401, the refresh itself going through node-zendesk unsigned', async () => {
    const tokenRequests: { authorization: string | null; body: unknown }[] = [];
    server.use(
      http.post(`${base}/oauth/tokens`, async ({ request }) => {
        tokenRequests.push({
          authorization: request.headers.get('authorization'),
          body: await request.json(),
        });
        return HttpResponse.json({ access_token: 'fresh', refresh_token: 'r2', expires_in: 1800 });
      }),
      http.get(`${base}/api/v2/users/me.json`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(me)
          : HttpResponse.json({ error: 'invalid_token' }, { status: 401 }),
      ),
    );
    const app = { clientId: 'zdg-x', clientSecret: 's', redirectUri: '' };
    const saved: string[] = [];
    const anonymous = createApiClient({ name: 'Zendesk', baseUrl: base, policy, budgets: budgets() });
    const client = createApiClient({
      name: 'Zendesk',
      baseUrl: base,
      policy,
      budgets: budgets(),
      auth: oauthAuth({
        tokens: { accessToken: 'stale', refreshToken: 'r1' },
        refresh: (refreshToken) => refreshZendeskToken(anonymous, app, refreshToken),
        save: async (tokens) => {
          saved.push(tokens.accessToken);
        },
      }),
    });
    expect(answerOf(await zendeskSdk(client).users.me()).body).toEqual(me);
    expect(saved).toEqual(['fresh']);
    expect(tokenRequests).toEqual([
      {
        authorization: null,
        body: { grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'zdg-x', client_secret: 's' },
      },
    ]);
  });
});
