import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

describe('injected faults', () => {
  it('answers server errors at the configured rate, in each API own shape, from a seeded sequence', async () => {
    const run = async () => {
      const sandbox = createSandbox({
        seed: 1,
        companies: 5,
        rateLimits: false,
        faults: { serverErrorRate: 0.5 },
      });
      const api = client(sandbox).hubspot;
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api.get('/crm/v3/objects/companies')).status);
      return { statuses, stats: sandbox.stats() };
    };
    const { statuses, stats } = await run();
    const errors = statuses.filter((s) => s >= 500);
    expect(errors.length).toBeGreaterThan(8);
    expect(errors.length).toBeLessThan(32);
    expect(new Set(errors)).toEqual(new Set([500, 502, 503]));
    expect(stats.faultsInjected).toBe(errors.length);
    expect(stats.faultsByRoute).toEqual({ 'GET /hubspot/crm/v3/objects/companies': errors.length });
    expect((await run()).statuses).toEqual(statuses);

    const sandbox = createSandbox({ seed: 1, companies: 5, faults: { serverErrorRate: 1 } });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => client(sandbox).zendesk.get('/api/v2/users/me')),
    );
    const gateway = answers.find((a) => a.status === 502)!;
    expect(String(gateway.body)).toContain('502 Bad Gateway');
    const zendesk500 = answers.find((a) => a.status === 500);
    if (zendesk500) expect(zendesk500.body.error).toBe('InternalServerError');
  });

  it('drops connections: sandbox.fetch rejects like fetch does', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5, faults: { dropRate: 1 } });
    await expect(client(sandbox).hubspot.get('/crm/v3/objects/companies')).rejects.toThrow(TypeError);
    sandbox.setFaults(null);
    expect((await client(sandbox).hubspot.get('/crm/v3/objects/companies')).status).toBe(200);
  });

  it('answers every Nth request 429 and holds the client to the announced Retry-After', async () => {
    const sandbox = createSandbox({
      seed: 1,
      companies: 5,
      faults: { rateLimitBurst: { every: 3, retryAfterSeconds: 2 } },
    });
    const api = client(sandbox).hubspot;
    expect((await api.get('/crm/v3/objects/companies')).status).toBe(200);
    expect((await api.get('/crm/v3/objects/companies')).status).toBe(200);
    const burst = await api.get('/crm/v3/objects/companies');
    expect(burst.status).toBe(429);
    expect(burst.headers.get('retry-after')).toBe('2');
    expect(burst.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    expect((await api.get('/crm/v3/objects/companies')).status).toBe(429);
    expect(sandbox.stats()).toMatchObject({ rateLimited: 2, overLimitAfter429: 1, faultsInjected: 1 });
    sandbox.advanceTime(2000);
    expect((await api.get('/crm/v3/objects/companies')).status).toBe(200);
  });

  it('delays answers by slowMs', async () => {
    const sandbox = createSandbox({ seed: 1, companies: 5, faults: { slowMs: 60 } });
    const started = performance.now();
    await client(sandbox).hubspot.get('/account-info/v3/details');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('never lets a faulted request change anything', async () => {
    const sandbox = createSandbox({
      seed: 1,
      companies: 5,
      rateLimits: false,
      faults: { serverErrorRate: 1 },
    });
    const api = client(sandbox).hubspot;
    const company = sandbox.data.companies[0]!;
    const update = await api.post('/crm/v3/objects/companies/batch/update', {
      inputs: [{ id: company.id, properties: { name: 'Changed' } }],
    });
    expect(update.status).toBeGreaterThanOrEqual(500);
    const c = sandbox.credentials;
    const code = sandbox.hubspotAuthorize();
    const exchange = () =>
      api.form('/oauth/v1/token', {
        grant_type: 'authorization_code',
        code,
        client_id: c.hubspotClientId,
        client_secret: c.hubspotClientSecret,
        redirect_uri: 'x',
      });
    expect((await exchange()).status).toBeGreaterThanOrEqual(500);
    sandbox.setFaults(null);
    expect(sandbox.data.companies[0]!.properties.name).toBe(company.properties.name);
    expect(sandbox.writes()).toEqual([]);
    // The code survived the faulted exchange.
    expect((await exchange()).status).toBe(200);
  });

  it('validates fault settings', () => {
    const sandbox = createSandbox({ seed: 1, companies: 5 });
    expect(() => sandbox.setFaults({ dropRate: 2 })).toThrow(/dropRate/);
  });
});
