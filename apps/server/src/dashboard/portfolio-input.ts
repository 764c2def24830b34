import type { PortfolioInput } from '@csm/metrics';
import type { Store } from '@csm/store';

/**
 * The input of `portfolioFigures` for a tenant: every account's subscriptions, dated NPS and CSAT
 * answers and tickets, resolved to accounts by the same identity rules as the cards (the accounts'
 * facts), a batch of accounts at a time.
 *
 * @example
 * const figures = portfolioFigures(await portfolioInput(store, tenant.id), { month: '2026-05' });
 */
export async function portfolioInput(store: Store, tenantId: number): Promise<PortfolioInput> {
  const input = {
    subscriptions: [] as PortfolioInput['subscriptions'],
    npsAnswers: [] as PortfolioInput['npsAnswers'],
    csatAnswers: [] as PortfolioInput['csatAnswers'],
    tickets: [] as PortfolioInput['tickets'],
    accounts: 0,
  };
  for await (const batch of store.accountFactsBatches(tenantId, 1000)) {
    for (const f of batch) {
      const accountId = f.hubspotCompanyId;
      input.accounts += 1;
      for (const s of f.subscriptions)
        input.subscriptions.push({ accountId, dealId: s.dealId, mrr: s.mrr, start: s.start, end: s.end });
      const at = f.answeredAt;
      f.npsScores.forEach((score, i) => {
        const when = at?.nps[i];
        if (when && Number.isInteger(score) && score >= 0 && score <= 10)
          input.npsAnswers.push({ accountId, score, at: when });
      });
      f.csatAnswers.forEach((a, i) => {
        const when = at?.csat[i];
        if (when) input.csatAnswers.push({ accountId, ...a, at: when });
      });
      for (const t of f.tickets)
        input.tickets.push({
          accountId,
          status: t.status,
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
 * Each tenant's portfolio input, read once per refresh: kept until the tenant's stored cards are
 * computed again (`dashboardReads.figuresStamp`), with whatever was derived from it.
 */
export class PortfolioInputs {
  readonly #entries = new Map<
    number,
    { stamp: string; input: PortfolioInput; derived: Map<string, unknown> }
  >();
  constructor(private readonly store: Store) {}

  /** The tenant's input, and a memo for values derived from it (valid as long as the input is). */
  async of(tenantId: number): Promise<{ input: PortfolioInput; memo: <T>(key: string, make: () => T) => T }> {
    const stamp = await this.store.dashboardReads.figuresStamp(tenantId);
    let entry = this.#entries.get(tenantId);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, input: await portfolioInput(this.store, tenantId), derived: new Map() };
      this.#entries.set(tenantId, entry);
    }
    const { input, derived } = entry;
    return {
      input,
      memo: <T>(key: string, make: () => T): T => {
        if (!derived.has(key)) derived.set(key, make());
        return derived.get(key) as T;
      },
    };
  }
}
