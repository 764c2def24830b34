import { type ApiClient, createApiClient, RateBudget, type StreamPage, zendeskTokenAuth } from '@csm/http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mapSurveyResponse } from './mapping.ts';
import { zendeskRetryPolicy } from './policy.ts';
import { zendeskStreams } from './streams.ts';

const base = 'https://acme.zendesk.test';
const path = `${base}/api/v2/guide/survey_responses`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (): ApiClient =>
  createApiClient({
    name: 'Zendesk',
    baseUrl: base,
    auth: zendeskTokenAuth('admin@acme.test', 'tok'),
    policy: { ...zendeskRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
    budgets: { default: new RateBudget({ max: 10_000, intervalMs: 1000 }) },
  });

async function collect(name: string, checkpoint: unknown, now = new Date('2026-06-01T00:00:00Z')) {
  const stream = zendeskStreams.find((s) => s.name === name)!;
  const pages: StreamPage[] = [];
  for await (const page of stream.pages(client(), { checkpoint, now })) pages.push(page);
  return pages;
}

/** The example of "Show Survey Response" in Zendesk's CSAT survey responses reference. */
const docsExample = {
  answers: [
    {
      created_at: '2024-08-14T12:00:00.000Z',
      question: {
        alias: 'comment',
        headline: { type: 'static', value: 'Anything else you would like to share about your experience?' },
        id: '01GFYBENPDGN1R6NAA4WRDNVFR',
        type: 'open_ended',
      },
      type: 'skipped',
      updated_at: '2024-08-14T12:00:00.000Z',
    },
  ],
  expires_at: '2024-08-14T12:00:00.000Z',
  id: '01J1WB51MG6HXTYWE6Q0C93RNW',
  responder_id: 4398080151295,
  subject_zrns: ['zen:ticket:99'],
  subjects: [{ id: '99', type: 'ticket', zrn: 'zen:ticket:99' }],
  survey: { id: '01J58KJ9RAE0D2EK7HRVM7Z8F2', state: 'enabled', version: 3 },
};

const ratingQuestion = {
  id: '01GFYBENPDGN1R6NAA4WRDNVFQ',
  type: 'rating_scale_numeric',
  sub_type: 'customer_satisfaction',
  headline: { type: 'static', value: 'How would you rate the support you received?' },
};
const reasonQuestion = {
  id: '01JQ6E6V6SSXM7796DDCYM73NC',
  type: 'closed_ended',
  alias: 'reason',
  headline: { type: 'static', value: 'Select a reason regarding your experience' },
  options: [
    {
      id: '01J5DG6N2QMGYWAZ5X7ZCJFEM6',
      label: { type: 'static', value: 'The issue took too long to resolve' },
    },
  ],
};
const commentQuestion = docsExample.answers[0]!.question;

/** A response as the list endpoint serves it, with typed answers. */
function response(
  id: string,
  ticketId: number,
  rating: number,
  category: 'bad' | 'neutral' | 'good',
  at: string,
  extra: Record<string, unknown>[] = [],
) {
  return {
    ...docsExample,
    id,
    subject_zrns: [`zen:ticket:${ticketId}`],
    subjects: [{ id: String(ticketId), type: 'ticket', zrn: `zen:ticket:${ticketId}` }],
    answers: [
      {
        type: 'rating_scale',
        rating,
        rating_category: category,
        question: ratingQuestion,
        created_at: at,
        updated_at: at,
      },
      ...extra,
    ],
  };
}

describe('current CSAT survey responses', () => {
  it('map the typed answers: good is positive, neutral and bad are not, the comment kept, at the rating’s time', () => {
    const later = '2026-05-02T09:30:00.000Z';
    const good = mapSurveyResponse({
      ...response('01J0000000000000000000000A', 7, 5, 'good', '2026-05-01T10:00:00.000Z'),
      answers: [
        {
          type: 'rating_scale',
          rating: 5,
          rating_category: 'good',
          question: ratingQuestion,
          created_at: '2026-05-01T10:00:00.000Z',
          updated_at: later,
        },
        {
          type: 'open_ended',
          value: '  Quick and kind ',
          question: commentQuestion,
          created_at: '2026-05-01T10:01:00.000Z',
          updated_at: '2026-05-01T10:01:00.000Z',
        },
      ],
    });
    expect(good).toEqual({
      ok: true,
      record: {
        source: 'zendesk',
        externalId: '01J0000000000000000000000A',
        surveyType: 'CSAT',
        value: null,
        rating: 'good',
        scaleMin: null,
        scaleMax: null,
        contactId: null,
        zendeskTicketId: '7',
        companyId: null,
        comment: 'Quick and kind',
        submittedAt: new Date(later),
      },
    });
    const neutral = mapSurveyResponse(response('01J0000000000000000000000B', 8, 3, 'neutral', later));
    const bad = mapSurveyResponse(
      response('01J0000000000000000000000C', 9, 1, 'bad', later, [
        {
          type: 'closed_ended',
          selections: [{ type: 'predefined', option_id: '01J5DG6N2QMGYWAZ5X7ZCJFEM6' }],
          question: reasonQuestion,
          created_at: later,
          updated_at: later,
        },
      ]),
    );
    expect([neutral, bad].map((m) => m.ok === true && m.record.rating)).toEqual(['bad', 'bad']);
  });

  it('skip the docs’ example (its only answer skipped) and responses about something else than a ticket', () => {
    expect(mapSurveyResponse(docsExample)).toEqual({ ok: 'skip' });
    const conversation = {
      ...response('01J0000000000000000000000D', 1, 4, 'good', '2026-05-01T00:00:00.000Z'),
      subject_zrns: ['zen:conversation:4295a81b-ccdd-4998-88d9-0eff5e76dc44'],
      subjects: [{ id: '4295a81b-ccdd-4998-88d9-0eff5e76dc44', type: 'conversation' }],
    };
    expect(mapSurveyResponse(conversation)).toEqual({ ok: 'skip' });
    // Only the resource name names the ticket: enough.
    const { subjects: _, ...zrnOnly } = response(
      '01J0000000000000000000000E',
      42,
      4,
      'good',
      '2026-05-01T00:00:00.000Z',
    );
    expect(mapSurveyResponse(zrnOnly)).toMatchObject({ ok: true, record: { zendeskTicketId: '42' } });
  });

  it('quarantine a rating whose category Zendesk does not document', () => {
    const odd = response('01J0000000000000000000000F', 3, 4, 'good', '2026-05-01T00:00:00.000Z');
    (odd.answers[0] as { rating_category: string }).rating_category = 'great';
    expect(mapSurveyResponse(odd)).toMatchObject({
      ok: false,
      quarantined: { externalId: '01J0000000000000000000000F' },
    });
  });

  it('page by page[after] from a week before the newest response read, in milliseconds', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(path, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        return q.get('page[after]')
          ? HttpResponse.json({
              survey_responses: [
                response('01J0000000000000000000000H', 2, 2, 'bad', '2026-05-03T00:00:00.000Z'),
              ],
              meta: { has_more: false, after_cursor: null, before_cursor: 'b2' },
              links: { prev: null, next: null },
            })
          : HttpResponse.json({
              survey_responses: [
                response('01J0000000000000000000000G', 1, 5, 'good', '2026-05-01T00:00:00.000Z'),
                docsExample,
              ],
              meta: { has_more: true, after_cursor: 'a1', before_cursor: 'b1' },
              links: { prev: null, next: `${path}?page[after]=a1` },
            });
      }),
    );
    const since = Date.parse('2026-04-20T00:00:00Z');
    const pages = await collect('zendesk.survey_responses', { createdAtMs: since });
    expect(queries.map((q) => Object.fromEntries(q))).toEqual([
      { 'filter[created_at_start]': String(since - 7 * 86_400_000), 'page[size]': '100' },
      {
        'filter[created_at_start]': String(since - 7 * 86_400_000),
        'page[size]': '100',
        'page[after]': 'a1',
      },
    ]);
    expect(pages.flatMap((p) => p.records).map((r) => (r as { externalId: string }).externalId)).toEqual([
      '01J0000000000000000000000G',
      '01J0000000000000000000000H',
    ]);
    expect(pages.map((p) => p.checkpoint)).toEqual([
      { createdAtMs: Date.parse('2026-05-01T00:00:00Z') },
      { createdAtMs: Date.parse('2026-05-03T00:00:00Z') },
    ]);
  });
});

describe('which CSAT an account has switched on', () => {
  it('a refused endpoint (403, 404) is skipped with the reason and not asked again that day', async () => {
    let asked = 0;
    server.use(
      http.get(path, () => {
        asked += 1;
        return HttpResponse.json(
          { error: 'Forbidden', description: 'You do not have access to this page.' },
          { status: 403 },
        );
      }),
      http.get(`${base}/api/v2/satisfaction_ratings`, () =>
        HttpResponse.json({ error: 'InvalidEndpoint', description: 'Not found' }, { status: 404 }),
      ),
    );
    const now = new Date('2026-06-01T00:00:00Z');
    const [page] = await collect('zendesk.survey_responses', null, now);
    expect(page).toMatchObject({
      records: [],
      unavailable: expect.stringContaining('CSAT survey responses are not switched on'),
    });
    expect(page!.checkpoint).toEqual({ unavailable: page!.unavailable, since: now.toISOString() });

    const again = await collect(
      'zendesk.survey_responses',
      page!.checkpoint,
      new Date(now.getTime() + 3_600_000),
    );
    expect(again).toEqual([{ ...page, kind: 'surveyResponses' }]);
    expect(asked).toBe(1);
    await collect('zendesk.survey_responses', page!.checkpoint, new Date(now.getTime() + 86_400_000));
    expect(asked).toBe(2);

    const [legacy] = await collect('zendesk.satisfaction_ratings', null, now);
    expect(legacy!.unavailable).toContain('legacy satisfaction ratings are not switched on');
  });

  it('a refusal after the first page fails the stream as any error would', async () => {
    server.use(
      http.get(path, ({ request }) =>
        new URL(request.url).searchParams.get('page[after]')
          ? HttpResponse.json({ error: 'Forbidden' }, { status: 403 })
          : HttpResponse.json({
              survey_responses: [],
              meta: { has_more: true, after_cursor: 'a1' },
            }),
      ),
    );
    await expect(collect('zendesk.survey_responses', null)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
