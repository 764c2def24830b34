import type { Sandbox } from './harness.ts';
import type { RawDataset } from './oracle.ts';

/** The sandbox's served records (`sandbox.data`, API-shaped) as the oracle's input. */
export function rawDataset(sandbox: Sandbox): RawDataset {
  const d = sandbox.data;
  return {
    companies: [...d.companies],
    contacts: [...d.contacts],
    deals: [...d.deals],
    feedbackSubmissions: [...d.feedbackSubmissions],
    hubspotTickets: [...d.hubspotTickets],
    organizations: d.organizations.map((o) => ({ id: o.id, domain_names: [...o.domain_names] })),
    users: d.users.map((u) => ({ id: u.id, email: u.email })),
    tickets: d.tickets.map((t) => ({
      id: t.id,
      status: t.status,
      priority: t.priority,
      organization_id: t.organization_id,
      requester_id: t.requester_id,
    })),
    metricSets: d.metricSets.map((m) => ({
      ticket_id: m.ticket_id,
      replies: m.replies,
      reopens: m.reopens,
      solved_at: m.solved_at ?? null,
    })),
    satisfactionRatings: d.satisfactionRatings.map((r) => ({
      id: r.id,
      ticket_id: r.ticket_id,
      score: r.score,
      created_at: r.created_at,
      updated_at: r.updated_at,
    })),
  };
}
