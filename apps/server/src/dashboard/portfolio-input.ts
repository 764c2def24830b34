import { portfolioInput } from '@csm/accounts';
import type { PortfolioInput } from '@csm/metrics';
import type { Store } from '@csm/store';

/**
 * The input of `portfolioFigures` for a tenant: `portfolioInput` of `@csm/accounts` (the same
 * identity rules as the cards) over every account's facts, a batch of accounts at a time.
 *
 * @example
 * const figures = portfolioFigures(await tenantPortfolioInput(store, tenant.id), { month: '2026-05' });
 */
export async function tenantPortfolioInput(store: Store, tenantId: number): Promise<PortfolioInput> {
  const input = {
    subscriptions: [] as PortfolioInput['subscriptions'],
    npsAnswers: [] as PortfolioInput['npsAnswers'],
    csatAnswers: [] as PortfolioInput['csatAnswers'],
    tickets: [] as PortfolioInput['tickets'],
    accounts: 0,
  };
  for await (const batch of store.accountFactsBatches(tenantId, 1000)) {
    const part = portfolioInput(batch);
    input.subscriptions.push(...part.subscriptions);
    input.npsAnswers.push(...part.npsAnswers);
    input.csatAnswers.push(...part.csatAnswers);
    input.tickets.push(...part.tickets);
    input.accounts += part.accounts;
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
      entry = { stamp, input: await tenantPortfolioInput(this.store, tenantId), derived: new Map() };
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
