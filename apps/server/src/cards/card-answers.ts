import { fcr } from '@csm/metrics';
import type { Freshness, PersonTicket, Store } from '@csm/store';
import { type AccountCard, accountCard } from '@csm/sync';
import { accountCardSchema } from './card-schemas.ts';

/**
 * The card answers, built from the stored per-account figures (one primary-key read) and a few
 * indexed rows. An account without stored figures yet (its first sync is still running) is
 * computed on the spot from its facts, with the same function the refresh uses.
 */

const DAY_MS = 86_400_000;

export async function readCard(
  store: Store,
  tenantId: number,
  companyId: string,
  now: Date,
): Promise<AccountCard | null> {
  const stored = await store.accountMetrics.card(tenantId, companyId);
  if (stored) return parseCard(stored.card);
  const [facts] = await store.accountFacts(tenantId, companyId);
  return facts ? accountCard(facts, now) : null;
}

/** The answer's `freshness` from the store's view of the runs; a paused source says so and why. */
export function freshnessView(f: Freshness, card: AccountCard | null) {
  const source = (s: Freshness['hubspot']) =>
    s
      ? {
          status: s.paused ? 'paused' : s.status,
          lastRunAt: s.lastRunAt.toISOString(),
          lastSucceededAt: s.lastSucceededAt?.toISOString() ?? null,
          ...(s.paused ? { reason: s.paused.reason, pausedAt: s.paused.since.toISOString() } : {}),
        }
      : null;
  return { hubspot: source(f.hubspot), zendesk: source(f.zendesk), computedAt: card?.computedAt ?? null };
}

export async function readFreshness(store: Store, tenantId: number, card: AccountCard | null) {
  return freshnessView(await store.freshness(tenantId), card);
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

/** The stored card in its documented field order (jsonb sorts keys), shape-checked. */
export const parseCard = (stored: unknown) => accountCardSchema.parse(stored) as AccountCard;

/** One-touch: solved or closed with exactly one reply and no reopen (docs/metrics.md); null without metrics. */
export function ticketView(t: PersonTicket) {
  const solved = t.status === 'solved' || t.status === 'closed';
  return {
    ...t,
    oneTouch: t.replies === null || t.reopens === null || !solved ? null : t.replies === 1 && t.reopens === 0,
    createdAt: t.createdAt.toISOString(),
    solvedAt: t.solvedAt?.toISOString() ?? null,
  };
}

/** FCR over tickets with metric sets. */
export function fcrOf(tickets: readonly PersonTicket[]) {
  const r = fcr(
    tickets.flatMap((t) =>
      t.replies === null || t.reopens === null
        ? []
        : [{ status: t.status as 'solved', replies: t.replies, reopens: t.reopens }],
    ),
  );
  return { rate: r.rate, firstContactResolved: r.firstContactResolved, solved: r.solved };
}

/**
 * How likely a deal's renewal is at risk: high when the account is red or its contract ends
 * within 30 days with a falling score, medium when yellow or ending within 90 days, else low.
 */
export function renewalRisk(card: AccountCard | null, contractEnd: Date | null, now: Date) {
  if (!card || card.health.band === null) return { level: null, reasons: [] as string[] };
  const reasons: string[] = [];
  const days = contractEnd ? (contractEnd.getTime() - now.getTime()) / DAY_MS : null;
  const falling = card.health.trend?.direction === 'down';
  if (card.health.band === 'red') reasons.push('health is red');
  if (days !== null && days >= 0 && days <= 30) reasons.push('contract ends within 30 days');
  else if (days !== null && days >= 0 && days <= 90) reasons.push('contract ends within 90 days');
  if (falling) reasons.push('health fell over the last 30 days');
  if (card.nps.detractors > card.nps.promoters && card.nps.responses > 0)
    reasons.push('more detractors than promoters');
  const level =
    card.health.band === 'red' || (days !== null && days >= 0 && days <= 30 && falling)
      ? 'high'
      : card.health.band === 'yellow' || (days !== null && days >= 0 && days <= 90)
        ? 'medium'
        : 'low';
  return { level, reasons } as const;
}

/** The organization's own Zendesk ticket figures (the sidebar shows them beside the account's). */
export async function organizationTickets(store: Store, tenantId: number, orgId: string) {
  const { tickets, ratings } = await store.cardReads.organizationTickets(tenantId, orgId);
  const open = tickets.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
  const good = ratings.filter((r) => r.rating === 'good').length;
  const bad = ratings.filter((r) => r.rating === 'bad').length;
  return {
    total: tickets.length,
    open: open.length,
    urgent: tickets.filter((t) => t.priority === 'urgent').length,
    openUrgent: open.filter((t) => t.priority === 'urgent').length,
    fcr: fcrOf(tickets),
    csat: { good, bad, score: good + bad ? (good / (good + bad)) * 100 : null },
    recentComments: ratings
      .filter((r) => r.comment && r.comment.trim() !== '')
      .slice(0, 5)
      .map((r) => ({ rating: r.rating, comment: r.comment!, submittedAt: r.submittedAt.toISOString() })),
  };
}

/** The organization part of the sidebar answers. */
export async function organizationAnswer(store: Store, tenantId: number, orgId: string, now: Date) {
  const org = await store.cardReads.zendeskOrganization(tenantId, orgId);
  if (!org) return null;
  const link = await store.resolveOrganization(tenantId, orgId);
  const card = link.hubspotCompanyId ? await readCard(store, tenantId, link.hubspotCompanyId, now) : null;
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
    tickets: await organizationTickets(store, tenantId, orgId),
  };
}
