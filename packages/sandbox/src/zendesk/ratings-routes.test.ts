import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client, zendeskPathOf } from '../test-utils/client.ts';

const sandbox = createSandbox({ seed: 12, companies: 80, rateLimits: false });
const api = client(sandbox).zendesk;

describe('GET /api/v2/satisfaction_ratings', () => {
  it('pages with page[after] until has_more is false, each rating once, oldest first', async () => {
    const seen: { id: number; created_at: string }[] = [];
    let path = '/api/v2/satisfaction_ratings?page[size]=25';
    for (;;) {
      const page = await api.get(path);
      expect(page.status).toBe(200);
      seen.push(...page.body.satisfaction_ratings);
      if (!page.body.meta.has_more) {
        expect(page.body.links.next).toBeNull();
        break;
      }
      expect(page.body.satisfaction_ratings).toHaveLength(25);
      path = zendeskPathOf(page.body.links.next);
    }
    expect(seen.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      sandbox.data.satisfactionRatings.map((r) => r.id),
    );
    const created = seen.map((r) => Date.parse(r.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('filters by created_at with start_time / end_time and by score', async () => {
    const all = sandbox.data.satisfactionRatings;
    const middle = Date.parse(all[Math.floor(all.length / 2)]!.created_at) / 1000;
    const late = await api.get(`/api/v2/satisfaction_ratings?start_time=${middle}&page[size]=100`);
    const expectedLate = all.filter((r) => Date.parse(r.created_at) / 1000 >= middle);
    expect(late.body.satisfaction_ratings.length).toBe(Math.min(100, expectedLate.length));
    const early = await api.get(`/api/v2/satisfaction_ratings?end_time=${middle - 1}&page[size]=100`);
    expect(
      early.body.satisfaction_ratings.every(
        (r: { created_at: string }) => Date.parse(r.created_at) / 1000 < middle,
      ),
    ).toBe(true);
    const bad = await api.get('/api/v2/satisfaction_ratings.json?score=bad&page[size]=100');
    expect(bad.body.satisfaction_ratings.every((r: { score: string }) => r.score === 'bad')).toBe(true);
    const received = await api.get('/api/v2/satisfaction_ratings?score=received&page[size]=100');
    expect(new Set(received.body.satisfaction_ratings.map((r: { score: string }) => r.score))).toEqual(
      new Set(['good', 'bad']),
    );
  });

  it('refuses a page size over 100', async () => {
    const answer = await api.get('/api/v2/satisfaction_ratings?page[size]=101');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('InvalidValue');
  });
});
