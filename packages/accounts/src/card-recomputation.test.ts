import {
  arr,
  ces,
  csatAcrossSources,
  daysSince,
  defaultHealthModel,
  fcr,
  healthScore,
  mrrAt,
  mrrChange,
  nps,
  responseTimes,
  ticketsPerMonth,
  withinWindow,
} from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import { anAccount } from '@csm/store/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountCard, type CardInputs } from './account-card.ts';

/**
 * Every figure a card shows is what `@csm/metrics` gives for the inputs the windows select: the card
 * is recomputed here straight from the facts with the metric functions and must match exactly.
 */

const now = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const instant = fc
  .integer({ min: -500, max: -1 })
  .map((days) => new Date(now.getTime() + days * DAY + 3600_000));
const status = fc.constantFrom('new', 'open', 'pending', 'hold', 'solved', 'closed') as fc.Arbitrary<
  AccountFacts['tickets'][number]['status']
>;

const factsArb = fc
  .record({
    nps: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), instant), { maxLength: 12 }),
    csat: fc.array(
      fc.tuple(
        fc.oneof(
          fc
            .constantFrom('good', 'bad')
            .map((rating) => ({ value: null, rating, scaleMin: null, scaleMax: null })),
          fc.integer({ min: 1, max: 5 }).map((value) => ({ value, rating: null, scaleMin: 1, scaleMax: 5 })),
          fc.integer({ min: 0, max: 2 }).map((value) => ({ value, rating: null, scaleMin: 0, scaleMax: 2 })),
        ),
        instant,
      ),
      { maxLength: 12 },
    ),
    ces: fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), instant), { maxLength: 6 }),
    tickets: fc.array(
      fc.record({
        status,
        urgent: fc.boolean(),
        replies: fc.option(fc.integer({ min: 0, max: 4 })),
        reopens: fc.integer({ min: 0, max: 2 }),
        firstReplyMinutes: fc.option(fc.integer({ min: 1, max: 5000 })),
        created: instant,
        solvedAfterDays: fc.integer({ min: 0, max: 40 }),
      }),
      { maxLength: 15 },
    ),
    subscriptions: fc.array(
      fc.record({
        mrr: fc.integer({ min: 1, max: 20_000 }),
        start: instant,
        months: fc.option(fc.integer({ min: 1, max: 24 })),
      }),
      { maxLength: 4 },
    ),
    notes: fc.option(instant),
  })
  .map(
    (g): AccountFacts =>
      anAccount('1', {
        npsScores: g.nps.map(([v]) => v),
        csatAnswers: g.csat.map(([a]) => ({ ...(a as AccountFacts['csatAnswers'][number]), source: 'test' })),
        cesScores: g.ces.map(([v]) => v),
        answeredAt: {
          nps: g.nps.map(([, d]) => d),
          csat: g.csat.map(([, d]) => d),
          ces: g.ces.map(([, d]) => d),
        },
        tickets: g.tickets.map((t) => {
          const solved = t.status === 'solved' || t.status === 'closed';
          return {
            source: 'zendesk' as const,
            status: t.status,
            priority: t.urgent ? ('urgent' as const) : ('normal' as const),
            replies: t.replies,
            reopens: t.replies === null ? null : t.reopens,
            firstReplyMinutes: t.firstReplyMinutes,
            createdAt: t.created,
            solvedAt: solved
              ? new Date(Math.min(now.getTime() - 1, t.created.getTime() + t.solvedAfterDays * DAY))
              : null,
          };
        }),
        subscriptions: g.subscriptions.map((s, i) => ({
          dealId: String(i),
          mrr: s.mrr,
          start: s.start,
          end: s.months === null ? null : new Date(s.start.getTime() + s.months * 30 * DAY),
        })),
        notesLastContactedAt: g.notes,
      }),
  );

const windowsArb = fc.record({
  npsDays: fc.integer({ min: 1, max: 400 }),
  csatDays: fc.integer({ min: 1, max: 400 }),
  cesDays: fc.integer({ min: 1, max: 400 }),
  fcrDays: fc.integer({ min: 1, max: 400 }),
  firstReplyDays: fc.integer({ min: 1, max: 400 }),
});

const pick = <T>(values: T[], dates: Date[], days: number) =>
  values.filter((_, i) => withinWindow(dates[i]!, now, days));

describe('a card recomputed from its facts with @csm/metrics', () => {
  it('matches every figure the card shows', () => {
    fc.assert(
      fc.property(factsArb, windowsArb, (facts, windows) => {
        const inputs: CardInputs = { model: defaultHealthModel, windows, currency: 'EUR' };
        const card = accountCard(facts, now, inputs);
        const at = facts.answeredAt!;
        const n = nps(pick(facts.npsScores, at.nps, windows.npsDays));
        const c = csatAcrossSources(
          pick(facts.csatAnswers, at.csat, windows.csatDays).map(({ source: _s, ...a }) => a),
        );
        const e = ces(pick(facts.cesScores, at.ces, windows.cesDays));
        const solved = facts.tickets.filter(
          (t) => t.solvedAt && withinWindow(t.solvedAt, now, windows.fcrDays),
        );
        const f = fcr(
          solved.flatMap((t) =>
            t.replies === null || t.reopens === null
              ? []
              : [{ status: t.status, replies: t.replies, reopens: t.reopens }],
          ),
        );
        const r = responseTimes(
          facts.tickets.flatMap((t) =>
            t.firstReplyMinutes !== null && withinWindow(t.createdAt, now, windows.firstReplyDays)
              ? [t.firstReplyMinutes]
              : [],
          ),
        );
        const subs = facts.subscriptions.map(({ mrr, start, end }) => ({ mrr, start, end }));
        const mrr = mrrAt(subs, now);
        const open = facts.tickets.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
        const touches = [
          ...at.nps,
          ...at.csat,
          ...at.ces,
          ...(facts.notesLastContactedAt ? [facts.notesLastContactedAt] : []),
        ];
        const lastTouch = touches.length ? new Date(Math.max(...touches.map((d) => d.getTime()))) : null;
        const recent = facts.tickets.filter((t) => withinWindow(t.createdAt, now, 90)).length;
        const openUrgent = open.filter((t) => t.priority === 'urgent').length;
        const health = healthScore(
          {
            licenseUtilization: null,
            nps: n.score,
            csat: c.score,
            fcr: f.rate,
            ticketsPerMonth: facts.tickets.length ? ticketsPerMonth(recent, 90) : null,
            openUrgentTickets: facts.tickets.length ? openUrgent : null,
            mrrChange: mrrChange(subs, now, 90),
            daysSinceLastTouch: daysSince(lastTouch, now),
          },
          defaultHealthModel,
        );

        expect(card.nps).toMatchObject({
          score: n.score,
          responses: n.responses,
          promoters: n.promoters,
          detractors: n.detractors,
        });
        expect(card.csat).toMatchObject({
          score: c.score,
          responses: c.responses,
          positive: c.positive,
          good: c.good,
          bad: c.bad,
        });
        expect(card.ces).toMatchObject({ score: e.mean, easyShare: e.easyShare, responses: e.responses });
        expect(card.fcr).toMatchObject({
          rate: f.rate,
          firstContactResolved: f.firstContactResolved,
          solved: f.solved,
        });
        expect(card.firstReply).toMatchObject({
          medianMinutes: r.median,
          p90Minutes: r.p90,
          tickets: r.count,
        });
        expect(card.revenue.mrr).toBe(mrr);
        expect(card.revenue.arr).toBe(mrr === null ? null : arr(mrr));
        expect(card.tickets.open).toBe(open.length);
        expect(card.tickets.openUrgent).toBe(openUrgent);
        expect(card.lastTouch.daysSince).toBe(daysSince(lastTouch, now));
        expect(card.health.score).toBe(health.score);
        expect(card.health.band).toBe(health.band);
        expect(card.account.health).toEqual({ score: health.score, band: health.band });
        expect(card.account.nps).toEqual({ score: n.score, responses: n.responses });
        expect(card.account.csat).toEqual({ score: c.score, responses: c.responses });
      }),
      { numRuns: 150 },
    );
  });
});
