import type { Db } from './db.ts';
import { idOrder, zendeskAnswerCounts } from './identity.ts';

/**
 * The reads behind the deal, contact, organization and requester cards: a few rows each, by
 * primary key or indexed foreign key. Everything is scoped by tenant, so an id of another tenant
 * reads as missing.
 */

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface DealRow {
  id: string;
  name: string | null;
  amount: number | null;
  mrr: number | null;
  isClosedWon: boolean;
  closeDate: Date | null;
  contractEndDate: Date | null;
  companyId: string | null;
  /** The deal's own currency (`deal_currency_code`), null when HubSpot has none. */
  currency: string | null;
}

export async function readDeal(db: Db, tenantId: number, dealId: string): Promise<DealRow | null> {
  const [r] = await db.query<Record<string, unknown>>(
    'SELECT * FROM deals WHERE tenant_id = $1 AND hubspot_deal_id = $2',
    [tenantId, dealId],
  );
  if (!r) return null;
  return {
    id: r.hubspot_deal_id as string,
    name: (r.name as string | null) ?? null,
    amount: num(r.amount),
    mrr: num(r.mrr),
    isClosedWon: Boolean(r.is_closed_won),
    closeDate: date(r.close_date),
    contractEndDate: date(r.contract_end_date),
    companyId: (r.company_id as string | null) ?? null,
    currency: (r.currency as string | null) ?? null,
  };
}

export interface ContactRow {
  id: string;
  email: string | null;
  companyId: string | null;
}

export async function readContact(db: Db, tenantId: number, contactId: string): Promise<ContactRow | null> {
  const [r] = await db.query<Record<string, unknown>>(
    'SELECT hubspot_contact_id, email, primary_company_id FROM contacts WHERE tenant_id = $1 AND hubspot_contact_id = $2',
    [tenantId, contactId],
  );
  return r
    ? {
        id: r.hubspot_contact_id as string,
        email: (r.email as string | null) ?? null,
        companyId: (r.primary_company_id as string | null) ?? null,
      }
    : null;
}

export interface PersonSurveyAnswer {
  source: string;
  surveyType: string;
  value: number | null;
  rating: string | null;
  scaleMin: number | null;
  scaleMax: number | null;
  comment: string | null;
  submittedAt: Date;
}

export interface PersonTicket {
  id: string;
  source: string;
  subject: string | null;
  status: string;
  priority: string | null;
  replies: number | null;
  reopens: number | null;
  createdAt: Date;
  solvedAt: Date | null;
}

const ticketOf = (r: Record<string, unknown>): PersonTicket => ({
  id: r.external_id as string,
  source: r.source as string,
  subject: (r.subject as string | null) ?? null,
  status: r.status as string,
  priority: (r.priority as string | null) ?? null,
  replies: num(r.replies),
  reopens: num(r.reopens),
  createdAt: date(r.created_at)!,
  solvedAt: date(r.solved_at),
});

const surveyOf = (r: Record<string, unknown>): PersonSurveyAnswer => ({
  source: r.source as string,
  surveyType: r.survey_type as string,
  value: num(r.value),
  rating: (r.rating as string | null) ?? null,
  scaleMin: num(r.scale_min),
  scaleMax: num(r.scale_max),
  comment: (r.comment as string | null) ?? null,
  submittedAt: date(r.submitted_at)!,
});

/**
 * One person's survey answers and tickets across both systems, oldest answers first and newest
 * tickets first: HubSpot answers and tickets of the contact, and the Zendesk ratings and tickets
 * of the Zendesk users with the same email (case-insensitive).
 */
export async function readPersonActivity(
  db: Db,
  tenantId: number,
  person: { hubspotContactId?: string | null; email?: string | null; zendeskUserId?: string | null },
  ticketLimit = 20,
): Promise<{ surveys: PersonSurveyAnswer[]; tickets: PersonTicket[] }> {
  const params = [
    tenantId,
    person.hubspotContactId ?? null,
    person.email?.toLowerCase() ?? null,
    person.zendeskUserId ?? null,
  ];
  const zendeskUsers = `SELECT zendesk_user_id FROM zendesk_users
    WHERE tenant_id = $1 AND (zendesk_user_id = $4 OR ($3::text IS NOT NULL AND lower(email) = $3))`;
  const [surveys, tickets] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT s.* FROM survey_responses s
       WHERE s.tenant_id = $1 AND s.source <> 'zendesk' AND s.contact_id = $2
       UNION ALL
       SELECT s.* FROM tickets t JOIN survey_responses s
         ON s.tenant_id = $1 AND s.source = 'zendesk' AND s.zendesk_ticket_id = t.external_id
       WHERE t.tenant_id = $1 AND t.source = 'zendesk' AND t.requester_id IN (${zendeskUsers})
         AND ${zendeskAnswerCounts('s')}
       ORDER BY submitted_at, source, external_id`,
      params,
    ),
    db.query<Record<string, unknown>>(
      `SELECT * FROM (
         SELECT t.* FROM tickets t WHERE t.tenant_id = $1 AND t.source = 'hubspot' AND t.contact_id = $2
         UNION ALL
         SELECT t.* FROM tickets t WHERE t.tenant_id = $1 AND t.source = 'zendesk'
           AND t.requester_id IN (${zendeskUsers})
       ) x WHERE status <> 'deleted' ORDER BY created_at DESC, source, external_id LIMIT $5`,
      [...params, ticketLimit],
    ),
  ]);
  return { surveys: surveys.map(surveyOf), tickets: tickets.map(ticketOf) };
}

export interface ZendeskOrganizationRow {
  id: string;
  name: string | null;
  domainNames: string[];
}

export async function readZendeskOrganization(
  db: Db,
  tenantId: number,
  orgId: string,
): Promise<ZendeskOrganizationRow | null> {
  const [r] = await db.query<Record<string, unknown>>(
    'SELECT zendesk_org_id, name, domain_names FROM zendesk_organizations WHERE tenant_id = $1 AND zendesk_org_id = $2',
    [tenantId, orgId],
  );
  return r
    ? {
        id: r.zendesk_org_id as string,
        name: (r.name as string | null) ?? null,
        domainNames: (r.domain_names as string[] | null) ?? [],
      }
    : null;
}

export interface ZendeskUserRow {
  id: string;
  email: string | null;
  organizationId: string | null;
  role: string | null;
}

export async function readZendeskUser(
  db: Db,
  tenantId: number,
  userId: string,
): Promise<ZendeskUserRow | null> {
  const [r] = await db.query<Record<string, unknown>>(
    'SELECT zendesk_user_id, email, organization_id, role FROM zendesk_users WHERE tenant_id = $1 AND zendesk_user_id = $2',
    [tenantId, userId],
  );
  return r
    ? {
        id: r.zendesk_user_id as string,
        email: (r.email as string | null) ?? null,
        organizationId: (r.organization_id as string | null) ?? null,
        role: (r.role as string | null) ?? null,
      }
    : null;
}

/** An organization's own Zendesk tickets (not deleted) with their ratings: the sidebar's org figures. */
export async function readOrganizationTickets(
  db: Db,
  tenantId: number,
  orgId: string,
): Promise<{
  tickets: PersonTicket[];
  ratings: { rating: string; comment: string | null; submittedAt: Date }[];
}> {
  const [tickets, ratings] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT * FROM tickets WHERE tenant_id = $1 AND source = 'zendesk' AND organization_id = $2
         AND status <> 'deleted' ORDER BY created_at DESC, external_id`,
      [tenantId, orgId],
    ),
    db.query<Record<string, unknown>>(
      `SELECT s.rating, s.comment, s.submitted_at FROM tickets t JOIN survey_responses s
         ON s.tenant_id = $1 AND s.source = 'zendesk' AND s.zendesk_ticket_id = t.external_id
       WHERE t.tenant_id = $1 AND t.source = 'zendesk' AND t.organization_id = $2
         AND t.status <> 'deleted' AND s.rating IS NOT NULL AND ${zendeskAnswerCounts('s')}
       ORDER BY s.submitted_at DESC`,
      [tenantId, orgId],
    ),
  ]);
  return {
    tickets: tickets.map(ticketOf),
    ratings: ratings.map((r) => ({
      rating: r.rating as string,
      comment: (r.comment as string | null) ?? null,
      submittedAt: date(r.submitted_at)!,
    })),
  };
}

/** The account a requester's tickets count for when the requester has no organization. */
export async function accountOfEmail(db: Db, tenantId: number, email: string): Promise<string | null> {
  // The identity rule: the contact with that email (smallest id when several), then its primary company.
  const [r] = await db.query<{ company_id: string | null }>(
    `SELECT primary_company_id AS company_id FROM contacts
     WHERE tenant_id = $1 AND lower(email) = lower($2) ORDER BY ${idOrder('hubspot_contact_id')} LIMIT 1`,
    [tenantId, email],
  );
  return r?.company_id ?? null;
}

type WithoutDb<F> = F extends (db: Db, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** The few-row reads behind the deal, contact and Zendesk cards. */
export interface CardReadsApi {
  deal: WithoutDb<typeof readDeal>;
  contact: WithoutDb<typeof readContact>;
  personActivity: WithoutDb<typeof readPersonActivity>;
  zendeskOrganization: WithoutDb<typeof readZendeskOrganization>;
  zendeskUser: WithoutDb<typeof readZendeskUser>;
  organizationTickets: WithoutDb<typeof readOrganizationTickets>;
  accountOfEmail: WithoutDb<typeof accountOfEmail>;
}

export function cardReadsApi(db: Db): CardReadsApi {
  return {
    deal: (...a) => readDeal(db, ...a),
    contact: (...a) => readContact(db, ...a),
    personActivity: (...a) => readPersonActivity(db, ...a),
    zendeskOrganization: (...a) => readZendeskOrganization(db, ...a),
    zendeskUser: (...a) => readZendeskUser(db, ...a),
    organizationTickets: (...a) => readOrganizationTickets(db, ...a),
    accountOfEmail: (...a) => accountOfEmail(db, ...a),
  };
}
