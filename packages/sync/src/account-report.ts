import {
  csat,
  fcr,
  type HealthModel,
  type HealthScoreResult,
  type HealthSignals,
  healthScore,
  nps,
} from '@csm/metrics';
import type { AccountFacts } from '@csm/store';

/** One element of `csm report --json` (a contract), the same in the card answers (docs/card-api.md). */
export interface AccountReport {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  health: { score: number | null; band: 'green' | 'yellow' | 'red' | null };
  nps: { score: number | null; responses: number };
  csat: { score: number | null; responses: number };
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  mrr: number | null;
  arr: number | null;
  openTickets: number;
}

const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);
const DAY_MS = 86_400_000;

/**
 * CSAT over every answer of an account, whatever its source: Zendesk good / bad, HubSpot's
 * 3-point survey (happy = 2 is positive), numeric answers of other tools on their own scale
 * (positive in the top quarter of the scale: 4-5 of 1-5, 6-7 of 1-7).
 */
export function combinedCsat(answers: AccountFacts['csatAnswers']): {
  score: number | null;
  responses: number;
} {
  let positive = 0;
  let responses = 0;
  const ratings = answers.flatMap((a) => (a.rating ? [a.rating] : []));
  if (ratings.length) {
    const r = csat(ratings);
    positive += r.positive;
    responses += r.responses;
  }
  const byScale = new Map<string, { min: number; max: number; values: number[] }>();
  for (const a of answers) {
    if (a.rating || a.value === null) continue;
    const min = a.scaleMin ?? 1;
    const max = a.scaleMax ?? 5;
    const key = `${min}:${max}`;
    const group = byScale.get(key) ?? { min, max, values: [] };
    group.values.push(a.value);
    byScale.set(key, group);
  }
  for (const { min, max, values } of byScale.values()) {
    const r = csat(values, { scale: { min, max }, positiveAtLeast: Math.ceil(min + 0.75 * (max - min)) });
    positive += r.positive;
    responses += r.responses;
  }
  return { score: responses ? (positive / responses) * 100 : null, responses };
}

/** MRR active at `at`: the sum over subscriptions with start <= at < end. */
export function mrrAt(subscriptions: AccountFacts['subscriptions'], at: Date): number {
  const t = at.getTime();
  let sum = 0;
  for (const s of subscriptions) {
    if (s.start.getTime() <= t && (s.end === null || t < s.end.getTime())) sum += s.mrr;
  }
  return sum;
}

/** Everything computed for one account at `now`: the report's figures and the health score's inputs. */
export interface AccountFigures {
  nps: ReturnType<typeof nps>;
  csat: { score: number | null; responses: number };
  fcr: ReturnType<typeof fcr>;
  mrr: number | null;
  openTickets: number;
  openUrgentTickets: number;
  signals: HealthSignals;
  health: HealthScoreResult;
}

/**
 * The figures of one account at `now`, by the identity rules (docs/architecture.md) and docs/metrics.md's formulas.
 * FCR counts tickets that carry Zendesk metric sets (HubSpot tickets have no reply counts).
 * `extraSignals` adds what the facts do not hold (license utilization from ingested usage).
 */
export function accountFigures(
  facts: AccountFacts,
  now: Date,
  model?: HealthModel,
  extraSignals: Pick<HealthSignals, 'licenseUtilization' | 'onboardingCompletion'> = {},
): AccountFigures {
  const npsResult = nps(facts.npsScores);
  const csatResult = combinedCsat(facts.csatAnswers);
  const withMetrics = facts.tickets.flatMap((t) =>
    t.replies === null || t.reopens === null
      ? []
      : [{ status: t.status, replies: t.replies, reopens: t.reopens }],
  );
  const fcrResult = fcr(withMetrics);
  const hasRevenue = facts.subscriptions.length > 0;
  const mrr = hasRevenue ? mrrAt(facts.subscriptions, now) : null;
  const open = facts.tickets.filter((t) => OPEN_STATUSES.has(t.status));
  const openUrgentTickets = open.filter((t) => t.priority === 'urgent').length;

  const since90 = now.getTime() - 90 * DAY_MS;
  const mrr90 = hasRevenue ? mrrAt(facts.subscriptions, new Date(since90)) : 0;
  const recentTickets = facts.tickets.filter(
    (t) => t.createdAt.getTime() >= since90 && t.createdAt.getTime() < now.getTime(),
  );
  const signals: HealthSignals = {
    ...extraSignals,
    nps: npsResult.score,
    csat: csatResult.score,
    fcr: fcrResult.rate,
    ticketsPerMonth: facts.tickets.length ? recentTickets.length / 3 : null,
    openUrgentTickets: facts.tickets.length ? openUrgentTickets : null,
    mrrChange: mrr !== null && mrr90 > 0 ? ((mrr - mrr90) / mrr90) * 100 : null,
    daysSinceLastTouch: facts.lastTouchAt
      ? Math.max(0, (now.getTime() - facts.lastTouchAt.getTime()) / DAY_MS)
      : null,
  };
  return {
    nps: npsResult,
    csat: csatResult,
    fcr: fcrResult,
    mrr,
    openTickets: open.length,
    openUrgentTickets,
    signals,
    health: healthScore(signals, model),
  };
}

/** The `csm report` element of figures computed by {@link accountFigures}. */
export function reportOf(facts: AccountFacts, figures: AccountFigures): AccountReport {
  return {
    hubspotCompanyId: facts.hubspotCompanyId,
    name: facts.name,
    domain: facts.domain,
    health: { score: figures.health.score, band: figures.health.band },
    nps: { score: figures.nps.score, responses: figures.nps.responses },
    csat: figures.csat,
    fcr: {
      rate: figures.fcr.rate,
      firstContactResolved: figures.fcr.firstContactResolved,
      solved: figures.fcr.solved,
    },
    mrr: figures.mrr,
    arr: figures.mrr === null ? null : figures.mrr * 12,
    openTickets: figures.openTickets,
  };
}

/** The figures of one account at `now` as one `csm report --json` element. */
export function accountReport(facts: AccountFacts, now: Date, model?: HealthModel): AccountReport {
  return reportOf(facts, accountFigures(facts, now, model));
}
