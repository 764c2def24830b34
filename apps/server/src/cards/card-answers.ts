import {
  type AccountCard,
  organizationTickets,
  readAccountCard,
  readTenantSettings,
  windowsOfCard,
} from '@csm/accounts';
import type { Freshness, Store } from '@csm/store';

/**
 * The parts of the card and sidebar answers that are not the account's card: freshness, coverage
 * and the Zendesk organization. The card itself comes from `@csm/accounts`.
 */

/** The answer's `freshness` from the store's view of the runs; a paused source says so and why. */
export function freshnessView(f: Freshness, computedAt: string | null) {
  const source = (s: Freshness['hubspot']) =>
    s
      ? {
          status: s.paused ? 'paused' : s.status,
          lastRunAt: s.lastRunAt.toISOString(),
          lastSucceededAt: s.lastSucceededAt?.toISOString() ?? null,
          ...(s.paused ? { reason: s.paused.reason, pausedAt: s.paused.since.toISOString() } : {}),
        }
      : null;
  return { hubspot: source(f.hubspot), zendesk: source(f.zendesk), computedAt };
}

/**
 * The time a card is current as of: its own `computedAt`, or the tenant's last refresh when that
 * found it unchanged and left it as it was (docs/metrics.md, "Freshness").
 */
export function currentAsOf(card: AccountCard | null, f: Freshness): string | null {
  const checked = f.cardsRefreshedAt?.toISOString();
  return card && checked && checked > card.computedAt ? checked : (card?.computedAt ?? null);
}

export async function readFreshness(store: Store, tenantId: number, card: AccountCard | null) {
  const f = await store.freshness(tenantId);
  return freshnessView(f, currentAsOf(card, f));
}

/** The answer's `coverage` from the counts the last refresh saved (zeros before the first one). */
export function coverageView(saved: unknown) {
  const counts = (saved ?? {}) as Record<string, number | undefined>;
  return {
    unmatchedOrganizations: counts.unmatchedOrganizations ?? 0,
    unmatchedTickets: counts.unmatchedTickets ?? 0,
    contactsWithoutCompany: counts.contactsWithoutCompany ?? 0,
    companiesWithoutRevenue: counts.companiesWithoutRevenue ?? 0,
  };
}

/** The organization part of the sidebar answers. */
export async function organizationAnswer(store: Store, tenantId: number, orgId: string, now: Date) {
  const org = await store.cardReads.zendeskOrganization(tenantId, orgId);
  if (!org) return null;
  const link = await store.resolveOrganization(tenantId, orgId);
  const card = link.hubspotCompanyId
    ? await readAccountCard(store, tenantId, link.hubspotCompanyId, now)
    : null;
  // The account's card (stored or computed now) has the windows in force: the settings are read
  // only for an organization without an account.
  const windows = card ? windowsOfCard(card) : (await readTenantSettings(store, tenantId)).windows;
  return {
    organization: org,
    account: card?.account ?? null,
    card,
    link:
      link.hubspotCompanyId && card
        ? {
            companyId: link.hubspotCompanyId,
            via: link.explicit ? ('mapping' as const) : ('domain' as const),
          }
        : null,
    tickets: await organizationTickets(store, tenantId, orgId, windows, now),
  };
}
