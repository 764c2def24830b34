import { type ApiClient, createApiClient, RateBudget, type StreamPage, zendeskTokenAuth } from '@csm/http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zendeskRetryPolicy } from './policy.ts';
import { zendeskStreams } from './streams.ts';

const base = 'https://acme.zendesk.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(): ApiClient {
  return createApiClient({
    name: 'Zendesk',
    baseUrl: base,
    auth: zendeskTokenAuth('admin@acme.test', 'tok'),
    policy: { ...zendeskRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
    budgets: { default: new RateBudget({ max: 10_000, intervalMs: 1000 }) },
  });
}

async function collect(name: string, checkpoint: unknown, now = new Date('2026-06-01T00:00:00Z')) {
  const stream = zendeskStreams.find((s) => s.name === name)!;
  const pages: StreamPage[] = [];
  for await (const page of stream.pages(client(), { checkpoint, now })) pages.push(page);
  return pages;
}

const ticket = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  url: `${base}/api/v2/tickets/${id}.json`,
  subject: `Ticket ${id}`,
  status: 'solved',
  priority: 'normal',
  requester_id: 500 + id,
  organization_id: 42,
  created_at: '2026-04-01T10:00:00Z',
  updated_at: '2026-04-02T10:00:00Z',
  ...over,
});
const metricSet = (ticketId: number, over: Record<string, unknown> = {}) => ({
  id: 9000 + ticketId,
  ticket_id: ticketId,
  replies: 1,
  reopens: 0,
  reply_time_in_minutes: { calendar: 33, business: 20 },
  full_resolution_time_in_minutes: { calendar: 120, business: 60 },
  solved_at: '2026-04-02T09:00:00Z',
  ...over,
});

describe('Zendesk ticket cursor export', () => {
  it('starts at start_time=0, follows after_cursor to end_of_stream, and joins metric sets', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${base}/api/v2/incremental/tickets/cursor.json`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        if (!request.headers.get('authorization')?.startsWith('Basic '))
          return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
        if (q.get('cursor') === 'c1') {
          return HttpResponse.json({
            tickets: [ticket(2, { status: 'deleted' }), ticket(3, { organization_id: null, priority: null })],
            metric_sets: [
              metricSet(3, { replies: 0, reply_time_in_minutes: { calendar: null, business: null } }),
            ],
            after_cursor: 'c2',
            end_of_stream: true,
          });
        }
        return HttpResponse.json({
          tickets: [ticket(1)],
          metric_sets: [metricSet(1)],
          after_cursor: 'c1',
          end_of_stream: false,
        });
      }),
    );
    const pages = await collect('zendesk.tickets', null);
    expect(
      queries.map((q) => [q.get('start_time'), q.get('cursor'), q.get('include'), q.get('per_page')]),
    ).toEqual([
      ['0', null, 'metric_sets', '1000'],
      [null, 'c1', 'metric_sets', '1000'],
    ]);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ cursor: 'c1' }, { cursor: 'c2' }]);
    expect(pages[0]!.records[0]).toMatchObject({
      source: 'zendesk',
      externalId: '1',
      organizationId: '42',
      requesterId: '501',
      replies: 1,
      reopens: 0,
      firstReplyMinutes: 33,
      fullResolutionMinutes: 120,
      solvedAt: new Date('2026-04-02T09:00:00Z'),
    });
    expect(pages[1]!.records).toEqual([
      expect.objectContaining({ externalId: '2', status: 'deleted', replies: null }),
      expect.objectContaining({
        externalId: '3',
        organizationId: null,
        priority: null,
        replies: 0,
        firstReplyMinutes: null,
      }),
    ]);
  });

  it('resumes from the saved cursor and keeps it when the last page has none', async () => {
    server.use(
      http.get(`${base}/api/v2/incremental/tickets/cursor.json`, () =>
        HttpResponse.json({ tickets: [], after_cursor: null, end_of_stream: true }),
      ),
    );
    const pages = await collect('zendesk.tickets', { cursor: 'saved' });
    expect(pages.map((p) => p.checkpoint)).toEqual([{ cursor: 'saved' }]);
  });

  it('quarantines a ticket with an unknown status instead of failing the run', async () => {
    server.use(
      http.get(`${base}/api/v2/incremental/tickets/cursor.json`, () =>
        HttpResponse.json({
          tickets: [ticket(1, { status: 'archived' }), ticket(2)],
          after_cursor: 'c',
          end_of_stream: true,
        }),
      ),
    );
    const [page] = await collect('zendesk.tickets', null);
    expect(page!.records.map((r) => (r as { externalId: string }).externalId)).toEqual(['2']);
    expect(page!.quarantined).toEqual([
      expect.objectContaining({ externalId: '1', reason: expect.stringContaining('status') }),
    ]);
  });
});

describe('Zendesk organization time export', () => {
  it('moves start_time to end_time until end_of_stream and lower-cases domains', async () => {
    const starts: (string | null)[] = [];
    server.use(
      http.get(`${base}/api/v2/incremental/organizations.json`, ({ request }) => {
        const start = new URL(request.url).searchParams.get('start_time');
        starts.push(start);
        const org = {
          id: Number(start) + 1,
          name: 'Acme',
          domain_names: ['Acme.COM', ' '],
          updated_at: '2026-01-01T00:00:00Z',
        };
        return start === '0'
          ? HttpResponse.json({
              organizations: [org],
              end_time: 1700000000,
              end_of_stream: false,
              next_page: 'x',
            })
          : HttpResponse.json({
              organizations: [org],
              end_time: 1700000100,
              end_of_stream: true,
              next_page: null,
            });
      }),
    );
    const pages = await collect('zendesk.organizations', null);
    expect(starts).toEqual(['0', '1700000000']);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ startTime: 1700000000 }, { startTime: 1700000100 }]);
    expect(pages[0]!.records[0]).toMatchObject({ zendeskOrgId: '1', domainNames: ['acme.com'] });
  });

  it('does not ask for a start_time less than a minute old', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const pages = await collect('zendesk.organizations', { startTime: now.getTime() / 1000 - 30 }, now);
    expect(pages).toEqual([]);
  });
});

describe('Zendesk satisfaction ratings', () => {
  it('pages by page[after], keeps only good / bad answers, and re-reads a week before the checkpoint', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${base}/api/v2/satisfaction_ratings`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        const rating = (id: number, score: string, created: string) => ({
          id,
          ticket_id: id + 1,
          score,
          comment: score === 'bad' ? 'slow' : '',
          created_at: created,
          updated_at: created,
        });
        return q.get('page[after]')
          ? HttpResponse.json({
              satisfaction_ratings: [rating(3, 'bad', '2026-05-03T00:00:00Z')],
              meta: { has_more: false, after_cursor: null },
            })
          : HttpResponse.json({
              satisfaction_ratings: [
                rating(1, 'good', '2026-05-01T00:00:00Z'),
                rating(2, 'offered', '2026-05-02T00:00:00Z'),
              ],
              meta: { has_more: true, after_cursor: 'a1' },
            });
      }),
    );
    const checkpointStart = Date.parse('2026-04-20T00:00:00Z') / 1000;
    const pages = await collect('zendesk.satisfaction_ratings', { startTime: checkpointStart });
    expect(queries[0]!.get('start_time')).toBe(String(checkpointStart - 7 * 86400));
    expect(queries[0]!.get('page[size]')).toBe('100');
    expect(queries[1]!.get('page[after]')).toBe('a1');
    expect(pages.flatMap((p) => p.records)).toEqual([
      expect.objectContaining({ externalId: '1', rating: 'good', zendeskTicketId: '2', comment: null }),
      expect.objectContaining({ externalId: '3', rating: 'bad', comment: 'slow' }),
    ]);
    expect(pages.at(-1)!.checkpoint).toEqual({ startTime: Date.parse('2026-05-03T00:00:00Z') / 1000 });
  });
});

describe('Zendesk satisfaction ratings without cursor metadata', () => {
  it('read the page they get as the only one', async () => {
    server.use(
      http.get(`${base}/api/v2/satisfaction_ratings`, () =>
        HttpResponse.json({
          satisfaction_ratings: [{ id: 1, ticket_id: 2, score: 'good', created_at: '2026-05-01T00:00:00Z' }],
          next_page: null,
        }),
      ),
    );
    const pages = await collect('zendesk.satisfaction_ratings', null);
    expect(pages.flatMap((p) => p.records)).toEqual([
      expect.objectContaining({ externalId: '1', rating: 'good' }),
    ]);
  });
});
