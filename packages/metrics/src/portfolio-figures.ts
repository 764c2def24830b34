import { z } from 'zod';
import { renewalRate, ticketsPerAccount } from './account-ratios.ts';
import { csatSourceAnswerSchema, tallyCsat } from './csat-across-sources.ts';
import { fcr, ticketStatusSchema } from './fcr.ts';
import { instantSchema, MS_PER_DAY } from './iso-instant.ts';
import {
  type MrrTotals,
  movementsBetween,
  mrrMovementsResultSchema,
  subscriptionSchema,
} from './mrr-movements.ts';
import { nps } from './nps.ts';
import { npsScoreSchema } from './nps-category.ts';
import { parseInput } from './parse-input.ts';
import { type ReportingPeriod, reportingPeriodBounds, reportingPeriodSchema } from './reporting-period.ts';
import { responseTimes } from './response-times.ts';
import { churnRate, grr, nrr, quickRatio, revenueChurnRate } from './revenue-retention.ts';
import { arpu, arr } from './unit-economics.ts';

const accountId = z.string().min(1);
const count = z.number().int().min(0);

export const portfolioTicketSchema = z.strictObject({
  accountId,
  status: ticketStatusSchema,
  /** Public agent replies; null without a metric set. */
  replies: count.nullable(),
  /** Solved -> open transitions; null without a metric set. */
  reopens: count.nullable(),
  createdAt: instantSchema,
  solvedAt: instantSchema.nullable(),
  /** Minutes to the first public agent reply; null when not replied yet or unknown. */
  firstReplyMinutes: z.number().min(0).nullable(),
});

export const portfolioInputSchema = z.strictObject({
  /** Every account's subscriptions (closed-won deals). */
  subscriptions: z.array(subscriptionSchema),
  /** NPS answers with their account and time. */
  npsAnswers: z.array(z.strictObject({ accountId, score: npsScoreSchema, at: instantSchema })),
  /** CSAT answers from any source (see csatAcrossSources) with their account and time. */
  csatAnswers: z.array(csatSourceAnswerSchema.extend({ accountId, at: instantSchema })),
  tickets: z.array(portfolioTicketSchema),
  /** Accounts in the portfolio (companies), for tickets per account. */
  accounts: count,
});
export type PortfolioInput = z.input<typeof portfolioInputSchema>;

const rate = z.number().nullable();
export const portfolioFiguresSchema = z.object({
  period: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  /** MRR at the period's end (just before its end instant); null without subscriptions. */
  mrr: z.number().min(0).nullable(),
  arr: z.number().min(0).nullable(),
  nrr: rate,
  grr: rate,
  customerChurnRate: rate,
  revenueChurnRate: rate,
  quickRatio: rate,
  renewalRate: rate,
  arpu: rate,
  nps: z.object({ score: rate, responses: count }),
  csat: z.object({ score: rate, responses: count }),
  fcr: z.object({ rate, firstContactResolved: count, solved: count }),
  firstReply: z.object({ medianMinutes: rate, p90Minutes: rate, tickets: count }),
  ticketsPerAccount: rate,
  movements: mrrMovementsResultSchema.shape.totals,
});
export type PortfolioFigures = z.infer<typeof portfolioFiguresSchema>;

type ParsedSub = z.output<typeof subscriptionSchema>;

/**
 * Renewals of the period: subscriptions whose end falls in [start, end) came up for renewal; one is
 * renewed when the same account has a later subscription (starting after it started) that starts
 * at or before its end + 1 day and runs past its end (ongoing, or ending later): the contract
 * continues with at most a day's gap. A subscription that ran alongside it from the start is not
 * its renewal (an add-on that lapses is a contraction, not a renewal).
 */
function renewals(subs: readonly ParsedSub[], start: number, end: number) {
  const byAccount = new Map<string, ParsedSub[]>();
  for (const s of subs) {
    const list = byAccount.get(s.accountId);
    if (list) list.push(s);
    else byAccount.set(s.accountId, [s]);
  }
  let upForRenewal = 0;
  let renewed = 0;
  for (const list of byAccount.values()) {
    for (const s of list) {
      if (s.end == null || s.end < start || s.end >= end) continue;
      const ended = s.end;
      upForRenewal++;
      const next = list.some(
        (o) => o.start > s.start && o.start <= ended + MS_PER_DAY && (o.end == null || o.end > ended),
      );
      if (next) renewed++;
    }
  }
  return { upForRenewal, renewed };
}

/**
 * The portfolio's figures for one UTC month or quarter (half-open bounds), from the same metric
 * functions as an account's card. Revenue: the MRR bridge over the period ({@link mrrMovements}'s
 * convention: MRR at the start is the MRR just before the period's first instant) gives MRR (at the
 * end), ARR, NRR, GRR, revenue churn, quick ratio and the movements; customer churn = accounts that
 * churned / accounts with MRR at the start; ARPU = MRR / accounts with MRR at the end; renewal rate
 * as {@link renewals} counts them. Answers count when given inside the period; FCR counts tickets
 * solved inside it (by `solvedAt`), first reply and tickets per account tickets created inside it;
 * deleted tickets count nowhere. Empty inputs give null figures (and 0 counts), never NaN.
 *
 * @example
 * portfolioFigures(
 *   { subscriptions: [{ accountId: 'a', mrr: 100, start: '2024-01-01', end: null }],
 *     npsAnswers: [], csatAnswers: [], tickets: [], accounts: 1 },
 *   { month: '2024-04' },
 * ).mrr; // 100
 */
export function portfolioFigures(input: PortfolioInput, period: ReportingPeriod): PortfolioFigures {
  const v = parseInput(portfolioInputSchema, input, '');
  const bounds = reportingPeriodBounds(parseInput(reportingPeriodSchema, period, 'period'));
  const inside = (t: number) => t >= bounds.start && t < bounds.end;

  const bridge = movementsBetween(v.subscriptions, bounds.start, bounds.end);
  const t = bridge.totals;
  const hasRevenue = v.subscriptions.length > 0;
  const mrr = hasRevenue ? t.endMrr : null;
  const payingAtEnd = bridge.accounts.filter((a) => a.endMrr > 0).length;
  const payingAtStart = bridge.accounts.filter((a) => a.startMrr > 0).length;
  const churned = bridge.accounts.filter((a) => a.movement === 'churn').length;
  const { upForRenewal, renewed } = renewals(v.subscriptions, bounds.start, bounds.end);

  const npsResult = nps(v.npsAnswers.filter((a) => inside(a.at)).map((a) => a.score));
  const csatResult = tallyCsat(
    v.csatAnswers.flatMap(({ accountId: _a, at, ...answer }, i) =>
      inside(at) ? [{ answer, field: `csatAnswers[${i}]` }] : [],
    ),
  );
  const counted = v.tickets.filter((k) => k.status !== 'deleted');
  const fcrResult = fcr(
    counted.flatMap((k) =>
      k.solvedAt !== null && inside(k.solvedAt) && k.replies !== null && k.reopens !== null
        ? [{ status: k.status, replies: k.replies, reopens: k.reopens }]
        : [],
    ),
  );
  const created = counted.filter((k) => inside(k.createdAt));
  const times = responseTimes(
    created.flatMap((k) => (k.firstReplyMinutes === null ? [] : [k.firstReplyMinutes])),
  );

  const movements: MrrTotals = { ...t };
  return {
    period: {
      start: new Date(bounds.start).toISOString(),
      end: new Date(bounds.end).toISOString(),
      label: bounds.label,
    },
    mrr,
    arr: mrr === null ? null : arr(mrr),
    nrr: nrr({ startMrr: t.startMrr, expansion: t.expansion, contraction: t.contraction, churn: t.churn }),
    grr: grr({ startMrr: t.startMrr, contraction: t.contraction, churn: t.churn }),
    customerChurnRate: churnRate({ atStart: payingAtStart, lost: churned }),
    revenueChurnRate: revenueChurnRate({ startMrr: t.startMrr, contraction: t.contraction, churn: t.churn }),
    quickRatio: quickRatio({
      new: t.new,
      expansion: t.expansion,
      reactivation: t.reactivation,
      contraction: t.contraction,
      churn: t.churn,
    }),
    renewalRate: renewalRate({ renewed, upForRenewal }),
    arpu: mrr === null ? null : arpu({ revenue: mrr, customers: payingAtEnd }),
    nps: { score: npsResult.score, responses: npsResult.responses },
    csat: { score: csatResult.score, responses: csatResult.responses },
    fcr: fcrResult,
    firstReply: { medianMinutes: times.median, p90Minutes: times.p90, tickets: times.count },
    ticketsPerAccount: ticketsPerAccount({ tickets: created.length, accounts: v.accounts }),
    movements,
  };
}
