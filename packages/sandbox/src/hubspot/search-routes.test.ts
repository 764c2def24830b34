import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const sandbox = createSandbox({ seed: 8, companies: 150, rateLimits: false });
const api = client(sandbox).hubspot;

const byModified = (since: string | number) => ({
  filterGroups: [
    { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(since) }] },
  ],
  sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
  properties: ['dealname'],
  limit: 200,
});

describe('POST /crm/v3/objects/{type}/search', () => {
  it('pages through every match once, oldest modification first, with total and no associations', async () => {
    const deals = sandbox.data.deals;
    const since = Date.parse(deals[deals.length >> 1]!.updatedAt);
    const expected = deals
      .filter((d) => Date.parse(d.updatedAt) >= since)
      .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || Number(a.id) - Number(b.id));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await api.post('/crm/v3/objects/deals/search', {
        ...byModified(since),
        limit: 7,
        ...(after ? { after } : {}),
      });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(expected.length);
      for (const r of page.body.results) expect(r.associations).toBeUndefined();
      seen.push(...page.body.results.map((r: { id: string }) => r.id));
      after = page.body.paging?.next?.after;
    } while (after);
    expect(seen).toEqual(expected.map((d) => d.id));
  });

  it('accepts ISO dates as well as epoch milliseconds, and the string sort form', async () => {
    const since = sandbox.data.contacts[10]!.updatedAt;
    const epoch = await api.post('/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: Date.parse(since) }] },
      ],
      sorts: ['-lastmodifieddate'],
      limit: 200,
    });
    const iso = await api.post('/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: since }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'DESCENDING' }],
      limit: 200,
    });
    expect(epoch.body.results).toEqual(iso.body.results);
    const times = epoch.body.results.map((r: { updatedAt: string }) => Date.parse(r.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('ORs filter groups and ANDs filters, comparing strings case-insensitively and numbers numerically', async () => {
    const body = {
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_survey_type', operator: 'EQ', value: 'nps' },
            { propertyName: 'hs_value', operator: 'LTE', value: '6' },
          ],
        },
        { filters: [{ propertyName: 'hs_survey_type', operator: 'IN', values: ['CES'] }] },
      ],
      properties: ['hs_survey_type', 'hs_value'],
      limit: 200,
    };
    const page = await api.post('/crm/v3/objects/feedback_submissions/search', body);
    const expected = sandbox.data.feedbackSubmissions.filter(
      (f) =>
        (f.properties.hs_survey_type === 'NPS' && Number(f.properties.hs_value) <= 6) ||
        f.properties.hs_survey_type === 'CES',
    );
    expect(page.body.total).toBe(expected.length);
    const missing = await api.post('/crm/v3/objects/companies/search', {
      filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'NOT_HAS_PROPERTY' }] }],
    });
    expect(missing.body.total).toBe(sandbox.data.companies.filter((c) => !c.properties.domain).length);
  });

  it('refuses a page past the 10,000th result, a limit over 200 and unknown properties', async () => {
    const past = await api.post('/crm/v3/objects/contacts/search', { limit: 200, after: '9900' });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(past.body.message).toContain('10000');
    expect((await api.post('/crm/v3/objects/contacts/search', { limit: 100, after: '9900' })).status).toBe(
      200,
    );
    expect((await api.post('/crm/v3/objects/contacts/search', { limit: 201 })).status).toBe(400);
    const unknown = await api.post('/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'shoe_size', operator: 'EQ', value: '9' }] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('shoe_size');
    const badJson = await client(sandbox).hubspot.post('/crm/v3/objects/contacts/search', undefined);
    expect(badJson.status).toBe(400);
  });
});
