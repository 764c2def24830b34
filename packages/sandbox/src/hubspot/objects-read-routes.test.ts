import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const sandbox = createSandbox({ seed: 5, companies: 120, rateLimits: false });
const api = client(sandbox).hubspot;

describe('GET /crm/v3/objects/{type}', () => {
  it('walks every record exactly once with after paging', async () => {
    for (const type of ['companies', 'contacts', 'deals', 'tickets', 'feedback_submissions'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await api.get(`/crm/v3/objects/${type}?limit=100${after ? `&after=${after}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.results.map((r: { id: string }) => r.id));
        after = page.body.paging?.next?.after;
        if (after)
          expect(page.body.paging.next.link).toContain(
            `/hubspot/crm/v3/objects/${type}?limit=100&after=${after}`,
          );
        pages += 1;
      } while (after);
      const key =
        type === 'tickets'
          ? 'hubspotTickets'
          : type === 'feedback_submissions'
            ? 'feedbackSubmissions'
            : type;
      expect(seen).toEqual(sandbox.data[key].map((r) => r.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 100)));
    }
  });

  it('returns only the requested properties plus the defaults, every value a string or null', async () => {
    const page = await api.get(
      '/crm/v3/objects/contacts?limit=3&properties=email,associatedcompanyid,nonexistent',
    );
    for (const result of page.body.results) {
      expect(Object.keys(result.properties).sort()).toEqual([
        'associatedcompanyid',
        'createdate',
        'email',
        'hs_object_id',
        'lastmodifieddate',
      ]);
      expect(result).toMatchObject({ archived: false, id: result.properties.hs_object_id });
      expect(result.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Object.values(result.properties).every((v) => v === null || typeof v === 'string')).toBe(true);
    }
    const defaults = await api.get('/crm/v3/objects/companies?limit=1');
    expect(Object.keys(defaults.body.results[0].properties).sort()).toEqual([
      'createdate',
      'domain',
      'hs_lastmodifieddate',
      'hs_object_id',
      'name',
    ]);
  });

  it('inlines associations, primary and unlabeled, and leaves the key out when there are none', async () => {
    const deals = sandbox.data.deals;
    const page = await api.get(`/crm/v3/objects/deals?limit=100&associations=companies`);
    for (const result of page.body.results) {
      const raw = deals.find((d) => d.id === result.id)!;
      expect(result.associations).toEqual(raw.associations);
      if (result.associations) {
        const [primary, unlabeled] = result.associations.companies.results;
        expect(primary.type).toBe('deal_to_company');
        expect(unlabeled).toEqual({ id: primary.id, type: 'deal_to_company_unlabeled' });
      }
    }
    const companies = await api.get('/crm/v3/objects/companies?limit=5&associations=contacts');
    expect(companies.body.results[0].associations.contacts.results.length).toBeGreaterThan(0);
  });

  it('refuses a limit over 100 and an unknown object type', async () => {
    const tooMany = await api.get('/crm/v3/objects/companies?limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(tooMany.body.correlationId).toEqual(expect.any(String));
    const unknown = await api.get('/crm/v3/objects/widgets');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('widgets');
  });

  it('reads one object and batches of objects', async () => {
    const deal = sandbox.data.deals[0]!;
    const one = await api.get(`/crm/v3/objects/0-3/${deal.id}?properties=amount&associations=companies`);
    expect(one.body.properties.amount).toBe(deal.properties.amount);
    expect(one.body.associations).toEqual(deal.associations);
    expect((await api.get('/crm/v3/objects/deals/1')).status).toBe(404);

    const batch = await api.post('/crm/v3/objects/deals/batch/read', {
      inputs: [{ id: deal.id }, { id: '1' }],
      properties: ['dealname'],
    });
    expect(batch.status).toBe(207);
    expect(batch.body.results).toHaveLength(1);
    expect(batch.body.results[0].properties.dealname).toBe(deal.properties.dealname);
    expect(batch.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['1'] } });
  });

  it('lists owners and answers the account details', async () => {
    const owners = await api.get('/crm/v3/owners?limit=2');
    expect(owners.body.results).toHaveLength(2);
    expect(owners.body.results[0]).toMatchObject({
      id: expect.any(String),
      email: expect.stringContaining('@'),
      userId: expect.any(Number),
      archived: false,
    });
    expect(owners.body.paging.next.after).toBe('2');
    const account = await api.get('/account-info/v3/details');
    expect(account.body).toMatchObject({
      portalId: sandbox.credentials.hubspotPortalId,
      timeZone: 'Etc/UTC',
      companyCurrency: 'USD',
      uiDomain: 'app.hubspot.com',
    });
  });
});
