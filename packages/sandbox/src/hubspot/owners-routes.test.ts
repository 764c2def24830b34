import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

// 200 companies: five owners, the fifth of them archived (a deactivated user).
const sandbox = createSandbox({ seed: 8, companies: 200, rateLimits: false });
const api = client(sandbox).hubspot;

interface OwnerJson {
  id: string;
  archived: boolean;
}

/** Every owner of one listing (`archived` or not), walked by `after`. */
async function walk(query: string, limit: number) {
  const ids: string[] = [];
  const links: string[] = [];
  let after: string | undefined;
  do {
    const page = await api.get(`/crm/v3/owners/?limit=${limit}${query}${after ? `&after=${after}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.results.map((o: OwnerJson) => o.id));
    after = page.body.paging?.next?.after;
    if (after) links.push(page.body.paging.next.link);
  } while (after);
  return { ids, links };
}

describe('GET /crm/v3/owners', () => {
  it('answers HubSpot’s owner shape', async () => {
    const page = await api.get('/crm/v3/owners');
    expect(page.status).toBe(200);
    expect(page.body.paging).toBeUndefined();
    for (const owner of page.body.results) {
      expect(owner).toEqual({
        id: expect.stringMatching(/^\d+$/),
        email: expect.stringMatching(/^[a-z.]+@sandbox-csm\.example$/),
        type: 'PERSON',
        firstName: expect.any(String),
        lastName: expect.any(String),
        userId: expect.any(Number),
        userIdIncludingInactive: owner.userId,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        archived: false,
      });
      expect(Date.parse(owner.updatedAt)).toBeGreaterThanOrEqual(Date.parse(owner.createdAt));
    }
  });

  it('pages by `after` with a link, and lists archived owners only with archived=true', async () => {
    const active = await walk('', 2);
    const archived = await walk('&archived=true', 2);
    const all = sandbox.data.owners;
    expect(active.ids).toEqual(all.filter((o) => !o.archived).map((o) => o.id));
    expect(archived.ids).toEqual(all.filter((o) => o.archived).map((o) => o.id));
    expect(archived.ids.length).toBeGreaterThan(0);
    expect(active.links[0]).toMatch(/\/hubspot\/crm\/v3\/owners\/\?limit=2&after=2$/);
    // One page of up to 500.
    expect((await walk('', 500)).ids).toEqual(active.ids);

    const gone = await api.get('/crm/v3/owners?archived=true');
    expect(gone.body.results[0]).toMatchObject({
      archived: true,
      userIdIncludingInactive: expect.any(Number),
    });
    expect(gone.body.results[0].userId).toBeUndefined();
  });

  it('refuses a limit over 500 and finds an owner by email', async () => {
    expect((await api.get('/crm/v3/owners?limit=501')).status).toBe(400);
    const owner = sandbox.data.owners[1]!;
    const found = await api.get(`/crm/v3/owners?email=${encodeURIComponent(owner.email.toUpperCase())}`);
    expect(found.body.results.map((o: OwnerJson) => o.id)).toEqual([owner.id]);
  });

  it('holds the owner of every seeded company and deal', () => {
    const ids = new Set(sandbox.data.owners.map((o) => o.id));
    const owned = [...sandbox.data.companies, ...sandbox.data.deals].map(
      (r) => r.properties.hubspot_owner_id,
    );
    expect(owned.length).toBeGreaterThan(0);
    for (const id of owned) expect(ids.has(String(id))).toBe(true);
    // Deactivated owners still own records.
    const archived = new Set(sandbox.data.owners.filter((o) => o.archived).map((o) => o.id));
    expect(owned.some((id) => archived.has(String(id)))).toBe(true);
  });

  it('answers 403 MISSING_SCOPES to a token without crm.objects.owners.read, private-app or OAuth', async () => {
    const narrow = createSandbox({
      seed: 8,
      companies: 5,
      hubspotPrivateAppScopes: ['crm.objects.companies.read'],
    });
    const narrowApi = client(narrow).hubspot;
    expect((await narrowApi.get('/crm/v3/objects/companies')).status).toBe(200);
    const refused = await narrowApi.get('/crm/v3/owners/');
    expect(refused.status).toBe(403);
    expect(refused.body.category).toBe('MISSING_SCOPES');
    expect(refused.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.owners.read']);

    const c = sandbox.credentials;
    const code = sandbox.hubspotAuthorize({ scopes: ['crm.objects.companies.read'] });
    const tokens = await api.form('/oauth/v1/token', {
      client_id: c.hubspotClientId,
      client_secret: c.hubspotClientSecret,
      grant_type: 'authorization_code',
      code,
    });
    const bearer = `Bearer ${tokens.body.access_token}`;
    expect((await api.get('/crm/v3/owners', bearer)).status).toBe(403);
  });

  it('is rate limited and faulted like every CRM endpoint', async () => {
    const limited = createSandbox({ seed: 8, companies: 5, rateLimits: { scale: 0.1 } });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await client(limited).hubspot.get('/crm/v3/owners')).status);
    expect(statuses.slice(0, 19).every((s) => s === 200)).toBe(true);
    expect(statuses[19]).toBe(429);

    const faulty = createSandbox({
      seed: 8,
      companies: 5,
      rateLimits: false,
      faults: { serverErrorRate: 1 },
    });
    expect((await client(faulty).hubspot.get('/crm/v3/owners/')).status).toBeGreaterThanOrEqual(500);
    expect(faulty.stats().faultsByRoute).toEqual({ 'GET /hubspot/crm/v3/owners/': 1 });
  });
});
