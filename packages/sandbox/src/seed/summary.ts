/** Counts of what a sandbox holds, for people (`csm sandbox serve` prints them). */
import { COUNTS, type Counts, type SeedData } from '../data-view.ts';

export type SeedSummary = Counts;

export function seedSummary(data: SeedData): SeedSummary {
  // A sandbox's own view counts straight from its tables, without building every record.
  const fast = (data as unknown as { [COUNTS]?: () => Counts })[COUNTS];
  if (fast) return fast();
  const ticketsByStatus: Record<string, number> = {};
  for (const t of data.tickets) ticketsByStatus[t.status] = (ticketsByStatus[t.status] ?? 0) + 1;
  return {
    companies: data.companies.length,
    contacts: data.contacts.length,
    deals: data.deals.length,
    closedWonDeals: data.deals.filter((d) => d.properties.hs_is_closed_won === 'true').length,
    feedbackSubmissions: data.feedbackSubmissions.length,
    hubspotTickets: data.hubspotTickets.length,
    owners: data.owners.length,
    organizations: data.organizations.length,
    users: data.users.length,
    tickets: data.tickets.length,
    ticketsByStatus,
    satisfactionRatings: data.satisfactionRatings.length,
  };
}

export function formatSummary(s: SeedSummary): string {
  const statuses = Object.entries(s.ticketsByStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return [
    `HubSpot: ${s.companies} companies, ${s.contacts} contacts, ${s.deals} deals (${s.closedWonDeals} closed won), ${s.feedbackSubmissions} feedback submissions, ${s.hubspotTickets} tickets, ${s.owners} owners`,
    `Zendesk: ${s.organizations} organizations, ${s.users} users, ${s.tickets} tickets (${statuses}), ${s.satisfactionRatings} satisfaction ratings`,
  ].join('\n');
}
