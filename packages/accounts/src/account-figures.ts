import {
  arr,
  type CesResult,
  ces,
  csatAcrossSources,
  daysSince,
  type FcrResult,
  fcr,
  type HealthModel,
  type HealthScoreResult,
  type HealthScorer,
  type HealthSignals,
  healthScorer,
  mrrAt,
  mrrChange,
  type NpsResult,
  nps,
  type ResponseTimesResult,
  responseTimes,
  ticketsPerMonth,
  withinWindow,
} from '@csm/metrics';
import type { AccountFacts } from '@csm/store';
import type { Windows } from './contract/report.ts';
import { inWindow, TICKET_LOAD_DAYS } from './windows.ts';

/** Ticket statuses that count as open (deleted tickets count nowhere). */
export const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);
/** The health score's MRR trend compares with this many days ago. */
const MRR_TREND_DAYS = 90;

/** The account's subscriptions as `@csm/metrics` takes them. */
export const subscriptionsOf = (facts: AccountFacts) =>
  facts.subscriptions.map(({ mrr, start, end }) => ({ mrr, start, end }));

/**
 * A tenant's model is one object for all its accounts (settings are read-only once loaded): it is
 * validated once per object, not once per account.
 */
const scorers = new WeakMap<HealthModel, HealthScorer>();
function scorerOf(model: HealthModel): HealthScorer {
  let scorer = scorers.get(model);
  if (!scorer) {
    scorer = healthScorer(model);
    scorers.set(model, scorer);
  }
  return scorer;
}

/** What the figures of one account depend on besides its facts. */
export interface FigureInputs {
  model: HealthModel;
  windows: Windows;
  /** Active users / licensed seats x 100 from ingested usage. */
  licenseUtilization?: number | null;
}

/** Everything computed for one account at `now`: the report's figures and the health score's inputs. */
export interface AccountFigures {
  nps: NpsResult;
  csat: ReturnType<typeof csatAcrossSources>;
  ces: CesResult;
  fcr: FcrResult;
  firstReply: ResponseTimesResult;
  mrr: number | null;
  arr: number | null;
  openTickets: number;
  openUrgentTickets: number;
  lastTouchAt: Date | null;
  daysSinceLastTouch: number | null;
  signals: HealthSignals;
  health: HealthScoreResult;
}

/**
 * The latest touch: the company's `notes_last_contacted` (its last call, email or meeting) or its
 * latest survey answer, whichever is later. Tickets are the customer reaching out, not a touch.
 */
export function lastTouchOf(facts: AccountFacts, before?: Date): Date | null {
  const candidates: Date[] = [];
  if (facts.notesLastContactedAt) candidates.push(facts.notesLastContactedAt);
  const answered = facts.answeredAt;
  if (answered) candidates.push(...answered.nps, ...answered.csat, ...answered.ces);
  else if (facts.lastTouchAt) candidates.push(facts.lastTouchAt);
  let latest: Date | null = null;
  for (const d of candidates) {
    if (before && d.getTime() >= before.getTime()) continue;
    if (!latest || d > latest) latest = d;
  }
  return latest;
}

/**
 * The figures of one account at `now`, by the mapping rules and formulas of docs/metrics.md, over
 * the tenant's windows. FCR counts tickets that carry Zendesk metric sets (HubSpot tickets have no
 * reply counts). Every figure is computed by `@csm/metrics`; this function only chooses the inputs.
 */
export function accountFigures(facts: AccountFacts, now: Date, inputs: FigureInputs): AccountFigures {
  const { windows } = inputs;
  const answered = facts.answeredAt;
  const npsResult = nps(inWindow(facts.npsScores, answered?.nps, now, windows.npsDays));
  const csatResult = csatAcrossSources(
    inWindow(facts.csatAnswers, answered?.csat, now, windows.csatDays).map((a) => ({
      value: a.value,
      rating: a.rating,
      scaleMin: a.scaleMin,
      scaleMax: a.scaleMax,
    })),
  );
  // CES is asked on 1-7; an answer off that scale (a misconfigured survey) is left out, not fatal.
  const cesResult = ces(
    inWindow(facts.cesScores, answered?.ces, now, windows.cesDays).filter((v) => v >= 1 && v <= 7),
  );

  const solvedInWindow = facts.tickets.flatMap((t) =>
    t.replies === null || t.reopens === null || !t.solvedAt || !withinWindow(t.solvedAt, now, windows.fcrDays)
      ? []
      : [{ status: t.status, replies: t.replies, reopens: t.reopens }],
  );
  const fcrResult = fcr(solvedInWindow);
  const firstReplies = facts.tickets.flatMap((t) =>
    t.firstReplyMinutes === null || !withinWindow(t.createdAt, now, windows.firstReplyDays)
      ? []
      : [t.firstReplyMinutes],
  );
  const firstReply = responseTimes(firstReplies);

  const subscriptions = subscriptionsOf(facts);
  const mrr = mrrAt(subscriptions, now);
  const open = facts.tickets.filter((t) => OPEN_STATUSES.has(t.status));
  const openUrgentTickets = open.filter((t) => t.priority === 'urgent').length;
  const recentTickets = facts.tickets.filter((t) => withinWindow(t.createdAt, now, TICKET_LOAD_DAYS)).length;
  const lastTouchAt = lastTouchOf(facts, now);
  const daysSinceLastTouch = daysSince(lastTouchAt, now);

  const signals: HealthSignals = {
    licenseUtilization: inputs.licenseUtilization ?? null,
    nps: npsResult.score,
    csat: csatResult.score,
    fcr: fcrResult.rate,
    ticketsPerMonth: facts.tickets.length ? ticketsPerMonth(recentTickets, TICKET_LOAD_DAYS) : null,
    openUrgentTickets: facts.tickets.length ? openUrgentTickets : null,
    mrrChange: mrrChange(subscriptions, now, MRR_TREND_DAYS),
    daysSinceLastTouch,
  };
  return {
    nps: npsResult,
    csat: csatResult,
    ces: cesResult,
    fcr: fcrResult,
    firstReply,
    mrr,
    arr: mrr === null ? null : arr(mrr),
    openTickets: open.length,
    openUrgentTickets,
    lastTouchAt,
    daysSinceLastTouch,
    signals,
    health: scorerOf(inputs.model)(signals),
  };
}
