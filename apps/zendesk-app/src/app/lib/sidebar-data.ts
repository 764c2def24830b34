import {
  type AccountCard,
  type Fcr,
  type Freshness,
  type OrganizationPart,
  organizationAnswerSchema,
  type RequesterAnswer,
  requesterAnswerSchema,
} from './answers.ts';
import { fetchSidebar, readBackendUrl, SidebarError, zendeskIdSchema } from './backend.ts';
import type { ZafClient } from './zaf.ts';

/** What one sidebar shows, whichever location asked. */
export interface SidebarData {
  location: 'ticket_sidebar' | 'organization_sidebar';
  /** The organization whose tickets count (the ticket's, else the requester's); null = none. */
  organization: OrganizationPart | null;
  /** The linked account's card; null = no linked HubSpot company. */
  card: AccountCard | null;
  requester: { id: string; name: string | null; email: string | null } | null;
  /** The requester's tickets before this one, newest first. */
  recentTickets: RequesterAnswer['recentTickets'];
  requesterFcr: Fcr | null;
  freshness: Freshness;
}

export type SidebarLoad = SidebarData | { empty: 'no_requester' };

interface ZafPerson {
  id?: unknown;
  name?: unknown;
  email?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

async function organizationAnswer(client: ZafClient, backendUrl: string, id: string) {
  try {
    return await fetchSidebar(
      client,
      backendUrl,
      `/cards/zendesk/organizations/${id}`,
      organizationAnswerSchema,
    );
  } catch (error) {
    if (error instanceof SidebarError && error.kind === 'not_found')
      throw new SidebarError('not_found', 404, 'organization');
    throw error;
  }
}

/**
 * The ticket sidebar: the requester's answer (their organization, account and recent tickets);
 * when the ticket names another organization than the requester's own, that organization's.
 */
export async function loadTicketSidebar(client: ZafClient): Promise<SidebarLoad> {
  const got = await client.get(['ticket.id', 'ticket.requester', 'ticket.organization']);
  const person = (got['ticket.requester'] ?? null) as ZafPerson | null;
  const requesterId = zendeskIdSchema.safeParse(person?.id);
  if (!requesterId.success) return { empty: 'no_requester' };
  const backendUrl = await readBackendUrl(client);
  let answer: RequesterAnswer;
  try {
    answer = await fetchSidebar(
      client,
      backendUrl,
      `/cards/zendesk/requesters/${requesterId.data}`,
      requesterAnswerSchema,
    );
  } catch (error) {
    if (error instanceof SidebarError && error.kind === 'not_found')
      throw new SidebarError('not_found', 404, 'requester');
    throw error;
  }
  let organization: OrganizationPart | null = answer.organization;
  let card = answer.card;
  const ticketOrg = zendeskIdSchema.safeParse(((got['ticket.organization'] ?? null) as ZafPerson | null)?.id);
  if (ticketOrg.success && ticketOrg.data !== organization?.organization.id) {
    organization = await organizationAnswer(client, backendUrl, ticketOrg.data);
    card = organization.card;
  }
  const ticketId = got['ticket.id'] === undefined ? null : String(got['ticket.id']);
  return {
    location: 'ticket_sidebar',
    organization,
    card,
    requester: { id: answer.requester.id, name: text(person?.name), email: answer.requester.email },
    recentTickets: answer.recentTickets.filter((t) => t.id !== ticketId),
    requesterFcr: answer.fcr,
    freshness: answer.freshness,
  };
}

/** The organization sidebar: that organization's answer. */
export async function loadOrganizationSidebar(client: ZafClient): Promise<SidebarLoad> {
  const got = await client.get('organization');
  const id = zendeskIdSchema.safeParse(((got.organization ?? null) as ZafPerson | null)?.id);
  if (!id.success) throw new SidebarError('not_found', null, 'organization');
  const backendUrl = await readBackendUrl(client);
  const answer = await organizationAnswer(client, backendUrl, id.data);
  return {
    location: 'organization_sidebar',
    organization: answer,
    card: answer.card,
    requester: null,
    recentTickets: [],
    requesterFcr: null,
    freshness: answer.freshness,
  };
}
