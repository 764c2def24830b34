import type { AccountFacts } from '@csm/store';
import { anAccount } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { accountReport, combinedCsat, mrrAt } from './account-report.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const now = d('2026-06-15');

const facts = (over: Partial<AccountFacts> = {}) => anAccount('1', over);

describe('combinedCsat', () => {
  it('counts every source on its own scale', () => {
    // Zendesk: good, bad -> 1 of 2; HubSpot 0-2: 2, 1 -> 1 of 2; a 1-5 tool: 4, 3 -> 1 of 2. 3 of 6 = 50%.
    const r = combinedCsat([
      { value: null, rating: 'good', scaleMin: null, scaleMax: null, source: 'zendesk' },
      { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' },
      { value: 2, rating: null, scaleMin: 0, scaleMax: 2, source: 'hubspot' },
      { value: 1, rating: null, scaleMin: 0, scaleMax: 2, source: 'hubspot' },
      { value: 4, rating: null, scaleMin: 1, scaleMax: 5, source: 'ingest' },
      { value: 3, rating: null, scaleMin: 1, scaleMax: 5, source: 'ingest' },
    ]);
    expect(r).toEqual({ score: 50, responses: 6 });
  });

  it('is null without answers', () => {
    expect(combinedCsat([])).toEqual({ score: null, responses: 0 });
  });
});

describe('mrrAt', () => {
  it('sums subscriptions active on [start, end)', () => {
    const subs = [
      { dealId: 'a', mrr: 100, start: d('2026-01-01'), end: null },
      { dealId: 'b', mrr: 50, start: d('2026-01-01'), end: d('2026-06-15') }, // ends at `now`: not active
      { dealId: 'c', mrr: 25, start: d('2026-06-15'), end: null }, // starts at `now`: active
    ];
    expect(mrrAt(subs, now)).toBe(125);
  });
});

describe('accountReport', () => {
  it('computes the contract fields from the facts', () => {
    const report = accountReport(
      facts({
        npsScores: [10, 9, 7, 3], // (2 - 1) / 4 = 25
        csatAnswers: [{ value: null, rating: 'good', scaleMin: null, scaleMax: null, source: 'zendesk' }],
        tickets: [
          {
            source: 'zendesk',
            status: 'solved',
            priority: 'normal',
            replies: 1,
            reopens: 0,
            firstReplyMinutes: 5,
            createdAt: d('2026-06-01'),
            solvedAt: d('2026-06-02'),
          },
          {
            source: 'zendesk',
            status: 'closed',
            priority: 'normal',
            replies: 3,
            reopens: 1,
            firstReplyMinutes: 9,
            createdAt: d('2026-05-01'),
            solvedAt: d('2026-05-03'),
          },
          {
            source: 'zendesk',
            status: 'open',
            priority: 'urgent',
            replies: 0,
            reopens: 0,
            firstReplyMinutes: null,
            createdAt: d('2026-06-10'),
            solvedAt: null,
          },
          {
            source: 'hubspot',
            status: 'new',
            priority: null,
            replies: null,
            reopens: null,
            firstReplyMinutes: null,
            createdAt: d('2026-06-11'),
            solvedAt: null,
          },
        ],
        subscriptions: [{ dealId: 'x', mrr: 200, start: d('2025-01-01'), end: null }],
        lastTouchAt: d('2026-06-11'),
      }),
      now,
    );
    expect(report).toMatchObject({
      hubspotCompanyId: '1',
      nps: { score: 25, responses: 4 },
      csat: { score: 100, responses: 1 },
      fcr: { rate: 50, firstContactResolved: 1, solved: 2 },
      mrr: 200,
      arr: 2400,
      openTickets: 2,
    });
    expect(report.health.score).toBeGreaterThan(0);
    expect(['green', 'yellow', 'red']).toContain(report.health.band);
  });

  it('gives null figures, not zeros, where there is no data', () => {
    const report = accountReport(facts(), now);
    expect(report).toEqual({
      hubspotCompanyId: '1',
      name: 'Acme',
      domain: 'acme.com',
      health: { score: null, band: null },
      nps: { score: null, responses: 0 },
      csat: { score: null, responses: 0 },
      fcr: { rate: null, firstContactResolved: 0, solved: 0 },
      mrr: null,
      arr: null,
      openTickets: 0,
    });
  });
});
