import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.ts';
import { bearerAuth, oauthAuth } from './auth.ts';
import { ApiError } from './errors.ts';
import { RateBudget } from './rate-budget.ts';
import type { RetryPolicy } from './retry-policy.ts';

const base = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  refreshOnUnauthorized: true,
  maxAttempts: 4,
  max429Retries: 5,
  baseDelayMs: 1,
  maxDelayMs: 5,
  budgetKey: () => 'default',
  readRateLimit: (headers) => {
    const max = headers.get('x-limit');
    return max ? { max: Number(max), intervalMs: 1000 } : undefined;
  },
  describeError: (status, body) => `HTTP ${status}: ${JSON.stringify(body)}`,
  ...over,
});

function client(over: Partial<Parameters<typeof createApiClient>[0]> = {}) {
  return createApiClient({
    name: 'Test',
    baseUrl: `${base}/`,
    auth: bearerAuth('t0k'),
    policy: policy(),
    budgets: { default: new RateBudget({ max: 1000, intervalMs: 1000 }) },
    ...over,
  });
}

describe('createApiClient', () => {
  it('sends auth, query and JSON, and returns the parsed body', async () => {
    server.use(
      http.post(`${base}/things`, async ({ request }) => {
        const url = new URL(request.url);
        return HttpResponse.json({
          auth: request.headers.get('authorization'),
          limit: url.searchParams.get('limit'),
          fields: url.searchParams.getAll('fields'),
          body: await request.json(),
        });
      }),
    );
    const res = await client().request({
      path: '/things',
      query: { limit: 100, after: undefined, fields: ['a', 'b'] },
      json: { a: 1 },
    });
    expect(res.body).toEqual({ auth: 'Bearer t0k', limit: '100', fields: ['a', 'b'], body: { a: 1 } });
  });

  it('waits Retry-After on 429 and sends nothing to the budget before it passes', async () => {
    const arrivals: number[] = [];
    server.use(
      http.get(`${base}/limited`, () => {
        arrivals.push(Date.now());
        if (arrivals.length === 1)
          return new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } });
        return HttpResponse.json({ ok: true });
      }),
    );
    const c = client();
    const res = await c.request({ path: '/limited' });
    expect(res.body).toEqual({ ok: true });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(990);
    expect(c.stats()).toMatchObject({ requests: 2, rateLimited: 1, retries: 1 });
  });

  it('retries 5xx and network errors with backoff, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/flaky`, () => {
        calls += 1;
        if (calls === 1) return new HttpResponse('oops', { status: 503 });
        if (calls === 2) return HttpResponse.error();
        return HttpResponse.json({ calls });
      }),
    );
    const res = await client().request({ path: '/flaky' });
    expect(res.body).toEqual({ calls: 3 });
  });

  it('gives up after maxAttempts with a retryable upstream error', async () => {
    server.use(http.get(`${base}/down`, () => new HttpResponse('{"message":"down"}', { status: 502 })));
    const error = await client()
      .request({ path: '/down' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'upstream', status: 502, retryable: true });
  });

  it('fails at once on 403 with the API message', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/secret`, () => {
        calls += 1;
        return HttpResponse.json({ message: 'missing scope' }, { status: 403 });
      }),
    );
    await expect(client().request({ path: '/secret' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('missing scope'),
    });
    expect(calls).toBe(1);
  });

  it('refreshes an OAuth token once on 401 when the policy says so', async () => {
    const saved: string[] = [];
    server.use(
      http.get(`${base}/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer new'
          ? HttpResponse.json({ ok: 1 })
          : HttpResponse.json({ error: 'expired' }, { status: 401 }),
      ),
    );
    const auth = oauthAuth({
      tokens: { accessToken: 'old', refreshToken: 'r1' },
      refresh: async () => ({ accessToken: 'new', refreshToken: 'r2' }),
      save: async (t) => {
        saved.push(t.accessToken);
      },
    });
    const res = await client({ auth }).request({ path: '/me' });
    expect(res.body).toEqual({ ok: 1 });
    expect(saved).toEqual(['new']);
  });

  it('does not refresh on 401 when the policy says not to (HubSpot)', async () => {
    server.use(http.get(`${base}/me`, () => HttpResponse.json({ message: 'bad token' }, { status: 401 })));
    let refreshed = 0;
    const auth = oauthAuth({
      tokens: { accessToken: 'old', refreshToken: 'r1' },
      refresh: async () => {
        refreshed += 1;
        return { accessToken: 'new' };
      },
      save: async () => {},
    });
    await expect(
      client({ auth, policy: policy({ refreshOnUnauthorized: false }) }).request({ path: '/me' }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(refreshed).toBe(0);
  });

  it('refreshes ahead of expiry, once for concurrent requests', async () => {
    let refreshes = 0;
    server.use(
      http.get(`${base}/x`, ({ request }) => HttpResponse.json(request.headers.get('authorization'))),
    );
    const auth = oauthAuth({
      tokens: {
        accessToken: 'old',
        refreshToken: 'r',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
      refresh: async () => {
        refreshes += 1;
        return { accessToken: 'fresh', expiresAt: new Date(Date.now() + 1_800_000).toISOString() };
      },
      save: async () => {},
    });
    const c = client({ auth });
    const answers = await Promise.all([c.request({ path: '/x' }), c.request({ path: '/x' })]);
    expect(answers.map((a) => a.body)).toEqual(['Bearer fresh', 'Bearer fresh']);
    expect(refreshes).toBe(1);
  });

  it('adapts its budget to the limit headers', async () => {
    server.use(http.get(`${base}/h`, () => HttpResponse.json({}, { headers: { 'x-limit': '7' } })));
    const budget = new RateBudget({ max: 1000, intervalMs: 1000 });
    await client({ budgets: { default: budget } }).request({ path: '/h' });
    expect(budget.limit).toBe(7);
  });
});
