import { defaultHealthModel, type HealthModel } from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import { anAccount } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { reportOf } from './account-card.ts';
import { accountFigures, type FigureInputs, lastTouchOf } from './account-figures.ts';
import { defaultWindows } from './windows.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const now = d('2026-06-15');
const inputs: FigureInputs = { model: defaultHealthModel, windows: defaultWindows };
const cardInputs = { ...inputs, currency: 'EUR' };

const facts = (over: Partial<AccountFacts> = {}) => anAccount('1', over);
const ticket = (over: Partial<AccountFacts['tickets'][number]>): AccountFacts['tickets'][number] => ({
  source: 'zendesk',
  status: 'solved',
  priority: 'normal',
  replies: 1,
  reopens: 0,
  firstReplyMinutes: 5,
  createdAt: d('2026-06-01'),
  solvedAt: d('2026-06-02'),
  ...over,
});
const zendeskRating = (rating: 'good' | 'bad') =>
  ({ value: null, rating, scaleMin: null, scaleMax: null, source: 'zendesk' }) as const;

describe('accountFigures', () => {
  it('computes the contract fields from the facts', () => {
    const f = facts({
      npsScores: [10, 9, 7, 3], // (2 - 1) / 4 = 25
      csatAnswers: [zendeskRating('good')],
      answeredAt: { nps: Array(4).fill(d('2026-06-01')), csat: [d('2026-06-01')], ces: [] },
      tickets: [
        ticket({}),
        ticket({
          status: 'closed',
          replies: 3,
          reopens: 1,
          createdAt: d('2026-05-01'),
          solvedAt: d('2026-05-03'),
        }),
        ticket({
          status: 'open',
          priority: 'urgent',
          replies: 0,
          solvedAt: null,
          createdAt: d('2026-06-10'),
        }),
        ticket({
          source: 'hubspot',
          status: 'new',
          priority: null,
          replies: null,
          reopens: null,
          solvedAt: null,
        }),
      ],
      subscriptions: [{ dealId: 'x', mrr: 200, start: d('2025-01-01'), end: null }],
    });
    const report = reportOf(f, accountFigures(f, now, inputs), cardInputs);
    expect(report).toMatchObject({
      hubspotCompanyId: '1',
      nps: { score: 25, responses: 4 },
      csat: { score: 100, responses: 1 },
      fcr: { rate: 50, firstContactResolved: 1, solved: 2 },
      mrr: 200,
      arr: 2400,
      openTickets: 2,
      currency: 'EUR',
      windows: { npsDays: 365, csatDays: 90, fcrDays: 90 },
      lowConfidence: ['nps', 'csat', 'fcr'],
    });
    expect(['green', 'yellow', 'red']).toContain(report.health.band);
  });

  it('gives null figures, not zeros, where there is no data', () => {
    const f = facts();
    expect(reportOf(f, accountFigures(f, now, inputs), { ...cardInputs, currency: null })).toEqual({
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
      currency: null,
      windows: { npsDays: 365, csatDays: 90, fcrDays: 90 },
      lowConfidence: [],
    });
  });

  it('counts NPS over 365 days and CSAT / CES over 90 days, half-open at the window start', () => {
    const f = facts({
      npsScores: [0, 10, 10],
      cesScores: [2, 7],
      csatAnswers: [zendeskRating('bad'), zendeskRating('good'), zendeskRating('good')],
      answeredAt: {
        // 2025-06-15 is exactly 365 days before: inside; 2025-06-14 is outside.
        nps: [d('2025-06-14'), d('2025-06-15'), d('2026-06-01')],
        // 2026-03-17 is exactly 90 days before: inside.
        csat: [d('2026-03-16'), d('2026-03-17'), d('2026-06-14')],
        ces: [d('2026-01-01'), d('2026-06-01')],
      },
    });
    const figures = accountFigures(f, now, inputs);
    expect(figures.nps).toMatchObject({ score: 100, responses: 2 });
    expect(figures.csat).toMatchObject({ score: 100, responses: 2 });
    expect(figures.ces).toMatchObject({ mean: 7, responses: 1 });
  });

  it('counts FCR by solved time and first replies by creation time over their windows', () => {
    const f = facts({
      tickets: [
        ticket({ createdAt: d('2026-01-01'), solvedAt: d('2026-06-01'), firstReplyMinutes: 1000 }),
        ticket({
          replies: 2,
          createdAt: d('2026-01-01'),
          solvedAt: d('2026-01-05'),
          firstReplyMinutes: 2000,
        }),
        ticket({ createdAt: d('2026-06-01'), solvedAt: d('2026-06-02'), firstReplyMinutes: 10 }),
      ],
    });
    const short = accountFigures(f, now, {
      ...inputs,
      windows: { ...defaultWindows, fcrDays: 30, firstReplyDays: 30 },
    });
    expect(short.fcr).toMatchObject({ rate: 100, solved: 2 });
    expect(short.firstReply).toMatchObject({ median: 10, count: 1 });
    const long = accountFigures(f, now, {
      ...inputs,
      windows: { ...defaultWindows, fcrDays: 365, firstReplyDays: 365 },
    });
    expect(long.fcr).toMatchObject({ solved: 3, firstContactResolved: 2 });
    expect(long.firstReply.count).toBe(3);
  });

  it('uses only the signals a tenant model lists', () => {
    const model = {
      components: { nps: defaultHealthModel.components.nps },
      bands: { green: 70, yellow: 40 },
    } as HealthModel;
    const f = facts({
      npsScores: [10, 10, 10, 10, 0],
      csatAnswers: [zendeskRating('bad')],
      answeredAt: { nps: Array(5).fill(d('2026-06-01')), csat: [d('2026-06-01')], ces: [] },
      tickets: [ticket({})],
    });
    const figures = accountFigures(f, now, { ...inputs, model });
    expect(figures.health.components.map((c) => c.key)).toEqual(['nps']);
    // NPS 60 over -20..50 scores 100.
    expect(figures.health.score).toBe(100);
  });
});

describe('last touch', () => {
  it('is the later of notes_last_contacted and the latest survey answer; tickets are no touch', () => {
    const f = facts({
      npsScores: [9],
      answeredAt: { nps: [d('2026-05-01')], csat: [], ces: [] },
      notesLastContactedAt: d('2026-06-01'),
      tickets: [ticket({ createdAt: d('2026-06-14'), solvedAt: null, status: 'open' })],
    });
    expect(lastTouchOf(f)).toEqual(d('2026-06-01'));
    expect(lastTouchOf({ ...f, notesLastContactedAt: d('2026-04-01') })).toEqual(d('2026-05-01'));
    expect(
      lastTouchOf({
        ...f,
        notesLastContactedAt: null,
        npsScores: [],
        answeredAt: { nps: [], csat: [], ces: [] },
      }),
    ).toBeNull();
  });

  it('counts whole days, so the score does not move within a day', () => {
    const f = facts({ notesLastContactedAt: new Date('2026-06-01T10:00:00Z'), npsScores: [], tickets: [] });
    const morning = accountFigures(f, new Date('2026-06-15T09:00:00Z'), inputs);
    const evening = accountFigures(f, new Date('2026-06-15T09:59:59Z'), inputs);
    expect(morning.daysSinceLastTouch).toBe(13);
    expect(evening.daysSinceLastTouch).toBe(13);
    expect(morning.health.score).toBe(evening.health.score);
    expect(accountFigures(f, new Date('2026-06-15T10:00:00Z'), inputs).daysSinceLastTouch).toBe(14);
  });
});
