import {
  benchmarks,
  compareToBenchmark,
  type HealthComponent,
  healthLevers,
  healthTrend,
  monthToDate,
  revenueTier,
} from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import {
  type AccountFigures,
  accountFigures,
  type FigureInputs,
  subscriptionsOf,
} from './account-figures.ts';
import type { AccountCard } from './contract/card.ts';
import { type AccountReport, isLowConfidence } from './contract/report.ts';

const DAY_MS = 86_400_000;
/** The trend compares with this many days ago. */
export const TREND_DAYS = 30;
/** Changes within this many points read as flat on a card. */
const FLAT_WITHIN = 2;

/** The health of an account on an earlier day, as a stored snapshot holds it. */
export interface EarlierHealth {
  day: string;
  score: number | null;
  components: readonly HealthComponent[];
  basis: 'snapshot' | 'reconstructed';
}

export interface CardInputs extends FigureInputs {
  /** ISO 4217 code of the portal's company currency. */
  currency: string | null;
  /** Health on the day {@link TREND_DAYS} ago from a stored snapshot; else reconstructed from dated facts. */
  earlier?: EarlierHealth | null;
}

/** 'YYYY-MM-DD' of an instant, in UTC. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The facts as they stood at `at`: answers given, tickets created and deals closed before it; a
 * ticket solved later counts as open then. Reply counts are today's (the store keeps no history
 * of them), so the reconstruction is an estimate, labelled as such on the card.
 */
export function factsAt(facts: AccountFacts, at: Date): AccountFacts {
  const t = at.getTime();
  const answered = facts.answeredAt;
  const keep = <T>(values: T[], dates: Date[] | undefined) =>
    dates ? values.filter((_, i) => (dates[i]?.getTime() ?? t) < t) : values;
  const tickets = facts.tickets
    .filter((k) => k.createdAt.getTime() < t)
    .map((k) =>
      k.solvedAt && k.solvedAt.getTime() < t
        ? k
        : // Object.assign: a spread followed by more members is slow on Node 20's V8.
          Object.assign({}, k, { status: 'open' as const, solvedAt: null, replies: null, reopens: null }),
    );
  const before = (dates: Date[]) => dates.filter((d) => d.getTime() < t);
  return {
    ...facts,
    npsScores: keep(facts.npsScores, answered?.nps),
    csatAnswers: keep(facts.csatAnswers, answered?.csat),
    cesScores: keep(facts.cesScores, answered?.ces),
    ...(answered
      ? { answeredAt: { nps: before(answered.nps), csat: before(answered.csat), ces: before(answered.ces) } }
      : {}),
    tickets,
    subscriptions: facts.subscriptions.filter((s) => s.start.getTime() < t),
    notesLastContactedAt:
      facts.notesLastContactedAt && facts.notesLastContactedAt.getTime() < t
        ? facts.notesLastContactedAt
        : null,
  };
}

/** The `csm report` element of one account's figures. */
export function reportOf(facts: AccountFacts, figures: AccountFigures, inputs: CardInputs): AccountReport {
  const low: AccountReport['lowConfidence'] = [];
  if (isLowConfidence(figures.nps.responses)) low.push('nps');
  if (isLowConfidence(figures.csat.responses)) low.push('csat');
  if (isLowConfidence(figures.ces.responses)) low.push('ces');
  if (isLowConfidence(figures.fcr.solved)) low.push('fcr');
  return {
    hubspotCompanyId: facts.hubspotCompanyId,
    name: facts.name,
    domain: facts.domain,
    health: { score: figures.health.score, band: figures.health.band },
    nps: { score: figures.nps.score, responses: figures.nps.responses },
    csat: { score: figures.csat.score, responses: figures.csat.responses },
    fcr: {
      rate: figures.fcr.rate,
      firstContactResolved: figures.fcr.firstContactResolved,
      solved: figures.fcr.solved,
    },
    mrr: figures.mrr,
    arr: figures.arr,
    openTickets: figures.openTickets,
    currency: inputs.currency,
    windows: {
      npsDays: inputs.windows.npsDays,
      csatDays: inputs.windows.csatDays,
      fcrDays: inputs.windows.fcrDays,
    },
    lowConfidence: low,
  };
}

function trendOf(
  figures: AccountFigures,
  earlier: EarlierHealth,
): NonNullable<AccountCard['health']['trend']> {
  const { delta, direction } = healthTrend(figures.health.score, earlier.score, { flatWithin: FLAT_WITHIN });
  const then = new Map(earlier.components.map((c) => [c.key, c.contribution]));
  const now = new Map(figures.health.components.map((c) => [c.key, c.contribution]));
  const keys = [...new Set([...then.keys(), ...now.keys()])];
  const movers = keys
    .map((key) => ({ key, delta: (now.get(key) ?? 0) - (then.get(key) ?? 0) }))
    .filter((m) => Math.abs(m.delta) > 1e-9)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  return { since: earlier.day, scoreThen: earlier.score, delta, direction, basis: earlier.basis, movers };
}

function revenueOf(facts: AccountFacts, figures: AccountFigures, now: Date, currency: string | null) {
  const subscriptions = subscriptionsOf(facts);
  const month = monthToDate(subscriptions, now);
  const t = now.getTime();
  const renewal = facts.subscriptions
    .filter((s) => s.end && s.end.getTime() > t && s.start.getTime() <= t)
    .map((s) => s.end as Date)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    mrr: figures.mrr,
    arr: figures.arr,
    currency,
    month: month.month,
    movement: facts.subscriptions.length ? month.movement : null,
    change: facts.subscriptions.length ? month.change : null,
    renewalDate: renewal ? renewal.toISOString() : null,
    daysToRenewal: renewal ? Math.ceil((renewal.getTime() - t) / DAY_MS) : null,
    tier: revenueTier(figures.mrr),
  };
}

/**
 * Everything a card shows of one account at `now`. The `account` part is the account's `csm
 * report` element; the rest explains it (components, what moved it, what would raise it).
 *
 * @example
 * const card = accountCard(facts, new Date(), { model, windows, currency: 'EUR', earlier: snapshot });
 * card.health.biggestLever; // e.g. 'csat'
 */
export function accountCard(facts: AccountFacts, now: Date, inputs: CardInputs): AccountCard {
  const figures = accountFigures(facts, now, inputs);
  const { components, biggestLever: lever } = healthLevers(figures.health);

  let earlier = inputs.earlier ?? null;
  if (!earlier) {
    const then = new Date(now.getTime() - TREND_DAYS * DAY_MS);
    const past = accountFigures(factsAt(facts, then), then, inputs);
    earlier = {
      day: dayOf(then),
      score: past.health.score,
      components: past.health.components,
      basis: 'reconstructed',
    };
  }
  const since30 = now.getTime() - TREND_DAYS * DAY_MS;
  const { windows } = inputs;

  return {
    account: reportOf(facts, figures, inputs),
    health: {
      score: figures.health.score,
      band: figures.health.band,
      components,
      missing: figures.health.missing,
      biggestLever: lever,
      trend: trendOf(figures, earlier),
    },
    nps: {
      score: figures.nps.score,
      responses: figures.nps.responses,
      promoters: figures.nps.promoters,
      passives: figures.nps.passives,
      detractors: figures.nps.detractors,
      benchmark:
        figures.nps.score === null
          ? null
          : { value: benchmarks.nps.low, position: compareToBenchmark('nps', figures.nps.score) },
      windowDays: windows.npsDays,
      lowConfidence: isLowConfidence(figures.nps.responses),
    },
    csat: {
      score: figures.csat.score,
      responses: figures.csat.responses,
      positive: figures.csat.positive,
      good: figures.csat.good,
      bad: figures.csat.bad,
      windowDays: windows.csatDays,
      lowConfidence: isLowConfidence(figures.csat.responses),
    },
    ces: {
      score: figures.ces.mean,
      easyShare: figures.ces.easyShare,
      responses: figures.ces.responses,
      windowDays: windows.cesDays,
      lowConfidence: isLowConfidence(figures.ces.responses),
    },
    fcr: {
      rate: figures.fcr.rate,
      firstContactResolved: figures.fcr.firstContactResolved,
      solved: figures.fcr.solved,
      windowDays: windows.fcrDays,
      lowConfidence: isLowConfidence(figures.fcr.solved),
    },
    firstReply: {
      medianMinutes: figures.firstReply.median,
      p90Minutes: figures.firstReply.p90,
      tickets: figures.firstReply.count,
      windowDays: windows.firstReplyDays,
    },
    revenue: revenueOf(facts, figures, now, inputs.currency),
    tickets: {
      total: facts.tickets.length,
      open: figures.openTickets,
      urgent: facts.tickets.filter((t) => t.priority === 'urgent').length,
      openUrgent: figures.openUrgentTickets,
      last30Days: facts.tickets.filter(
        (t) => t.createdAt.getTime() >= since30 && t.createdAt.getTime() < now.getTime(),
      ).length,
    },
    lastTouch: { at: figures.lastTouchAt?.toISOString() ?? null, daysSince: figures.daysSinceLastTouch },
    lastSurveyComments: facts.lastSurveyComments.map((c) =>
      Object.assign({}, c, { submittedAt: c.submittedAt.toISOString() }),
    ),
    owner: facts.owner ?? (facts.ownerId ? { id: facts.ownerId, name: null, email: null } : null),
    computedAt: now.toISOString(),
  };
}
