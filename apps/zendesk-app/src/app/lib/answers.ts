import { z } from 'zod';

/**
 * The backend's sidebar answers (docs/card-api.md), as far as the sidebar reads them. Every
 * answer is parsed before it is shown: an answer of another shape is an error the agent sees,
 * not a blank or a wrong number. Unknown fields are ignored, so the server may add more.
 */

const count = z.number().int().nonnegative();
const fcr = z.object({ rate: z.number().nullable(), firstContactResolved: count, solved: count });
const iso = z.string();

export const BANDS = ['green', 'yellow', 'red'] as const;
export type Band = (typeof BANDS)[number];

export const accountCardSchema = z.object({
  account: z.object({
    hubspotCompanyId: z.string(),
    name: z.string().nullable(),
    domain: z.string().nullable(),
  }),
  health: z.object({
    score: z.number().nullable(),
    band: z.enum(BANDS).nullable(),
    components: z.array(
      z.object({ key: z.string(), value: z.number(), score: z.number(), gain: z.number() }),
    ),
    missing: z.array(z.string()),
    trend: z
      .object({ delta: z.number().nullable(), direction: z.enum(['up', 'down', 'flat']).nullable() })
      .nullable(),
  }),
  nps: z.object({ score: z.number().nullable(), responses: count }),
  csat: z.object({ score: z.number().nullable(), responses: count, good: count, bad: count }),
  fcr,
  revenue: z.object({
    mrr: z.number().nullable(),
    renewalDate: iso.nullable(),
    daysToRenewal: z.number().nullable(),
    tier: z.enum(['enterprise', 'mid-market', 'smb']).nullable(),
  }),
  tickets: z.object({ open: count, urgent: count, openUrgent: count }),
  lastSurveyComments: z.array(
    z.object({
      surveyType: z.string(),
      rating: z.string().nullable(),
      comment: z.string(),
      submittedAt: iso,
    }),
  ),
  computedAt: iso,
});

const organizationPart = z.object({
  organization: z.object({ id: z.string(), name: z.string().nullable(), domainNames: z.array(z.string()) }),
  card: accountCardSchema.nullable(),
  link: z.object({ companyId: z.string(), via: z.string() }).nullable(),
  tickets: z.object({
    total: count,
    open: count,
    urgent: count,
    openUrgent: count,
    fcr,
    csat: z.object({ good: count, bad: count, score: z.number().nullable() }),
    recentComments: z.array(z.object({ rating: z.string(), comment: z.string(), submittedAt: iso })),
  }),
});

const sourceFreshness = z.object({ status: z.string(), lastSucceededAt: iso.nullable() }).nullable();
const freshness = z.object({
  hubspot: sourceFreshness,
  zendesk: sourceFreshness,
  computedAt: iso.nullable(),
});

export const organizationAnswerSchema = organizationPart.extend({ freshness });

export const requesterAnswerSchema = z.object({
  requester: z.object({
    id: z.string(),
    email: z.string().nullable(),
    organizationId: z.string().nullable(),
  }),
  card: accountCardSchema.nullable(),
  organization: organizationPart.nullable(),
  recentTickets: z.array(
    z.object({ id: z.string(), status: z.string(), oneTouch: z.boolean().nullable(), createdAt: iso }),
  ),
  fcr,
  freshness,
});

export type AccountCard = z.infer<typeof accountCardSchema>;
export type OrganizationPart = z.infer<typeof organizationPart>;
export type OrganizationAnswer = z.infer<typeof organizationAnswerSchema>;
export type RequesterAnswer = z.infer<typeof requesterAnswerSchema>;
export type Freshness = z.infer<typeof freshness>;
export type Fcr = z.infer<typeof fcr>;
