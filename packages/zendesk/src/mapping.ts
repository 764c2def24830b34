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

const textContent = z.object({ type: z.string(), value: z.string().nullable().optional() }).loose();
const surveyQuestion = z
  .object({
    id: z.string(),
    type: z.string(),
    alias: z.string().nullable().optional(),
    sub_type: z.string().nullable().optional(),
    headline: textContent.nullable().optional(),
    options: z
      .array(z.object({ id: z.string().optional(), label: textContent.nullable().optional() }).loose())
      .nullable()
      .optional(),
  })
  .loose();
const answerTimes = { created_at: z.string(), updated_at: z.string().optional() };

/**
 * The typed answers of a current-CSAT survey response: the score (`rating_scale`: `rating` and
 * `rating_category` bad / neutral / good), the reason (`closed_ended`, options selected by id),
 * the comment (`open_ended`), or a question the customer skipped. Unknown answer types pass.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/
 */
export const zendeskSurveyAnswer = z.union([
  z
    .object({
      type: z.literal('rating_scale'),
      rating: z.number(),
      rating_category: z.enum(['bad', 'neutral', 'good']),
      question: surveyQuestion,
      ...answerTimes,
    })
    .loose(),
  z
    .object({
      type: z.literal('closed_ended'),
      selections: z.array(z.object({ type: z.string(), option_id: z.string().optional() }).loose()),
      question: surveyQuestion,
      ...answerTimes,
    })
    .loose(),
  z
    .object({
      type: z.literal('open_ended'),
      value: z.string().nullable().optional(),
      question: surveyQuestion,
      ...answerTimes,
    })
    .loose(),
  // A skipped question, or an answer type this code does not know (the typed ones must parse).
  z
    .object({
      type: z.string().refine((t) => !['rating_scale', 'closed_ended', 'open_ended'].includes(t)),
      question: surveyQuestion.optional(),
      ...answerTimes,
    })
    .loose(),
]);
export type ZendeskSurveyAnswer = z.infer<typeof zendeskSurveyAnswer>;

export const zendeskSurveyResponse = z
  .object({
    id: z.string().min(1),
    answers: z.array(zendeskSurveyAnswer),
    responder_id: nullableId,
    subject_zrns: z.array(z.string()).nullable().optional(),
    subjects: z
      .array(z.object({ id: zid, type: z.string(), zrn: z.string().optional() }).loose())
      .nullable()
      .optional(),
  })
  .loose();
export type ZendeskSurveyResponse = z.infer<typeof zendeskSurveyResponse>;

type Typed<T extends string> = Extract<ZendeskSurveyAnswer, { type: T; question: unknown }>;
const answerOfType = <T extends 'rating_scale' | 'closed_ended' | 'open_ended'>(
  r: ZendeskSurveyResponse,
  type: T,
) => r.answers.find((a): a is Typed<T> => a.type === type && 'question' in a && a.question !== undefined);

/** The ticket a response rates: its `ticket` subject, else a `zen:ticket:{id}` resource name. */
export function surveyTicketId(r: ZendeskSurveyResponse): string | null {
  const subject = r.subjects?.find((s) => s.type === 'ticket' || s.type === 'zen:ticket');
  if (subject) return subject.id;
  for (const zrn of r.subject_zrns ?? []) {
    const id = /^zen:ticket:(\d+)$/.exec(zrn)?.[1];
    if (id) return id;
  }
  return null;
}

/** When a response was created (the earliest answer): what `filter[created_at_start]` filters on. */
export function surveyResponseCreatedAt(r: ZendeskSurveyResponse): number | null {
  const times = r.answers.map((a) => Date.parse(a.created_at)).filter(Number.isFinite);
  return times.length ? Math.min(...times) : null;
}

/** The reason a customer chose (the selected options' labels), or null. */
export function surveyReason(r: ZendeskSurveyResponse): string | null {
  const answer = answerOfType(r, 'closed_ended');
  if (!answer) return null;
  const labels = answer.selections.map((s) => {
    const option = answer.question.options?.find((o) => o.id === s.option_id);
    return option?.label?.value ?? s.option_id ?? null;
  });
  return labels.filter((l): l is string => Boolean(l)).join('; ') || null;
}

/**
 * A current-CSAT survey response as a CSAT answer of its ticket's account: `good` when its
 * `rating_category` is good, `bad` when bad or neutral (not positive: Zendesk counts the middle
 * of a scale as not satisfied, see docs/metrics.md), at the time of the answer (the rating's
 * `updated_at`). Responses without a rating, or about something else than a ticket, are skipped.
 */
export function mapSurveyResponse(item: unknown): Mapped<SurveyResponseRecord> {
  return mapWith(zendeskSurveyResponse, surveyResponseRecord, item, (r) => {
    const rating = answerOfType(r, 'rating_scale');
    const ticketId = surveyTicketId(r);
    if (!rating || !ticketId) return 'skip';
    return {
      source: 'zendesk',
      externalId: r.id,
      surveyType: 'CSAT',
      value: null,
      rating: rating.rating_category === 'good' ? 'good' : 'bad',
      scaleMin: null,
      scaleMax: null,
      contactId: null,
      zendeskTicketId: ticketId,
      companyId: null,
      comment: answerOfType(r, 'open_ended')?.value?.trim() || null,
      submittedAt: rating.updated_at ?? rating.created_at,
    };
  });
}
