import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

describe('Zendesk authentication and rate limits', () => {
  it('accepts the API token and refuses anything else', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5 });
    const api = client(sandbox).zendesk;
    const me = await api.get('/api/v2/users/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: sandbox.credentials.zendeskEmail, role: 'admin' });
    const wrong = `Basic ${Buffer.from(`${sandbox.credentials.zendeskEmail}/token:wrong`).toString('base64')}`;
    for (const auth of [wrong, null]) {
      const refused = await api.get('/api/v2/users/me', auth);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: "Couldn't authenticate you" });
    }
    expect((await api.get('/api/v2/users/me', 'Bearer nope')).body.error).toBe('invalid_token');
  });

  it('sends X-Rate-Limit headers and allows 10 incremental exports a minute', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5 });
    const api = client(sandbox).zendesk;
    const first = await api.get('/api/v2/incremental/organizations.json?start_time=0');
    expect(first.headers.get('x-rate-limit')).toBe('400');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('399');
    expect(first.headers.get('ratelimit-limit')).toBe('400');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    for (let i = 0; i < 9; i++)
      expect((await api.get('/api/v2/incremental/organizations.json?start_time=0')).status).toBe(200);
    const refused = await api.get('/api/v2/incremental/tickets/cursor.json?start_time=0');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter >= 1 && retryAfter <= 60).toBe(true);
    // Other endpoints still answer; a retry before Retry-After is refused and counted.
    expect((await api.get('/api/v2/users/me')).status).toBe(200);
    expect((await api.get('/api/v2/incremental/users.json?start_time=0')).status).toBe(429);
    expect(sandbox.stats()).toMatchObject({ rateLimited: 2, overLimitAfter429: 1 });
    sandbox.advanceTime(retryAfter * 1000);
    expect((await api.get('/api/v2/incremental/users.json?start_time=0')).status).toBe(200);
  });

  it('limits the account to 400 a minute (scaled)', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5, rateLimits: { scale: 0.01 } });
    const api = client(sandbox).zendesk;
    for (let i = 0; i < 4; i++) expect((await api.get('/api/v2/users/me')).status).toBe(200);
    const refused = await api.get('/api/v2/users/me');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(refused.body.error).toBe('TooManyRequests');
  });
});
