/**
 * Canonical records: what the connectors map HubSpot and Zendesk payloads into and what the store
 * keeps. One zod schema per record; types come from `z.infer`. Ids stay strings (HubSpot and
 * Zendesk ids pass 2^53 in large portals). Times are Dates in UTC.
 */
import { z } from 'zod';

const id = z.string().min(1);
const time = z.coerce.date();
const nullableTime = z.coerce.date().nullable();

export const companyRecord = z.object({
  hubspotCompanyId: id,
  name: z.string().nullable(),
  /** Lower-cased, without scheme or `www.`; the key that links Zendesk organizations. */
  domain: z.string().nullable(),
  ownerId: z.string().nullable(),
  createdAt: nullableTime,
  updatedAt: time,
  /** HubSpot's `notes_last_contacted`: the company's last call, email or meeting. */
  notesLastContacted: nullableTime.default(null),
});
export type CompanyRecord = z.infer<typeof companyRecord>;

export const contactRecord = z.object({
  hubspotContactId: id,
  /** Lower-cased. */
  email: z.string().nullable(),
  /** HubSpot's primary company (`associatedcompanyid`). */
  primaryCompanyId: z.string().nullable(),
  updatedAt: time,
});
export type ContactRecord = z.infer<typeof contactRecord>;

export const dealRecord = z.object({
  hubspotDealId: id,
  name: z.string().nullable(),
  amount: z.number().nullable(),
  /** `hs_mrr` as HubSpot holds it; null when unset (then MRR = amount / 12). */
  mrr: z.number().nullable(),
  isClosedWon: z.boolean(),
  closeDate: nullableTime,
  /** Deal property `csm_contract_end_date`. */
  contractEndDate: nullableTime,
  /** The company of the deal's primary company association. */
  companyId: z.string().nullable(),
  updatedAt: time,
  /** The deal's own currency (`deal_currency_code`, ISO 4217); null when HubSpot has none. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
    .nullable()
    .default(null),
});
export type DealRecord = z.infer<typeof dealRecord>;

export const ticketStatus = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
export const ticketPriority = z.enum(['low', 'normal', 'high', 'urgent']);

export const ticketRecord = z.object({
  source: z.enum(['zendesk', 'hubspot']),
  externalId: id,
  subject: z.string().nullable(),
  status: ticketStatus,
  priority: ticketPriority.nullable(),
  /** Zendesk only: the ticket's organization and requester. */
  organizationId: z.string().nullable(),
  requesterId: z.string().nullable(),
  /** HubSpot only: the associated company and contact. */
  companyId: z.string().nullable(),
  contactId: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
  solvedAt: nullableTime,
  /** From Zendesk's ticket metric set; null where the source has none. */
  replies: z.number().int().nonnegative().nullable(),
  reopens: z.number().int().nonnegative().nullable(),
  firstReplyMinutes: z.number().nonnegative().nullable(),
  fullResolutionMinutes: z.number().nonnegative().nullable(),
});
export type TicketRecord = z.infer<typeof ticketRecord>;

export const surveyType = z.enum(['NPS', 'CSAT', 'CES']);

export const surveyResponseRecord = z.object({
  source: z.enum(['hubspot', 'zendesk', 'ingest']),
  externalId: id,
  surveyType,
  /** Numeric answer (NPS 0-10, HubSpot CSAT 0-2, CES 1-7, ingested CSAT on its scale). */
  value: z.number().nullable(),
  /** Zendesk satisfaction rating; null for numeric answers. */
  rating: z.enum(['good', 'bad']).nullable(),
  scaleMin: z.number().nullable(),
  scaleMax: z.number().nullable(),
  contactId: z.string().nullable(),
  /** Zendesk satisfaction ratings: the rated ticket. */
  zendeskTicketId: z.string().nullable(),
  /** Ingested answers name their account directly. */
  companyId: z.string().nullable(),
  comment: z.string().nullable(),
  submittedAt: time,
});
export type SurveyResponseRecord = z.infer<typeof surveyResponseRecord>;

export const zendeskOrganizationRecord = z.object({
  zendeskOrgId: id,
  name: z.string().nullable(),
  /** Lower-cased. */
  domainNames: z.array(z.string()),
  updatedAt: time,
});
export type ZendeskOrganizationRecord = z.infer<typeof zendeskOrganizationRecord>;

export const zendeskUserRecord = z.object({
  zendeskUserId: id,
  email: z.string().nullable(),
  organizationId: z.string().nullable(),
  role: z.string().nullable(),
  updatedAt: time,
});
export type ZendeskUserRecord = z.infer<typeof zendeskUserRecord>;

/** A HubSpot owner: the user a company's `hubspot_owner_id` names. */
export const ownerRecord = z.object({
  hubspotOwnerId: id,
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** A deactivated user, still the owner of the records it had. */
  archived: z.boolean(),
  updatedAt: time,
});
export type OwnerRecord = z.infer<typeof ownerRecord>;

/** Every kind of record, keyed by the name the store and the streams use. */
export const recordSchemas = {
  companies: companyRecord,
  contacts: contactRecord,
  deals: dealRecord,
  tickets: ticketRecord,
  surveyResponses: surveyResponseRecord,
  owners: ownerRecord,
  zendeskOrganizations: zendeskOrganizationRecord,
  zendeskUsers: zendeskUserRecord,
} as const;
export type RecordKind = keyof typeof recordSchemas;
export type RecordOf<K extends RecordKind> = z.infer<(typeof recordSchemas)[K]>;
