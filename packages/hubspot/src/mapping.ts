import type { MappedRecord } from '@csm/http';
import {
  type CompanyRecord,
  type ContactRecord,
  companyRecord,
  contactRecord,
  type DealRecord,
  dealRecord,
  type SurveyResponseRecord,
  surveyResponseRecord,
  type TicketRecord,
  ticketRecord,
} from '@csm/store';
import { z } from 'zod';

/** A CRM object as the v3 objects and search endpoints return it (property values are strings). */
export const hubspotObject = z
  .object({
    id: z.coerce.string(),
    properties: z.record(z.string(), z.string().nullable()),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    archived: z.boolean().optional(),
    associations: z
      .record(z.string(), z.object({ results: z.array(z.object({ id: z.string(), type: z.string() })) }))
      .optional(),
  })
  // The top-level timestamps are always there in HubSpot's answers; fall back to the properties
  // that carry the same instants rather than quarantine an object that lacks them.
  .transform((o) => ({
    ...o,
    createdAt: o.createdAt ?? o.properties.createdate ?? o.properties.hs_createdate ?? '',
    updatedAt: o.updatedAt ?? o.properties.hs_lastmodifieddate ?? o.properties.lastmodifieddate ?? '',
  }));
export type HubSpotObject = z.infer<typeof hubspotObject>;

/** Primary association ids resolved for a page (from inline v3 associations or v4 batch reads). */
export type PrimaryAssociations = Map<string, string>;

type Mapped<T> = MappedRecord<T>;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function number(value: string | null | undefined): number | null {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** HubSpot dates come as ISO strings, `YYYY-MM-DD`, or epoch milliseconds. */
export function hubspotDate(value: string | null | undefined): Date | null {
  const t = text(value);
  if (t === null) return null;
  const date = /^\d+$/.test(t) ? new Date(Number(t)) : new Date(t);
  return Number.isNaN(date.getTime()) ? new Date(Number.NaN) : date;
}

/** `https://www.Acme.com/about` -> `acme.com`. */
export function normalizeDomain(value: string | null | undefined): string | null {
  const t = text(value)?.toLowerCase();
  if (!t) return null;
  return (
    t
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#:].*$/, '') || null
  );
}

function finish<T>(schema: z.ZodType<T>, raw: HubSpotObject, candidate: unknown): Mapped<T> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    ok: false,
    quarantined: { externalId: raw.id, reason: `${issue.path.join('.')}: ${issue.message}`, payload: raw },
  };
}

export function mapCompany(raw: HubSpotObject): Mapped<CompanyRecord> {
  const p = raw.properties;
  return finish(companyRecord, raw, {
    hubspotCompanyId: raw.id,
    name: text(p.name),
    domain: normalizeDomain(p.domain),
    ownerId: text(p.hubspot_owner_id),
    createdAt: hubspotDate(p.createdate) ?? hubspotDate(raw.createdAt),
    updatedAt: raw.updatedAt,
    notesLastContacted: hubspotDate(p.notes_last_contacted),
  });
}

export function mapContact(raw: HubSpotObject): Mapped<ContactRecord> {
  const p = raw.properties;
  return finish(contactRecord, raw, {
    hubspotContactId: raw.id,
    email: text(p.email)?.toLowerCase() ?? null,
    primaryCompanyId: text(p.associatedcompanyid),
    updatedAt: raw.updatedAt,
  });
}

export function mapDeal(raw: HubSpotObject, companies: PrimaryAssociations): Mapped<DealRecord> {
  const p = raw.properties;
  return finish(dealRecord, raw, {
    hubspotDealId: raw.id,
    name: text(p.dealname),
    amount: number(p.amount),
    mrr: number(p.hs_mrr),
    isClosedWon: p.hs_is_closed_won === 'true',
    closeDate: hubspotDate(p.closedate),
    contractEndDate: hubspotDate(p.csm_contract_end_date),
    companyId: companies.get(raw.id) ?? null,
    updatedAt: raw.updatedAt,
    currency: text(p.deal_currency_code)?.toUpperCase() ?? null,
  });
}

/** Default ticket pipeline stages: 1 New, 2 Waiting on contact, 3 Waiting on us, 4 Closed. */
const ticketStages: Record<string, TicketRecord['status']> = {
  '1': 'new',
  '2': 'pending',
  '3': 'open',
  '4': 'closed',
};
const ticketPriorities: Record<string, TicketRecord['priority']> = {
  LOW: 'low',
  MEDIUM: 'normal',
  HIGH: 'high',
  URGENT: 'urgent',
};

export function mapTicket(
  raw: HubSpotObject,
  companies: PrimaryAssociations,
  contacts: PrimaryAssociations,
): Mapped<TicketRecord> {
  const p = raw.properties;
  const stage = text(p.hs_pipeline_stage);
  const closedAt = hubspotDate(p.closed_date);
  // Custom pipelines name their own stages; a ticket with a close date is closed, any other is open.
  const status = (stage && ticketStages[stage]) ?? (closedAt ? 'closed' : 'open');
  return finish(ticketRecord, raw, {
    source: 'hubspot',
    externalId: raw.id,
    subject: text(p.subject),
    status: raw.archived ? 'deleted' : status,
    priority: ticketPriorities[text(p.hs_ticket_priority)?.toUpperCase() ?? ''] ?? null,
    organizationId: null,
    requesterId: null,
    companyId: companies.get(raw.id) ?? null,
    contactId: contacts.get(raw.id) ?? null,
    createdAt: hubspotDate(p.createdate) ?? raw.createdAt,
    updatedAt: raw.updatedAt,
    solvedAt: closedAt,
    replies: null,
    reopens: null,
    firstReplyMinutes: null,
    fullResolutionMinutes: null,
  });
}

/** Answer ranges of HubSpot's survey types; NPS 0-10, CSAT 0 / 1 / 2 (unhappy / neutral / happy), CES 1-7. */
const surveyScales = { NPS: [0, 10], CSAT: [0, 2], CES: [1, 7] } as const;

export function mapFeedbackSubmission(
  raw: HubSpotObject,
  contacts: PrimaryAssociations,
): Mapped<SurveyResponseRecord> {
  const p = raw.properties;
  const type = text(p.hs_survey_type)?.toUpperCase();
  // CUSTOM surveys carry no KPI; they are counted as skipped, not quarantined.
  if (type !== 'NPS' && type !== 'CSAT' && type !== 'CES') return { ok: 'skip' };
  const [min, max] = surveyScales[type];
  const value = number(p.hs_value);
  if (value === null || !Number.isInteger(value) || value < min || value > max) {
    return {
      ok: false,
      quarantined: {
        externalId: raw.id,
        reason: `hs_value: ${type} answer must be an integer ${min}-${max}, got ${JSON.stringify(p.hs_value)}`,
        payload: raw,
      },
    };
  }
  return finish(surveyResponseRecord, raw, {
    source: 'hubspot',
    externalId: raw.id,
    surveyType: type,
    value,
    rating: null,
    scaleMin: min,
    scaleMax: max,
    contactId: contacts.get(raw.id) ?? null,
    zendeskTicketId: null,
    companyId: null,
    comment: text(p.hs_content),
    submittedAt: hubspotDate(p.hs_submission_timestamp) ?? hubspotDate(p.hs_createdate) ?? raw.createdAt,
  });
}
