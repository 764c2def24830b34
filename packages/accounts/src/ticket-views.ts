import { csatAcrossSources, fcr, oneTouch, renewalRisk, type TicketStatus, withinWindow } from '@csm/metrics';
import type { PersonTicket, Store } from '@csm/store';
import { OPEN_STATUSES } from './account-figures.ts';
import type { OrganizationTickets, PersonTicketView } from './contract/answers.ts';
import type { AccountCard } from './contract/card.ts';
import { isLowConfidence, type Windows } from './contract/report.ts';

const DAY_MS = 86_400_000;

/** A ticket as the contact card and sidebar list it, with whether it counts toward FCR as resolved. */
export function ticketView(t: PersonTicket): PersonTicketView {
  return {
    id: t.id,
    source: t.source,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    replies: t.replies,
    reopens: t.reopens,
    oneTouch: oneTouch({ status: t.status as TicketStatus, replies: t.replies, reopens: t.reopens }),
    createdAt: t.createdAt.toISOString(),
    solvedAt: t.solvedAt?.toISOString() ?? null,
  };
}

const fcrTickets = (tickets: readonly PersonTicket[]) =>
  tickets.flatMap((t) =>
    t.replies === null || t.reopens === null
      ? []
      : [{ status: t.status as TicketStatus, replies: t.replies, reopens: t.reopens }],
  );

/** FCR over a person's tickets with metric sets (every one: a person's list is short and shown whole). */
export function personFcr(tickets: readonly PersonTicket[]) {
  const r = fcr(fcrTickets(tickets));
  return { rate: r.rate, firstContactResolved: r.firstContactResolved, solved: r.solved };
}

/** The deal card's renewal risk from the account's card and the deal's contract end. */
export function dealRenewalRisk(card: AccountCard | null, contractEnd: Date | null, now: Date) {
  if (!card) return { level: null, reasons: [] as string[] };
  return renewalRisk({
    band: card.health.band,
    trendDirection: card.health.trend?.direction ?? null,
    daysToRenewal: contractEnd ? (contractEnd.getTime() - now.getTime()) / DAY_MS : null,
    promoters: card.nps.promoters,
    detractors: card.nps.detractors,
    responses: card.nps.responses,
  });
}

/**
 * The organization's own Zendesk ticket figures (the sidebar shows them beside the account's):
 * counts as of now, FCR and CSAT over the tenant's windows.
 */
export async function organizationTickets(
  store: Store,
  tenantId: number,
  orgId: string,
  windows: Windows,
  now: Date,
): Promise<OrganizationTickets> {
  const { tickets, ratings } = await store.cardReads.organizationTickets(tenantId, orgId);
  const open = tickets.filter((t) => OPEN_STATUSES.has(t.status));
  const solved = tickets.filter((t) => t.solvedAt && withinWindow(t.solvedAt, now, windows.fcrDays));
  const f = fcr(fcrTickets(solved));
  const answered = ratings.filter((r) => withinWindow(r.submittedAt, now, windows.csatDays));
  const c = csatAcrossSources(
    answered.flatMap((r) =>
      r.rating === 'good' || r.rating === 'bad'
        ? [{ value: null, rating: r.rating, scaleMin: null, scaleMax: null }]
        : [],
    ),
  );
  return {
    total: tickets.length,
    open: open.length,
    urgent: tickets.filter((t) => t.priority === 'urgent').length,
    openUrgent: open.filter((t) => t.priority === 'urgent').length,
    fcr: {
      rate: f.rate,
      firstContactResolved: f.firstContactResolved,
      solved: f.solved,
      windowDays: windows.fcrDays,
      lowConfidence: isLowConfidence(f.solved),
    },
    csat: {
      good: c.good,
      bad: c.bad,
      score: c.score,
      responses: c.responses,
      windowDays: windows.csatDays,
      lowConfidence: isLowConfidence(c.responses),
    },
    recentComments: ratings
      .filter((r) => r.comment && r.comment.trim() !== '')
      .slice(0, 5)
      .map((r) => ({
        rating: r.rating,
        comment: r.comment as string,
        submittedAt: r.submittedAt.toISOString(),
      })),
  };
}
