import { defaultHealthModel } from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import { anAccount } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { accountCard, type CardInputs, factsAt, reportOf } from './account-card.ts';
import { accountFigures } from './account-figures.ts';
import { defaultWindows } from './windows.ts';

const inputs: CardInputs = { model: defaultHealthModel, windows: defaultWindows, currency: 'USD' };

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const now = d('2026-06-15');

const facts = (over: Partial<AccountFacts> = {}) => anAccount('7', over);

const ticket = (over: Partial<AccountFacts['tickets'][number]>): AccountFacts['tickets'][number] => ({
  source: 'zendesk',
  status: 'solved',
  priority: 'normal',
  replies: 1,
  reopens: 0,
  firstReplyMinutes: 30,
  createdAt: d('2026-06-01'),
  solvedAt: d('2026-06-02'),
  ...over,
});

describe('accountCard', () => {
  const rich = facts({
    // NPS: two detractors answered within the last 30 days, a promoter before.
    npsScores: [10, 3, 4],
    answeredAt: {
      nps: [d('2026-04-01'), d('2026-06-01'), d('2026-06-10')],
      csat: [d('2026-06-05'), d('2026-06-06')],
      ces: [d('2026-06-07')],
    },
    csatAnswers: [
      { value: null, rating: 'good', scaleMin: null, scaleMax: null, source: 'zendesk' },
      { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' },
    ],
    cesScores: [6],
    tickets: [
      ticket({ firstReplyMinutes: 10 }),
      ticket({ replies: 3, firstReplyMinutes: 50 }),
      ticket({
        status: 'open',
        priority: 'urgent',
        solvedAt: null,
        replies: 0,
        firstReplyMinutes: null,
        createdAt: d('2026-06-12'),
      }),
    ],
    subscriptions: [
      { dealId: 'a', mrr: 1000, start: d('2025-01-01'), end: d('2026-09-01') },
      { dealId: 'b', mrr: 500, start: d('2026-06-05'), end: null },
    ],
    notesLastContactedAt: d('2026-06-12'),
  });

  it('holds the csm report element unchanged', () => {
    expect(accountCard(rich, now, inputs).account).toEqual(
      reportOf(rich, accountFigures(rich, now, inputs), inputs),
    );
  });

  it('names the owner, keeps an owner not yet read by its id, and says when there is none', () => {
    const ada = { id: '900', name: 'Ada Lovelace', email: 'ada@acme.test' };
    expect(accountCard({ ...rich, ownerId: '900', owner: ada }, now, inputs).owner).toEqual(ada);
    expect(accountCard({ ...rich, ownerId: '901' }, now, inputs).owner).toEqual({
      id: '901',
      name: null,
      email: null,
    });
    expect(accountCard({ ...rich, ownerId: null, owner: null }, now, inputs).owner).toBeNull();
  });

  it('explains the score: contributions sum to it, and the biggest lever has the largest gain', () => {
    const card = accountCard(rich, now, inputs);
    const sum = card.health.components.reduce((n, c) => n + c.contribution, 0);
    expect(sum).toBeCloseTo(card.health.score!, 9);
    for (const c of card.health.components) expect(c.gain).toBeCloseTo((100 - c.score) * c.weight, 9);
    const best = [...card.health.components].sort((a, b) => b.gain - a.gain)[0]!;
    expect(card.health.biggestLever).toBe(best.key);
    expect(card.health.missing).toContain('licenseUtilization');
  });

  it('counts the survey, support and revenue figures', () => {
    const card = accountCard(rich, now, inputs);
    // NPS: 1 promoter, 2 detractors of 3 -> (1 - 2) / 3 = -33.3
    expect(card.nps).toMatchObject({ promoters: 1, passives: 0, detractors: 2, responses: 3 });
    expect(card.nps.score).toBeCloseTo(-100 / 3, 9);
    expect(card.nps.benchmark).toEqual({ value: 41, position: 'below' });
    expect(card.csat).toEqual({
      score: 50,
      responses: 2,
      positive: 1,
      good: 1,
      bad: 1,
      windowDays: 90,
      lowConfidence: true,
    });
    expect(card.ces).toMatchObject({ score: 6, responses: 1 });
    // Solved with replies: 2; one-touch: 1.
    expect(card.fcr).toEqual({
      rate: 50,
      firstContactResolved: 1,
      solved: 2,
      windowDays: 90,
      lowConfidence: true,
    });
    expect(card.firstReply).toEqual({ medianMinutes: 30, p90Minutes: 46, tickets: 2, windowDays: 90 });
    expect(card.tickets).toEqual({ total: 3, open: 1, urgent: 1, openUrgent: 1, last30Days: 3 });
    // 1000 from the start of June, 500 more from June 5: an expansion of 500.
    expect(card.revenue).toMatchObject({
      mrr: 1500,
      arr: 18000,
      month: '2026-06',
      movement: 'expansion',
      change: 500,
    });
    expect(card.revenue.renewalDate).toBe('2026-09-01T00:00:00.000Z');
    expect(card.revenue.daysToRenewal).toBe(78);
    expect(card.revenue.tier).toBe('mid-market');
  });

  it('reconstructs 30 days ago from dated facts when no snapshot exists, and names what moved', () => {
    const card = accountCard(rich, now, inputs);
    const trend = card.health.trend!;
    expect(trend).toMatchObject({ since: '2026-05-16', basis: 'reconstructed' });
    // Then: only the promoter had answered (NPS 100); now NPS is -33: NPS moved the score down.
    const nps = trend.movers.find((m) => m.key === 'nps')!;
    expect(nps.delta).toBeLessThan(0);
    expect(trend.delta).toBeCloseTo(card.health.score! - trend.scoreThen!, 9);
    expect(Math.abs(trend.movers[0]!.delta)).toBeGreaterThanOrEqual(Math.abs(trend.movers.at(-1)!.delta));
  });

  it('compares with a stored snapshot when there is one', () => {
    const card = accountCard(rich, now, {
      ...inputs,
      earlier: {
        day: '2026-05-16',
        score: 90,
        basis: 'snapshot',
        components: [{ key: 'nps', value: 100, score: 100, weight: 1, contribution: 90 }],
      },
    });
    expect(card.health.trend).toMatchObject({ basis: 'snapshot', scoreThen: 90, direction: 'down' });
    expect(card.health.trend!.delta).toBeCloseTo(card.health.score! - 90, 9);
  });

  it('is all nulls and zeros, not NaN, for an account without data', () => {
    const card = accountCard(facts(), now, inputs);
    expect(card.health).toMatchObject({ score: null, band: null, biggestLever: null });
    expect(card.health.trend).toMatchObject({ scoreThen: null, delta: null, direction: null });
    expect(card.nps.benchmark).toBeNull();
    expect(card.revenue).toMatchObject({ mrr: null, arr: null, movement: null, change: null, tier: null });
    expect(JSON.stringify(card)).not.toContain('NaN');
  });
});

describe('factsAt', () => {
  it('keeps what existed then: earlier answers, created tickets (open if solved later), started deals', () => {
    const f = factsAt(
      facts({
        npsScores: [9, 2],
        answeredAt: { nps: [d('2026-01-01'), d('2026-03-01')], csat: [], ces: [] },
        tickets: [
          ticket({ createdAt: d('2026-01-10'), solvedAt: d('2026-02-20') }),
          ticket({ createdAt: d('2026-03-05') }),
        ],
        subscriptions: [{ dealId: 'x', mrr: 10, start: d('2026-03-01'), end: null }],
      }),
      d('2026-02-15'),
    );
    expect(f.npsScores).toEqual([9]);
    expect(f.tickets).toHaveLength(1);
    expect(f.tickets[0]).toMatchObject({ status: 'open', solvedAt: null, replies: null });
    expect(f.subscriptions).toEqual([]);
    expect(f.answeredAt?.nps).toEqual([d('2026-01-01')]);
  });
});
