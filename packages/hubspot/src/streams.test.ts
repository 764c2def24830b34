import { type ApiClient, createApiClient, RateBudget, type StreamPage } from '@csm/http';
import type { CompanyRecord, DealRecord } from '@csm/store';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hubspotRetryPolicy } from './policy.ts';
import { hubspotStreams } from './streams.ts';
import { makeObject } from './test-utils/objects.ts';

const base = 'https://api.hubapi.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(): ApiClient {
  return createApiClient({
    name: 'HubSpot',
    baseUrl: base,
    policy: { ...hubspotRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
    budgets: { default: new RateBudget({ max: 10_000, intervalMs: 1000 }) },
  });
}

const stream = (name: string) => hubspotStreams.find((s) => s.name === name)!;

async function collect(name: string, checkpoint: unknown, now = new Date('2026-06-01T00:00:00Z')) {
  const pages: StreamPage[] = [];
  for await (const page of stream(name).pages(client(), { checkpoint, now })) pages.push(page);
  return pages;
}

describe('HubSpot backfill through the list endpoint', () => {
  it('walks every page by `after`, reads primary associations inline, and hands over to incremental', async () => {
    const seen: URLSearchParams[] = [];
    const deals = [
      makeObject(
        {
          dealname: 'A',
          amount: '1200',
          hs_mrr: '100',
          hs_is_closed_won: 'true',
          closedate: '2025-02-01T00:00:00Z',
          csm_contract_end_date: '2026-02-01',
        },
        {
          id: '1',
          associations: {
            companies: [
              { id: '77', type: 'deal_to_company_unlabeled' },
              { id: '55', type: 'deal_to_company' },
            ],
          },
        },
      ),
      makeObject(
        { dealname: 'B', amount: '2400', hs_mrr: null, hs_is_closed_won: 'false', closedate: null },
        { id: '2' },
      ),
    ];
    server.use(
      http.get(`${base}/crm/v3/objects/deals`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        seen.push(q);
        return q.get('after') === 'p2'
          ? HttpResponse.json({ results: [deals[1]] })
          : HttpResponse.json({ results: [deals[0]], paging: { next: { after: 'p2', link: 'x' } } });
      }),
    );
    const pages = await collect('hubspot.deals', null);
    expect(seen.map((q) => q.get('limit'))).toEqual(['100', '100']);
    expect(seen[0]!.get('associations')).toBe('companies');
    expect(seen[0]!.get('properties')).toContain('csm_contract_end_date');
    expect(pages.map((p) => p.checkpoint)).toEqual([
      { mode: 'backfill', after: 'p2', startedAt: '2026-06-01T00:00:00.000Z' },
      { mode: 'incremental', since: '2026-06-01T00:00:00.000Z' },
    ]);
    expect(pages[0]!.records).toEqual([
      expect.objectContaining({
        hubspotDealId: '1',
        companyId: '55',
        mrr: 100,
        amount: 1200,
        isClosedWon: true,
        contractEndDate: new Date('2026-02-01T00:00:00Z'),
      }),
    ]);
    expect(pages[1]!.records).toEqual([
      expect.objectContaining({ hubspotDealId: '2', companyId: null, mrr: null, isClosedWon: false }),
    ]);
  });

  it('resumes a backfill from its saved `after`', async () => {
    const afters: (string | null)[] = [];
    server.use(
      http.get(`${base}/crm/v3/objects/companies`, ({ request }) => {
        afters.push(new URL(request.url).searchParams.get('after'));
        return HttpResponse.json({
          results: [makeObject({ name: 'Acme', domain: 'https://www.Acme.com/' })],
        });
      }),
    );
    const pages = await collect('hubspot.companies', {
      mode: 'backfill',
      after: 'p7',
      startedAt: '2026-05-31T00:00:00.000Z',
    });
    expect(afters).toEqual(['p7']);
    expect(pages[0]!.records[0]).toMatchObject({ name: 'Acme', domain: 'acme.com' });
    expect(pages[0]!.checkpoint).toEqual({ mode: 'incremental', since: '2026-05-31T00:00:00.000Z' });
  });

  it('asks for and keeps the last touch of companies and the currency of deals', async () => {
    const asked: Record<string, string | null> = {};
    server.use(
      http.get(`${base}/crm/v3/objects/companies`, ({ request }) => {
        asked.companies = new URL(request.url).searchParams.get('properties');
        return HttpResponse.json({
          results: [
            makeObject({ name: 'Touched', notes_last_contacted: '2026-04-28T09:30:00.000Z' }, { id: '1' }),
            makeObject({ name: 'Never', notes_last_contacted: null }, { id: '2' }),
          ],
        });
      }),
      http.get(`${base}/crm/v3/objects/deals`, ({ request }) => {
        asked.deals = new URL(request.url).searchParams.get('properties');
        return HttpResponse.json({
          results: [
            makeObject({ dealname: 'EUR', hs_is_closed_won: 'true', deal_currency_code: 'eur' }, { id: '3' }),
            makeObject({ dealname: 'None', hs_is_closed_won: 'true' }, { id: '4' }),
          ],
        });
      }),
    );
    const [companies] = await collect('hubspot.companies', null);
    const [deals] = await collect('hubspot.deals', null);
    expect(asked.companies?.split(',')).toContain('notes_last_contacted');
    expect(asked.deals?.split(',')).toContain('deal_currency_code');
    expect(
      (companies!.records as CompanyRecord[]).map((r) => [r.hubspotCompanyId, r.notesLastContacted]),
    ).toEqual([
      ['1', new Date('2026-04-28T09:30:00.000Z')],
      ['2', null],
    ]);
    expect((deals!.records as DealRecord[]).map((r) => [r.hubspotDealId, r.currency])).toEqual([
      ['3', 'EUR'],
      ['4', null],
    ]);
  });

  it('quarantines malformed objects and answers out of range, and skips CUSTOM surveys', async () => {
    server.use(
      http.get(`${base}/crm/v3/objects/feedback_submissions`, () =>
        HttpResponse.json({
          results: [
            makeObject(
              {
                hs_survey_type: 'NPS',
                hs_value: '9',
                hs_content: ' Great ',
                hs_submission_timestamp: '2026-04-01T00:00:00Z',
              },
              {
                id: 'f1',
                associations: { contacts: [{ id: 'c1', type: 'feedback_submission_to_contact' }] },
              },
            ),
            makeObject({ hs_survey_type: 'NPS', hs_value: '11' }, { id: 'f2' }),
            makeObject({ hs_survey_type: 'CSAT', hs_value: '2' }, { id: 'f3' }),
            makeObject({ hs_survey_type: 'CUSTOM', hs_value: 'blue' }, { id: 'f4' }),
            { id: 'f5', properties: 'not an object' },
          ],
        }),
      ),
    );
    const [page] = await collect('hubspot.feedback_submissions', null);
    expect(page!.records).toEqual([
      expect.objectContaining({
        externalId: 'f1',
        surveyType: 'NPS',
        value: 9,
        contactId: 'c1',
        comment: 'Great',
        scaleMin: 0,
        scaleMax: 10,
      }),
      expect.objectContaining({ externalId: 'f3', surveyType: 'CSAT', value: 2, scaleMin: 0, scaleMax: 2 }),
    ]);
    expect(page!.quarantined.map((q) => [q.externalId, q.reason])).toEqual([
      ['f2', expect.stringContaining('integer 0-10')],
      ['f5', expect.any(String)],
    ]);
  });
});

describe('HubSpot objects without top-level timestamps', () => {
  it('take them from the properties that carry the same instants', async () => {
    server.use(
      http.get(`${base}/crm/v3/objects/companies`, () =>
        HttpResponse.json({
          results: [
            {
              id: 7,
              properties: {
                name: 'Bare',
                domain: 'bare.io',
                createdate: '2025-03-01T00:00:00Z',
                hs_lastmodifieddate: '2026-02-01T00:00:00Z',
              },
            },
            { id: '8', properties: { name: 'No dates' } },
          ],
        }),
      ),
    );
    const [page] = await collect('hubspot.companies', null);
    expect(page!.records).toEqual([
      expect.objectContaining({
        hubspotCompanyId: '7',
        createdAt: new Date('2025-03-01T00:00:00Z'),
        updatedAt: new Date('2026-02-01T00:00:00Z'),
      }),
    ]);
    expect(page!.quarantined).toEqual([
      expect.objectContaining({ externalId: '8', reason: expect.stringContaining('updatedAt') }),
    ]);
  });
});

describe('HubSpot incremental through search', () => {
  it('searches modified >= checkpoint - lookback, oldest first, 200 a page, with associations per page', async () => {
    const bodies: Record<string, unknown>[] = [];
    const assocInputs: unknown[] = [];
    server.use(
      http.post(`${base}/crm/v3/objects/deals/search`, async ({ request }) => {
        bodies.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({
          total: 1,
          results: [
            makeObject(
              { dealname: 'Up', hs_is_closed_won: 'true', amount: '600', closedate: '2026-05-01' },
              { id: '9', updatedAt: '2026-05-20T00:00:00.000Z' },
            ),
          ],
        });
      }),
      http.post(`${base}/crm/v4/associations/deals/companies/batch/read`, async ({ request }) => {
        assocInputs.push(await request.json());
        return HttpResponse.json({
          status: 'COMPLETE',
          results: [
            {
              from: { id: '9' },
              to: [
                {
                  toObjectId: 300,
                  associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 341, label: null }],
                },
                {
                  toObjectId: 301,
                  associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' }],
                },
              ],
            },
          ],
        });
      }),
    );
    const pages = await collect('hubspot.deals', { mode: 'incremental', since: '2026-05-10T00:00:00.000Z' });
    expect(bodies[0]).toMatchObject({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'hs_lastmodifieddate',
              operator: 'GTE',
              value: String(Date.parse('2026-05-10T00:00:00Z') - 60_000),
            },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      limit: 200,
    });
    expect(assocInputs).toEqual([{ inputs: [{ id: '9' }] }]);
    expect(pages[0]!.records[0]).toMatchObject({
      hubspotDealId: '9',
      companyId: '301',
      mrr: null,
      amount: 600,
    });
    expect(pages[0]!.checkpoint).toEqual({ mode: 'incremental', since: '2026-05-20T00:00:00.000Z' });
  });

  it('starts a new query at the last modification time instead of paging past 10,000 results', async () => {
    const requests: { after?: string; since: string }[] = [];
    server.use(
      http.post(`${base}/crm/v3/objects/companies/search`, async ({ request }) => {
        const body = (await request.json()) as {
          after?: string;
          filterGroups: { filters: { value: string }[] }[];
        };
        const since = body.filterGroups[0]!.filters[0]!.value;
        requests.push({ after: body.after, since });
        if (body.after && Number(body.after) >= 10_000)
          return HttpResponse.json({ status: 'error', category: 'VALIDATION_ERROR' }, { status: 400 });
        const window = requests.filter((r) => r.since === since).length;
        const updatedAt = new Date(Number(since) + 1000 * window).toISOString();
        const next = Number(body.after ?? 0) + 200;
        const last = requests.length >= 52;
        return HttpResponse.json({
          total: 20_000,
          results: [makeObject({ name: 'x' }, { updatedAt })],
          ...(last ? {} : { paging: { next: { after: String(next) } } }),
        });
      }),
    );
    await collect('hubspot.companies', { mode: 'incremental', since: '2026-05-10T00:00:00.000Z' });
    const afters = requests.map((r) => r.after ?? null);
    // 50 pages of 200 fill the first window (after null, 200 ... 9800); the 51st starts a new query.
    expect(afters.slice(0, 3)).toEqual([null, '200', '400']);
    expect(afters[49]).toBe('9800');
    expect(afters[50]).toBe(null);
    expect(Number(requests[50]!.since)).toBeGreaterThan(Number(requests[0]!.since));
    expect(requests.every((r) => !r.after || Number(r.after) < 10_000)).toBe(true);
  });
});

describe('HubSpot errors', () => {
  it('names the missing scope on 403', async () => {
    server.use(
      http.get(`${base}/crm/v3/objects/deals`, () =>
        HttpResponse.json(
          {
            status: 'error',
            message: "This app hasn't been granted all required scopes to make this call.",
            category: 'MISSING_SCOPES',
            errors: [
              {
                message: 'One or more of the following scopes are required.',
                context: { requiredGranularScopes: ['crm.objects.deals.read'] },
              },
            ],
          },
          { status: 403 },
        ),
      ),
    );
    await expect(collect('hubspot.deals', null)).rejects.toThrow(/lacks scope crm\.objects\.deals\.read/);
  });
});
