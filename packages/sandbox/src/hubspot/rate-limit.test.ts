import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

describe('HubSpot rate limits', () => {
  it('sends the documented headers: 190 per 10 s and the daily quota for a private-app token', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5 });
    const first = await client(sandbox).hubspot.get('/crm/v3/objects/companies');
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('189');
    expect(first.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('650000');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('649999');
  });

  it('answers 429 with Retry-After past the window, counts clients that ignore it, and frees up with time', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5, rateLimits: { scale: 0.1 } });
    const api = client(sandbox).hubspot;
    for (let i = 0; i < 19; i++) expect((await api.get('/crm/v3/objects/companies')).status).toBe(200);
    const refused = await api.get('/crm/v3/objects/companies');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.any(String),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 10).toBe(true);
    expect(sandbox.stats()).toMatchObject({ rateLimited: 1, overLimitAfter429: 0 });

    // A client that comes back before Retry-After ran out is refused again and counted.
    expect((await api.get('/crm/v3/objects/deals')).status).toBe(429);
    expect(sandbox.stats()).toMatchObject({ rateLimited: 2, overLimitAfter429: 1 });

    sandbox.advanceTime(10_000);
    const again = await api.get('/crm/v3/objects/companies');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-hubspot-ratelimit-remaining')).toBe('18');
    expect(sandbox.stats().overLimitAfter429).toBe(1);
  });

  it('limits search to 4 a second per token, with no limit headers on search answers', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5 });
    const api = client(sandbox).hubspot;
    for (let i = 0; i < 4; i++) {
      const ok = await api.post('/crm/v3/objects/companies/search', {});
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    }
    const refused = await api.post('/crm/v3/objects/companies/search', {});
    expect(refused.status).toBe(429);
    expect(refused.body.policyName).toBe('SECONDLY');
    expect(refused.headers.get('retry-after')).toBe('1');
    // The search limit does not spend the ten-secondly one.
    expect((await api.get('/crm/v3/objects/companies')).headers.get('x-hubspot-ratelimit-remaining')).toBe(
      '189',
    );
  });

  it('can be lifted (scale) or turned off (no headers)', async () => {
    const lifted = createSandbox({ seed: 1, companies: 5, rateLimits: { scale: 100 } });
    expect(
      (await client(lifted).hubspot.get('/crm/v3/objects/companies')).headers.get('x-hubspot-ratelimit-max'),
    ).toBe('19000');
    const off = createSandbox({ seed: 1, companies: 5, rateLimits: false });
    const api = client(off).hubspot;
    for (let i = 0; i < 30; i++)
      expect((await api.post('/crm/v3/objects/companies/search', {})).status).toBe(200);
    expect((await api.get('/crm/v3/objects/companies')).headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });
});
