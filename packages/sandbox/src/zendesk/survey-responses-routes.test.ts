import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client, zendeskPathOf } from '../test-utils/client.ts';

const sandbox = createSandbox({ seed: 12, companies: 80, rateLimits: false, zendeskCsat: 'current' });
const api = client(sandbox).zendesk;
const answeredRatings = () =>
  sandbox.data.satisfactionRatings.filter((r) => r.score === 'good' || r.score === 'bad');

// biome-ignore lint/suspicious/noExplicitAny: answers checked field by field below.
type Json = any;

describe('GET /api/v2/guide/survey_responses (the current CSAT)', () => {
  it('serves the documented shape: typed answers, subjects, survey; each answered ticket once', async () => {
    const seen: Json[] = [];
    let path = '/api/v2/guide/survey_responses?page[size]=20';
    for (;;) {
      const page = await api.get(path);
      expect(page.status).toBe(200);
      seen.push(...page.body.survey_responses);
      expect(Object.keys(page.body.meta).sort()).toEqual(['after_cursor', 'before_cursor', 'has_more']);
      if (!page.body.meta.has_more) break;
      path = zendeskPathOf(page.body.links.next);
    }
    expect(seen.map((r) => r.subjects[0].id).sort()).toEqual(
      answeredRatings()
        .map((r) => String(r.ticket_id))
        .sort(),
    );
    const first = seen[0];
    // The keys of the reference's example ("Show Survey Response").
    expect(Object.keys(first).sort()).toEqual([
      'answers',
      'expires_at',
      'id',
      'responder_id',
      'subject_zrns',
      'subjects',
      'survey',
    ]);
    expect(first.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first.subject_zrns).toEqual([`zen:ticket:${first.subjects[0].id}`]);
    expect(first.subjects[0]).toEqual({
      id: first.subjects[0].id,
      type: 'ticket',
      zrn: first.subject_zrns[0],
    });
    expect(first.survey).toMatchObject({ state: 'enabled', version: expect.any(Number) });
    for (const r of seen) {
      const rating = r.answers.find((a: Json) => a.type === 'rating_scale');
      const legacy = answeredRatings().find((x) => String(x.ticket_id) === r.subjects[0].id)!;
      // The mirror Zendesk keeps on the legacy endpoint: 4-5 good, 1-3 bad (3 neutral).
      expect(rating.rating >= 4 ? 'good' : 'bad').toBe(legacy.score);
      expect(rating.rating_category).toBe(
        rating.rating >= 4 ? 'good' : rating.rating === 3 ? 'neutral' : 'bad',
      );
      expect(rating.question.sub_type).toBe('customer_satisfaction');
      expect(rating.updated_at).toBe(new Date(Date.parse(legacy.updated_at)).toISOString());
      const comment = r.answers.find((a: Json) => a.question.alias === 'comment');
      expect(comment.type).toBe(legacy.comment ? 'open_ended' : 'skipped');
      if (legacy.comment) expect(comment.value).toBe(legacy.comment);
      const reason = r.answers.find((a: Json) => a.type === 'closed_ended');
      if (legacy.reason) {
        expect(reason.question.alias).toBe('reason');
        const option = reason.question.options.find((o: Json) => o.id === reason.selections[0].option_id);
        expect(option.label.value).toBe(legacy.reason);
      } else expect(reason).toBeUndefined();
    }
    const categories = new Set(seen.map((r) => r.answers[0].rating_category));
    expect(categories).toEqual(new Set(['good', 'neutral', 'bad']));
  });

  it('filters by creation (epoch milliseconds), subject and responder; one response by id', async () => {
    const all = (await api.get('/api/v2/guide/survey_responses?page[size]=100')).body
      .survey_responses as Json[];
    const middle = Date.parse(all[Math.floor(all.length / 2)].answers[0].created_at);
    const late = await api.get(`/api/v2/guide/survey_responses?filter[created_at_start]=${middle}`);
    expect(late.body.survey_responses.length).toBeGreaterThan(0);
    expect(late.body.survey_responses.every((r: Json) => Date.parse(r.answers[0].created_at) >= middle)).toBe(
      true,
    );
    const one = all[3];
    const bySubject = await api.get(
      `/api/v2/guide/survey_responses?filter[subject_zrns]=${encodeURIComponent(one.subject_zrns[0])}`,
    );
    expect(bySubject.body.survey_responses.map((r: Json) => r.id)).toEqual([one.id]);
    const byResponder = await api.get(
      `/api/v2/guide/survey_responses?filter[responder_ids]=${one.responder_id}`,
    );
    expect(byResponder.body.survey_responses.map((r: Json) => r.id)).toContain(one.id);
    const shown = await api.get(`/api/v2/guide/en-us/survey_responses/${one.id}`);
    expect(shown.body).toEqual({ survey_response: one });
    expect((await api.get('/api/v2/guide/en-us/survey_responses/01JNOPE')).status).toBe(404);
    expect((await api.get('/api/v2/guide/survey_responses?page[size]=101')).status).toBe(400);
    expect((await api.get('/api/v2/guide/survey_responses?filter[created_at_start]=yesterday')).status).toBe(
      400,
    );
  });

  it('answers a new 1-5 rating at once, mirrored on the legacy endpoint in both mode', async () => {
    const local = createSandbox({ seed: 3, companies: 10, rateLimits: false, zendeskCsat: 'both' });
    const localApi = client(local).zendesk;
    const ticket = local.data.tickets.find((t) => t.status === 'solved' && !t.satisfaction_rating)!;
    const answer = local.mutate.answerSurvey({ ticketId: ticket.id, rating: 3, comment: 'So-so' });
    expect(answer.answers[0]).toMatchObject({ type: 'rating_scale', rating: 3, rating_category: 'neutral' });
    const listed = await localApi.get(
      `/api/v2/guide/survey_responses?filter[subject_zrns]=zen:ticket:${ticket.id}`,
    );
    expect(listed.body.survey_responses).toEqual([answer]);
    const legacy = (await localApi.get('/api/v2/satisfaction_ratings?page[size]=100&score=bad')).body;
    expect(legacy.satisfaction_ratings.map((r: Json) => r.ticket_id)).toContain(ticket.id);
  });

  it('is refused (403) while the account runs the legacy CSAT, and the legacy endpoint while it runs only the current one', async () => {
    const local = createSandbox({ seed: 3, companies: 5, rateLimits: false });
    const localApi = client(local).zendesk;
    const refused = await localApi.get('/api/v2/guide/survey_responses');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('Forbidden');
    expect((await localApi.get('/api/v2/satisfaction_ratings')).status).toBe(200);
    local.setZendeskCsat('current');
    expect((await localApi.get('/api/v2/guide/survey_responses')).status).toBe(200);
    expect((await localApi.get('/api/v2/satisfaction_ratings')).status).toBe(403);
  });
});
