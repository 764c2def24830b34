import {
  benchmarks,
  ces,
  compareToBenchmark,
  type HealthComponent,
  type HealthModel,
  type HealthSignalKey,
  healthTrend,
  type MrrMovement,
  mrrMovements,
  responseTimes,
} from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import {
  type AccountFigures,
  type AccountReport,
  accountFigures,
  mrrAt,
  reportOf,
} from './account-report.ts';

const DAY_MS = 86_400_000;
/** The trend compares with this many days ago (a card's trend is against 30 days ago; docs/architecture.md). */
export const TREND_DAYS = 30;
/** Changes within this many points read as flat on a card. */
const FLAT_WITHIN = 2;
const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);

export interface CardComponent extends HealthComponent {
  /** Points the health score would gain if this component scored 100. */
  gain: number;
}

/** The health of an account on an earlier day, as a stored snapshot holds it. */
export interface EarlierHealth {
  day: string;
  score: number | null;
  components: readonly HealthComponent[];
  basis: 'snapshot' | 'reconstructed';
}

/** What a card shows of one account; stored per account after each sync (docs/card-api.md). */
export interface AccountCard {
  account: AccountReport;
  health: {
    score: number | null;
    band: AccountReport['health']['band'];
    components: CardComponent[];
    missing: HealthSignalKey[];
    biggestLever: HealthSignalKey | null;
    trend: {
      since: string;
      scoreThen: number | null;
      delta: number | null;
      direction: 'up' | 'down' | 'flat' | null;
      basis: 'snapshot' | 'reconstructed';
      movers: { key: HealthSignalKey; delta: number }[];
    } | null;
  };
  nps: {
    score: number | null;
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    benchmark: { value: number; position: 'above' | 'below' | 'within' } | null;
  };
  csat: { score: number | null; responses: number; good: number; bad: number };
  ces: { score: number | null; easyShare: number | null; responses: number };
  fcr: AccountReport['fcr'];
  firstReply: { medianMinutes: number | null; p90Minutes: number | null; tickets: number };
  revenue: {
    mrr: number | null;
    arr: number | null;
    month: string;
    movement: MrrMovement | null;
    change: number | null;
    renewalDate: string | null;
    daysToRenewal: number | null;
    tier: 'enterprise' | 'mid-market' | 'smb' | null;
  };
  tickets: { total: number; open: number; urgent: number; openUrgent: number; last30Days: number };
  lastSurveyComments: {
    source: string;
    surveyType: string;
    value: number | null;
    rating: string | null;
    comment: string;
    submittedAt: string;
  }[];
  computedAt: string;
}

export interface AccountCardOptions {
  model?: HealthModel;
  /** Health on the day {@link TREND_DAYS} ago from a stored snapshot; else it is reconstructed from dated facts. */
  earlier?: EarlierHealth | null;
  /** Active users / licensed seats x 100 from ingested usage. */
  licenseUtilization?: number | null;
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
  const before = (dates: Date[] | undefined, length: number) =>
    dates ? dates.filter((d) => d.getTime() < t).length : length;
  const answered = facts.answeredAt;
  const tickets = facts.tickets
    .filter((k) => k.createdAt.getTime() < t)
    .map((k) =>
      k.solvedAt && k.solvedAt.getTime() < t
        ? k
        : { ...k, status: 'open' as const, solvedAt: null, replies: null, reopens: null },
    );
  const touches = [
    ...tickets.map((k) => k.createdAt),
    ...(answered ? [...answered.nps, ...answered.csat, ...answered.ces].filter((d) => d.getTime() < t) : []),
  ];
  const lastTouch = touches.reduce<Date | null>((m, d) => (!m || d > m ? d : m), null);
  return {
    ...facts,
    npsScores: facts.npsScores.slice(0, before(answered?.nps, facts.npsScores.length)),
    csatAnswers: facts.csatAnswers.slice(0, before(answered?.csat, facts.csatAnswers.length)),
    cesScores: facts.cesScores.slice(0, before(answered?.ces, facts.cesScores.length)),
    tickets,
    subscriptions: facts.subscriptions.filter((s) => s.start.getTime() < t),
    lastTouchAt: lastTouch,
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

function tierOf(mrr: number | null): AccountCard['revenue']['tier'] {
  if (mrr === null || mrr <= 0) return null;
  return mrr >= 5000 ? 'enterprise' : mrr >= 1000 ? 'mid-market' : 'smb';
}

function revenueOf(facts: AccountFacts, figures: AccountFigures, now: Date): AccountCard['revenue'] {
  const month = now.toISOString().slice(0, 7);
  const monthStart = new Date(`${month}-01T00:00:00.000Z`);
  const hasRevenue = facts.subscriptions.length > 0;
  let movement: MrrMovement | null = null;
  let change: number | null = null;
  if (hasRevenue) {
    const startMrr = mrrAt(facts.subscriptions, monthStart);
    change = (figures.mrr ?? 0) - startMrr;
    // The month so far: subscriptions as they stand now, cut at now.
    const result = mrrMovements(
      facts.subscriptions
        .filter((s) => s.start.getTime() <= now.getTime())
        .map((s) => ({
          accountId: facts.hubspotCompanyId,
          mrr: s.mrr,
          start: s.start,
          end: s.end && s.end.getTime() <= now.getTime() ? s.end : null,
        })),
      month,
    );
    movement = result.accounts[0]?.movement ?? null;
  }
  const t = now.getTime();
  const renewal = facts.subscriptions
    .filter((s) => s.end && s.end.getTime() > t && s.start.getTime() <= t)
    .map((s) => s.end!)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    mrr: figures.mrr,
    arr: figures.mrr === null ? null : figures.mrr * 12,
    month,
    movement,
    change,
    renewalDate: renewal ? renewal.toISOString() : null,
    daysToRenewal: renewal ? Math.ceil((renewal.getTime() - t) / DAY_MS) : null,
    tier: tierOf(figures.mrr),
  };
}

/**
 * Everything a card shows of one account at `now`. The `account` part equals the account's
 * `csm report` element; the rest explains it (components, what moved it, what would raise it).
 *
 * @example
 * const card = accountCard(facts, new Date(), { earlier: snapshotFrom30DaysAgo });
 * card.health.biggestLever; // e.g. 'csat'
 */
export function accountCard(facts: AccountFacts, now: Date, options: AccountCardOptions = {}): AccountCard {
  const extra = { licenseUtilization: options.licenseUtilization ?? null };
  const figures = accountFigures(facts, now, options.model, extra);
  const components = figures.health.components.map((c) => ({ ...c, gain: (100 - c.score) * c.weight }));
  const lever = [...components].sort((a, b) => b.gain - a.gain)[0];

  let earlier = options.earlier ?? null;
  if (!earlier) {
    const then = new Date(now.getTime() - TREND_DAYS * DAY_MS);
    const past = accountFigures(factsAt(facts, then), then, options.model, extra);
    earlier = {
      day: dayOf(then),
      score: past.health.score,
      components: past.health.components,
      basis: 'reconstructed',
    };
  }

  const ratings = facts.csatAnswers.filter((a) => a.rating);
  const cesScores = facts.cesScores.filter((v) => v >= 1 && v <= 7);
  const cesResult = ces(cesScores);
  const firstReplies = facts.tickets.flatMap((t) =>
    t.firstReplyMinutes === null ? [] : [t.firstReplyMinutes],
  );
  const times = responseTimes(firstReplies);
  const since30 = now.getTime() - TREND_DAYS * DAY_MS;
  const open = facts.tickets.filter((t) => OPEN_STATUSES.has(t.status));

  return {
    account: reportOf(facts, figures),
    health: {
      score: figures.health.score,
      band: figures.health.band,
      components,
      missing: figures.health.missing,
      biggestLever: lever && lever.gain > 0 ? lever.key : null,
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
    },
    csat: {
      score: figures.csat.score,
      responses: figures.csat.responses,
      good: ratings.filter((a) => a.rating === 'good').length,
      bad: ratings.filter((a) => a.rating === 'bad').length,
    },
    ces: { score: cesResult.mean, easyShare: cesResult.easyShare, responses: cesResult.responses },
    fcr: reportOf(facts, figures).fcr,
    firstReply: { medianMinutes: times.median, p90Minutes: times.p90, tickets: times.count },
    revenue: revenueOf(facts, figures, now),
    tickets: {
      total: facts.tickets.length,
      open: open.length,
      urgent: facts.tickets.filter((t) => t.priority === 'urgent').length,
      openUrgent: figures.openUrgentTickets,
      last30Days: facts.tickets.filter(
        (t) => t.createdAt.getTime() >= since30 && t.createdAt.getTime() < now.getTime(),
      ).length,
    },
    lastSurveyComments: facts.lastSurveyComments.map((c) => ({
      ...c,
      submittedAt: c.submittedAt.toISOString(),
    })),
    computedAt: now.toISOString(),
  };
}
