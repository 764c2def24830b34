import type { MappedRecord } from '@csm/http';
import {
  type SurveyResponseRecord,
  surveyResponseRecord,
  type TicketRecord,
  ticketRecord,
  type ZendeskOrganizationRecord,
  type ZendeskUserRecord,
  zendeskOrganizationRecord,
  zendeskUserRecord,
} from '@csm/store';
import { z } from 'zod';

const zid = z.union([z.number(), z.string()]).transform(String);
const nullableId = zid
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** The parts of Zendesk's payloads we read; everything else passes through untouched. */
export const zendeskTicket = z
  .object({
    id: zid,
    subject: z.string().nullable().optional(),
    status: z.string(),
    priority: z.string().nullable().optional(),
    organization_id: nullableId,
    requester_id: nullableId,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .loose();

const minutes = z
  .object({ calendar: z.number().nullable().optional(), business: z.number().nullable().optional() })
  .nullable()
  .optional();

export const zendeskMetricSet = z
  .object({
    ticket_id: zid,
    replies: z.number().nullable().optional(),
    reopens: z.number().nullable().optional(),
    reply_time_in_minutes: minutes,
    full_resolution_time_in_minutes: minutes,
    solved_at: z.string().nullable().optional(),
  })
  .loose();
export type ZendeskMetricSet = z.infer<typeof zendeskMetricSet>;

export const zendeskOrganization = z
  .object({
    id: zid,
    name: z.string().nullable().optional(),
    domain_names: z.array(z.string()).nullable().optional(),
    updated_at: z.string(),
  })
  .loose();

export const zendeskUser = z
  .object({
    id: zid,
    email: z.string().nullable().optional(),
    organization_id: nullableId,
    role: z.string().nullable().optional(),
    updated_at: z.string(),
  })
  .loose();

export const zendeskSatisfactionRating = z
  .object({
    id: zid,
    ticket_id: nullableId,
    score: z.string(),
    comment: z.string().nullable().optional(),
    created_at: z.string(),
    updated_at: z.string().optional(),
  })
  .loose();

export type Mapped<T> = MappedRecord<T>;

/** Validates a raw item, then the canonical record built from it; either failure quarantines. */
export function mapWith<R, T>(
  rawSchema: z.ZodType<R>,
  recordSchema: z.ZodType<T>,
  item: unknown,
  build: (raw: R) => unknown | 'skip',
): Mapped<T> {
  const externalId = String((item as { id?: unknown } | null)?.id ?? 'unknown');
  const raw = rawSchema.safeParse(item);
  if (!raw.success) return quarantine(externalId, raw.error, item);
  const candidate = build(raw.data);
  if (candidate === 'skip') return { ok: 'skip' };
  const record = recordSchema.safeParse(candidate);
  if (!record.success) return quarantine(externalId, record.error, item);
  return { ok: true, record: record.data };
}

function quarantine(externalId: string, error: z.ZodError, payload: unknown): Mapped<never> {
  const issue = error.issues[0]!;
  return {
    ok: false,
    quarantined: { externalId, reason: `${issue.path.join('.') || '(item)'}: ${issue.message}`, payload },
  };
}

const lower = (value: string | null | undefined) => value?.trim().toLowerCase() || null;

export function mapTicket(item: unknown, metrics: Map<string, ZendeskMetricSet>): Mapped<TicketRecord> {
  return mapWith(zendeskTicket, ticketRecord, item, (t) => {
    const m = metrics.get(t.id);
    return {
      source: 'zendesk',
      externalId: t.id,
      subject: t.subject ?? null,
      status: t.status,
      priority: t.priority ?? null,
      organizationId: t.organization_id,
      requesterId: t.requester_id,
      companyId: null,
      contactId: null,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      solvedAt: m?.solved_at ?? null,
      replies: m?.replies ?? null,
      reopens: m?.reopens ?? null,
      firstReplyMinutes: m?.reply_time_in_minutes?.calendar ?? null,
      fullResolutionMinutes: m?.full_resolution_time_in_minutes?.calendar ?? null,
    };
  });
}

export function mapOrganization(item: unknown): Mapped<ZendeskOrganizationRecord> {
  return mapWith(zendeskOrganization, zendeskOrganizationRecord, item, (o) => ({
    zendeskOrgId: o.id,
    name: o.name ?? null,
    domainNames: (o.domain_names ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean),
    updatedAt: o.updated_at,
  }));
}

export function mapUser(item: unknown): Mapped<ZendeskUserRecord> {
  return mapWith(zendeskUser, zendeskUserRecord, item, (u) => ({
    zendeskUserId: u.id,
    email: lower(u.email),
    organizationId: u.organization_id,
    role: u.role ?? null,
    updatedAt: u.updated_at,
  }));
}

/** Only `good` and `bad` are answers; `offered` and `unoffered` are skipped. */
export function mapSatisfactionRating(item: unknown): Mapped<SurveyResponseRecord> {
  return mapWith(zendeskSatisfactionRating, surveyResponseRecord, item, (r) => {
    if (r.score !== 'good' && r.score !== 'bad') return 'skip';
    return {
      source: 'zendesk',
      externalId: r.id,
      surveyType: 'CSAT',
      value: null,
      rating: r.score,
      scaleMin: null,
      scaleMax: null,
      contactId: null,
      zendeskTicketId: r.ticket_id,
      companyId: null,
      comment: r.comment?.trim() || null,
      submittedAt: r.updated_at ?? r.created_at,
    };
  });
}
