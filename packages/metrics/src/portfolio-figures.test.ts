import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrAt } from './mrr-at.ts';
import { mrrMovements } from './mrr-movements.ts';
import { type PortfolioInput, portfolioFigures } from './portfolio-figures.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

const ticket = (
  accountId: string,
  status: 'open' | 'solved' | 'closed' | 'deleted',
  replies: number | null,
  reopens: number | null,
  createdAt: string,
  solvedAt: string | null,
  firstReplyMinutes: number | null,
) => ({ accountId, status, replies, reopens, createdAt, solvedAt, firstReplyMinutes });

/** A portfolio whose April 2024 is worked out by hand in the comments. */
const input: PortfolioInput = {
  subscriptions: [
    { accountId: 'a', mrr: 100, start: '2023-01-01', end: null }, // flat 100
    { accountId: 'b', mrr: 200, start: '2023-06-01', end: '2024-04-15' }, // churn 200; up for renewal, not renewed
    { accountId: 'c', mrr: 300, start: '2023-04-01', end: '2024-04-01T00:00:00Z' }, // up for renewal ...
    { accountId: 'c', mrr: 330, start: '2024-04-01T00:00:00Z', end: null }, // ... renewed at 330: expansion 30
    { accountId: 'd', mrr: 50, start: '2024-04-10', end: null }, // new 50
    { accountId: 'e', mrr: 80, start: '2023-01-01', end: '2023-12-01' },
    { accountId: 'e', mrr: 60, start: '2024-04-20', end: null }, // reactivation 60
    { accountId: 'f', mrr: 400, start: '2023-01-01', end: null },
    { accountId: 'f', mrr: 100, start: '2023-01-01', end: '2024-04-30' }, // contraction 100; not renewed
  ],
  npsAnswers: [
    { accountId: 'a', score: 0, at: '2024-03-31T23:59:59.999Z' }, // March
    { accountId: 'a', score: 10, at: '2024-04-01T00:00:00Z' },
    { accountId: 'b', score: 9, at: '2024-04-02' },
    { accountId: 'c', score: 6, at: '2024-04-03' },
    { accountId: 'd', score: 8, at: '2024-04-30T23:59:59Z' },
    { accountId: 'd', score: 10, at: '2024-05-01T00:00:00Z' }, // May
  ],
  csatAnswers: [
    { accountId: 'a', value: null, rating: 'bad', scaleMin: null, scaleMax: null, at: '2024-03-15' }, // March
    { accountId: 'a', value: null, rating: 'good', scaleMin: null, scaleMax: null, at: '2024-04-02' },
    { accountId: 'b', value: null, rating: 'bad', scaleMin: null, scaleMax: null, at: '2024-04-02' },
    { accountId: 'c', value: 2, rating: null, scaleMin: 0, scaleMax: 2, at: '2024-04-03', source: 'hubspot' },
    { accountId: 'd', value: 4, rating: null, scaleMin: null, scaleMax: null, at: '2024-04-04' },
  ],
  tickets: [
    ticket('a', 'solved', 1, 0, '2024-03-28', '2024-04-02', 30), // FCR (solved in April); created in March
    ticket('b', 'closed', 2, 0, '2024-04-03', '2024-04-05', 60), // solved, not first contact
    ticket('c', 'solved', 0, 0, '2024-04-04', '2024-04-04', null), // no reply: not in FCR
    ticket('d', 'open', null, null, '2024-04-06', null, 10),
    ticket('d', 'deleted', 1, 0, '2024-04-07', '2024-04-08', 5), // counts nowhere
    ticket('e', 'solved', 1, 0, '2024-04-29', '2024-05-01T00:00:00Z', 120), // solved in May
    ticket('a', 'solved', 1, 0, '2024-04-10', '2024-04-11', 20), // FCR
  ],
  accounts: 10,
};

describe('portfolioFigures', () => {
  it('computes a month by hand', () => {
    expect(portfolioFigures(input, { month: '2024-04' })).toEqual({
      period: { start: '2024-04-01T00:00:00.000Z', end: '2024-05-01T00:00:00.000Z', label: '2024-04' },
      // start 100 + 200 + 300 + 500 = 1100; end 1100 + 50 + 30 + 60 - 100 - 200 = 940
      movements: {
        startMrr: 1100,
        endMrr: 940,
        new: 50,
        expansion: 30,
        contraction: 100,
        churn: 200,
        reactivation: 60,
      },
      mrr: 940,
      arr: 11_280,
      nrr: (830 * 100) / 1100, // (1100 + 30 - 100 - 200) / 1100
      grr: (800 * 100) / 1100, // (1100 - 100 - 200) / 1100
      customerChurnRate: 25, // b of a, b, c, f
      revenueChurnRate: (300 * 100) / 1100,
      quickRatio: 140 / 300, // (50 + 30 + 60) / (100 + 200)
      renewalRate: 100 / 3, // c renewed; b and f's add-on not
      arpu: 188, // 940 / a, c, d, e, f
      nps: { score: 25, responses: 4 }, // 10, 9 promoters; 6 detractor; 8 passive
      csat: { score: 75, responses: 4 }, // good, bad, HubSpot happy, 4 of 1-5
      fcr: { rate: 200 / 3, firstContactResolved: 2, solved: 3 },
      // created in April, not deleted, with a first reply: 60, 10, 120, 20 -> sorted 10 20 60 120
      // median (20 + 60) / 2 = 40; p90 rank 2.7 -> 60 + 0.7 x 60 = 102
      firstReply: { medianMinutes: 40, p90Minutes: 60 + 0.7 * 60, tickets: 4 },
      ticketsPerAccount: 0.5, // 5 tickets created in April (not deleted) / 10 accounts
    });
  });

  it('computes a quarter over the same data', () => {
    const q = portfolioFigures(input, { quarter: '2024-Q2' });
    expect(q.period).toEqual({
      start: '2024-04-01T00:00:00.000Z',
      end: '2024-07-01T00:00:00.000Z',
      label: '2024-Q2',
    });
    expect(q.mrr).toBe(940);
    expect(q.nps).toEqual({ score: 40, responses: 5 }); // May's 10 joins: (3 - 1) / 5
    expect(q.fcr).toEqual({ rate: 75, firstContactResolved: 3, solved: 4 }); // e's ticket solved 1 May
    expect(q.renewalRate).toBe(100 / 3);
  });

  it('gives nulls and zero counts for an empty portfolio, never NaN', () => {
    const empty = portfolioFigures(
      { subscriptions: [], npsAnswers: [], csatAnswers: [], tickets: [], accounts: 0 },
      { quarter: '2024-Q1' },
    );
    expect(empty).toEqual({
      period: { start: '2024-01-01T00:00:00.000Z', end: '2024-04-01T00:00:00.000Z', label: '2024-Q1' },
      movements: { startMrr: 0, endMrr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
      mrr: null,
      arr: null,
      nrr: null,
      grr: null,
      customerChurnRate: null,
      revenueChurnRate: null,
      quickRatio: null,
      renewalRate: null,
      arpu: null,
      nps: { score: null, responses: 0 },
      csat: { score: null, responses: 0 },
      fcr: { rate: null, firstContactResolved: 0, solved: 0 },
      firstReply: { medianMinutes: null, p90Minutes: null, tickets: 0 },
      ticketsPerAccount: null,
    });
  });

  it('renews a contract whose successor starts within a day of its end', () => {
    const figures = (nextStart: string) =>
      portfolioFigures(
        {
          subscriptions: [
            { accountId: 'a', mrr: 10, start: '2023-05-01', end: '2024-05-01' },
            { accountId: 'a', mrr: 10, start: nextStart, end: null },
          ],
          npsAnswers: [],
          csatAnswers: [],
          tickets: [],
          accounts: 1,
        },
        { month: '2024-05' },
      ).renewalRate;
    expect(figures('2024-04-20')).toBe(100); // closed before the end
    expect(figures('2024-05-02T00:00:00Z')).toBe(100); // end + 1 day
    expect(figures('2024-05-02T00:00:00.001Z')).toBe(0); // later: lapsed
  });

  it.each([
    [{ month: '2024-13' }, 'period.month'],
    [{ quarter: '2024-Q5' }, 'period.quarter'],
    [{ month: '2024-04', quarter: '2024-Q2' }, 'period'],
  ])('refuses the period %j', (period, field) => {
    expect(() => portfolioFigures(input, period as never)).toThrow(inputError(field));
  });

  it.each([
    [{ ...input, accounts: -1 }, 'accounts'],
    [{ ...input, extra: 1 }, 'extra'],
    [{ ...input, npsAnswers: [{ accountId: 'a', score: 11, at: '2024-04-01' }] }, 'npsAnswers[0].score'],
    [{ ...input, tickets: [{ ...input.tickets[0], priority: 'urgent' }] }, 'tickets[0].priority'],
    [
      { ...input, csatAnswers: [input.csatAnswers[0], { ...input.csatAnswers[1], value: 3 }] },
      'csatAnswers[1].value',
    ],
  ])('refuses bad input, naming the field (%#)', (bad, field) => {
    expect(() => portfolioFigures(bad as never, { month: '2024-04' })).toThrow(inputError(field));
  });
});

describe('portfolioFigures properties', () => {
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000);
  const subscription = fc.record({
    accountId: fc.constantFrom('a', 'b', 'c', 'd'),
    mrr: fc.integer({ min: 0, max: 10_000 }),
    start: fc.integer({ min: 0, max: 200 }),
    length: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  });
  const empty = { npsAnswers: [], csatAnswers: [], tickets: [], accounts: 4 };

  it('is the month bridge of mrrMovements, with MRR at the last instant and consistent ratios', () => {
    fc.assert(
      fc.property(fc.array(subscription, { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), (list, m) => {
        const subscriptions = list.map((s) => ({
          accountId: s.accountId,
          mrr: s.mrr,
          start: day(s.start),
          end: s.length === null ? null : day(s.start + s.length),
        }));
        const month = `2024-0${m}`;
        const f = portfolioFigures({ ...empty, subscriptions }, { month });
        expect(f.movements).toEqual(mrrMovements(subscriptions, month).totals);
        if (subscriptions.length === 0) {
          expect(f.mrr).toBeNull();
          return;
        }
        expect(f.mrr).toBe(mrrAt(subscriptions, new Date(Date.UTC(2024, m, 1) - 1)));
        expect(f.arr).toBe(f.mrr! * 12);
        const { startMrr, expansion, contraction, churn } = f.movements;
        if (startMrr === 0) expect([f.nrr, f.grr, f.revenueChurnRate]).toEqual([null, null, null]);
        else {
          expect(f.grr).toBeGreaterThanOrEqual(0);
          expect(f.grr).toBeLessThanOrEqual(100);
          expect(f.nrr! - f.grr!).toBeCloseTo((expansion * 100) / startMrr, 9);
          expect(f.revenueChurnRate! + f.grr!).toBeCloseTo(100, 9);
          expect(contraction + churn).toBeLessThanOrEqual(startMrr);
        }
        for (const v of Object.values(f).filter((x) => typeof x === 'number'))
          expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
