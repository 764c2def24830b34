import {
  type PortfolioFigures,
  type PortfolioInput,
  portfolioFigures,
  type ReportingPeriod,
  type TicketStatus,
} from '@csm/metrics';
import type { AccountFacts, Store } from '@csm/store';

/**
 * The inputs of the portfolio figures from every account's facts: the same identity rules as the
 * cards, so the portfolio is the sum of the accounts a person sees. Answers without a time (none
 * come from the store) cannot be placed in a period and are left out.
 */
export function portfolioInput(accounts: readonly AccountFacts[]): PortfolioInput {
  const input: Required<PortfolioInput> = {
    subscriptions: [],
    npsAnswers: [],
    csatAnswers: [],
    tickets: [],
    accounts: 0,
  };
  for (const f of accounts) {
    const accountId = f.hubspotCompanyId;
    input.accounts++;
    for (const s of f.subscriptions)
      input.subscriptions.push({ accountId, mrr: s.mrr, start: s.start, end: s.end });
    const at = f.answeredAt;
    if (at) {
      f.npsScores.forEach((score, i) => {
        const when = at.nps[i];
        if (when) input.npsAnswers.push({ accountId, score, at: when });
      });
      f.csatAnswers.forEach((a, i) => {
        const when = at.csat[i];
        if (when)
          input.csatAnswers.push({
            accountId,
            value: a.value,
            rating: a.rating,
            scaleMin: a.scaleMin,
            scaleMax: a.scaleMax,
            at: when,
          });
      });
    }
    for (const t of f.tickets) {
      input.tickets.push({
        accountId,
        status: t.status as TicketStatus,
        replies: t.replies,
        reopens: t.reopens,
        createdAt: t.createdAt,
        solvedAt: t.solvedAt,
        firstReplyMinutes: t.firstReplyMinutes,
      });
    }
  }
  return input;
}

/**
 * A tenant's portfolio figures for a month or a quarter (MRR, ARR, NRR, GRR, churn, quick ratio,
 * renewal rate, ARPU, NPS, CSAT, FCR, first replies, tickets per account, MRR movements), every one
 * computed by `portfolioFigures` of `@csm/metrics`.
 *
 * @example
 * await tenantPortfolio(store, tenant.id, { quarter: '2026-Q2' });
 */
export async function tenantPortfolio(
  store: Store,
  tenantId: number,
  period: ReportingPeriod,
): Promise<PortfolioFigures> {
  const accounts: AccountFacts[] = [];
  for await (const batch of store.accountFactsBatches(tenantId, 1000)) accounts.push(...batch);
  return portfolioFigures(portfolioInput(accounts), period);
}
