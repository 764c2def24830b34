import { type ApiClient, createApiClient, RateBudget, type StreamPage } from '@csm/http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mapOwner, ownersStream } from './owners.ts';
import { hubspotRetryPolicy } from './policy.ts';

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

async function collect(checkpoint: unknown) {
  const pages: StreamPage[] = [];
  for await (const page of ownersStream.pages(client(), { checkpoint, now: new Date() })) pages.push(page);
  return pages;
}

/** An owner as HubSpot's documentation shows one. */
const owner = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  email: `Owner${id}@Example.com`,
  type: 'PERSON',
  firstName: 'HubSpot',
  lastName: `Owner ${id}`,
  userId: 9586504,
  userIdIncludingInactive: 9586504,
  createdAt: '2019-12-25T13:01:35.228Z',
  updatedAt: '2023-08-22T13:40:26.790Z',
  archived: false,
  teams: [{ id: '368389', name: 'Sales Team', primary: true }],
  ...over,
});

/** `/crm/v3/owners/` with two pages of active owners and one of archived ones. */
function serveOwners(seen: URLSearchParams[]) {
  server.use(
    http.get(`${base}/crm/v3/owners/`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      seen.push(q);
      if (q.get('archived') === 'true')
        return HttpResponse.json({ results: [owner('3', { archived: true, userId: undefined })] });
      return q.get('after') === 'p2'
        ? HttpResponse.json({ results: [owner('2')] })
        : HttpResponse.json({ results: [owner('1')], paging: { next: { after: 'p2', link: 'x' } } });
    }),
  );
}

describe('the owners stream', () => {
  it('reads the active owners, then the archived ones, 500 a page, and ends complete', async () => {
    const seen: URLSearchParams[] = [];
    serveOwners(seen);
    const pages = await collect(null);
    expect(seen.map((q) => [q.get('limit'), q.get('after'), q.get('archived')])).toEqual([
      ['500', null, 'false'],
      ['500', 'p2', 'false'],
      ['500', null, 'true'],
    ]);
    expect(pages.map((p) => p.checkpoint)).toEqual([
      { phase: 'active', after: 'p2' },
      { phase: 'archived', after: null },
      { phase: 'done' },
    ]);
    expect(pages.flatMap((p) => p.records)).toEqual([
      {
        hubspotOwnerId: '1',
        email: 'owner1@example.com',
        firstName: 'HubSpot',
        lastName: 'Owner 1',
        archived: false,
        updatedAt: new Date('2023-08-22T13:40:26.790Z'),
      },
      expect.objectContaining({ hubspotOwnerId: '2', archived: false }),
      expect.objectContaining({ hubspotOwnerId: '3', archived: true }),
    ]);
    expect(pages.every((p) => p.kind === 'owners')).toBe(true);
  });

  it('starts over after a complete read and resumes an interrupted one', async () => {
    const seen: URLSearchParams[] = [];
    serveOwners(seen);
    await collect({ phase: 'done' });
    expect(seen).toHaveLength(3);
    seen.length = 0;
    await collect({ phase: 'active', after: 'p2' });
    expect(seen.map((q) => [q.get('after'), q.get('archived')])).toEqual([
      ['p2', 'false'],
      [null, 'true'],
    ]);
    seen.length = 0;
    // An object stream's checkpoint (or anything else) is no owners checkpoint: a whole read.
    await collect({ mode: 'incremental', since: '2026-01-01T00:00:00Z' });
    expect(seen).toHaveLength(3);
  });

  it('quarantines a malformed owner and keeps the rest of its page', async () => {
    server.use(
      http.get(`${base}/crm/v3/owners/`, ({ request }) =>
        new URL(request.url).searchParams.get('archived') === 'true'
          ? HttpResponse.json({ results: [] })
          : HttpResponse.json({
              results: [owner('1'), owner('2', { updatedAt: 'yesterday' }), { email: 'no-id@x.com' }],
            }),
      ),
    );
    const pages = await collect(null);
    expect(pages[0]!.records.map((r) => (r as { hubspotOwnerId: string }).hubspotOwnerId)).toEqual(['1']);
    expect(pages[0]!.quarantined).toEqual([
      expect.objectContaining({ externalId: '2', reason: expect.stringMatching(/^updatedAt: /) }),
      expect.objectContaining({ externalId: 'unknown', reason: expect.stringMatching(/^id: /) }),
    ]);
  });

  it('names the missing scope when HubSpot answers 403', async () => {
    server.use(
      http.get(`${base}/crm/v3/owners/`, () =>
        HttpResponse.json(
          {
            status: 'error',
            message: "This app hasn't been granted all required scopes to make this call.",
            category: 'MISSING_SCOPES',
            errors: [
              {
                message: 'One or more of the following scopes are required.',
                context: { requiredGranularScopes: ['crm.objects.owners.read'] },
              },
            ],
          },
          { status: 403 },
        ),
      ),
    );
    await expect(collect(null)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/lacks scope crm\.objects\.owners\.read/),
    });
  });
});

describe('mapOwner', () => {
  it('keeps blank names as null and takes archived from the listing when the owner omits it', () => {
    const mapped = mapOwner(
      { id: 7, email: '', firstName: ' ', lastName: null, updatedAt: '2026-01-02T00:00:00Z' },
      true,
    );
    expect(mapped).toEqual({
      ok: true,
      record: {
        hubspotOwnerId: '7',
        email: null,
        firstName: null,
        lastName: null,
        archived: true,
        updatedAt: new Date('2026-01-02T00:00:00Z'),
      },
    });
  });
});
