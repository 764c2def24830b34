import { z } from '@hono/zod-openapi';

/**
 * The card answers as zod schemas: the OpenAPI document is generated from them, and tests parse
 * real answers with them. docs/card-api.md explains each field.
 */

const band = z.enum(['green', 'yellow', 'red']).nullable();
const signalKey = z.string().openapi({ example: 'csat' });
const iso = z.string().openapi({ format: 'date-time' });

export const accountReportSchema = z
  .object({
    hubspotCompanyId: z.string(),
    name: z.string().nullable(),
    domain: z.string().nullable(),
    health: z.object({ score: z.number().nullable(), band }),
    nps: z.object({ score: z.number().nullable(), responses: z.number().int() }),
    csat: z.object({ score: z.number().nullable(), responses: z.number().int() }),
    fcr: z.object({
      rate: z.number().nullable(),
      firstContactResolved: z.number().int(),
      solved: z.number().int(),
    }),
    mrr: z.number().nullable(),
    arr: z.number().nullable(),
    openTickets: z.number().int(),
  })
  .openapi('AccountReport', { description: 'One element of `csm report --json`, the same values.' });

const component = z.object({
  key: signalKey,
  value: z.number(),
  score: z.number(),
  weight: z.number(),
  contribution: z.number(),
  gain: z.number(),
});

export const accountCardSchema = z
  .object({
    account: accountReportSchema,
    health: z.object({
      score: z.number().nullable(),
      band,
      components: z.array(component),
      missing: z.array(signalKey),
      biggestLever: signalKey.nullable(),
      trend: z
        .object({
          since: z.string(),
          scoreThen: z.number().nullable(),
          delta: z.number().nullable(),
          direction: z.enum(['up', 'down', 'flat']).nullable(),
          basis: z.enum(['snapshot', 'reconstructed']),
          movers: z.array(z.object({ key: signalKey, delta: z.number() })),
        })
        .nullable(),
    }),
    nps: z.object({
      score: z.number().nullable(),
      responses: z.number().int(),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      benchmark: z.object({ value: z.number(), position: z.enum(['above', 'below', 'within']) }).nullable(),
    }),
    csat: z.object({
      score: z.number().nullable(),
      responses: z.number().int(),
      good: z.number().int(),
      bad: z.number().int(),
    }),
    ces: z.object({
      score: z.number().nullable(),
      easyShare: z.number().nullable(),
      responses: z.number().int(),
    }),
    fcr: accountReportSchema.shape.fcr,
    firstReply: z.object({
      medianMinutes: z.number().nullable(),
      p90Minutes: z.number().nullable(),
      tickets: z.number().int(),
    }),
    revenue: z.object({
      mrr: z.number().nullable(),
      arr: z.number().nullable(),
      month: z.string(),
      movement: z.enum(['new', 'expansion', 'contraction', 'churn', 'reactivation', 'flat']).nullable(),
      change: z.number().nullable(),
      renewalDate: iso.nullable(),
      daysToRenewal: z.number().nullable(),
      tier: z.enum(['enterprise', 'mid-market', 'smb']).nullable(),
    }),
    tickets: z.object({
      total: z.number().int(),
      open: z.number().int(),
      urgent: z.number().int(),
      openUrgent: z.number().int(),
      last30Days: z.number().int(),
    }),
    lastSurveyComments: z.array(
      z.object({
        source: z.string(),
        surveyType: z.string(),
        value: z.number().nullable(),
        rating: z.string().nullable(),
        comment: z.string(),
        submittedAt: iso,
      }),
    ),
    computedAt: iso,
  })
  .openapi('AccountCard');

const sourceFreshness = z
  .object({
    status: z.string().openapi({
      description:
        'The latest run: running, succeeded or failed; `paused` when the source’s credential was refused (revoked or expired) and it is not synced until reconnected',
    }),
    lastRunAt: iso,
    lastSucceededAt: iso.nullable(),
    reason: z.string().optional().openapi({ description: 'Why the source is paused' }),
    pausedAt: iso.optional(),
  })
  .nullable();
export const freshnessSchema = z
  .object({ hubspot: sourceFreshness, zendesk: sourceFreshness, computedAt: iso.nullable() })
  .openapi('Freshness', {
    description: 'When each source last ran and last succeeded; null = never / not connected.',
  });

export const coverageSchema = z
  .object({
    unmatchedOrganizations: z.number().int(),
    unmatchedTickets: z.number().int(),
    contactsWithoutCompany: z.number().int(),
    companiesWithoutRevenue: z.number().int(),
  })
  .openapi('Coverage');

export const companyAnswerSchema = z
  .object({
    account: accountReportSchema,
    card: accountCardSchema,
    freshness: freshnessSchema,
    coverage: coverageSchema,
    links: z.object({ dashboard: z.string() }),
  })
  .openapi('CompanyCardAnswer');

const fcrSchema = accountReportSchema.shape.fcr;

export const dealAnswerSchema = z
  .object({
    deal: z.object({
      id: z.string(),
      name: z.string().nullable(),
      amount: z.number().nullable(),
      mrr: z.number().nullable(),
      isClosedWon: z.boolean(),
      closeDate: iso.nullable(),
      contractEndDate: iso.nullable(),
      companyId: z.string().nullable(),
    }),
    card: accountCardSchema.nullable(),
    renewalRisk: z.object({
      level: z.enum(['high', 'medium', 'low']).nullable(),
      reasons: z.array(z.string()),
    }),
    freshness: freshnessSchema,
  })
  .openapi('DealCardAnswer');

const personTicket = z.object({
  id: z.string(),
  source: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  priority: z.string().nullable(),
  replies: z.number().nullable(),
  reopens: z.number().nullable(),
  oneTouch: z.boolean().nullable(),
  createdAt: iso,
  solvedAt: iso.nullable(),
});

export const contactAnswerSchema = z
  .object({
    contact: z.object({ id: z.string(), email: z.string().nullable(), companyId: z.string().nullable() }),
    surveys: z.array(
      z.object({
        source: z.string(),
        surveyType: z.string(),
        value: z.number().nullable(),
        rating: z.string().nullable(),
        comment: z.string().nullable(),
        submittedAt: iso,
      }),
    ),
    tickets: z.array(personTicket),
    fcr: fcrSchema,
    card: accountCardSchema.nullable(),
    freshness: freshnessSchema,
  })
  .openapi('ContactCardAnswer');

const orgTickets = z.object({
  total: z.number().int(),
  open: z.number().int(),
  urgent: z.number().int(),
  openUrgent: z.number().int(),
  fcr: fcrSchema,
  csat: z.object({ good: z.number().int(), bad: z.number().int(), score: z.number().nullable() }),
  recentComments: z.array(z.object({ rating: z.string(), comment: z.string(), submittedAt: iso })),
});

export const organizationAnswerSchema = z
  .object({
    organization: z.object({ id: z.string(), name: z.string().nullable(), domainNames: z.array(z.string()) }),
    account: accountReportSchema.nullable(),
    card: accountCardSchema.nullable(),
    link: z.object({ companyId: z.string(), via: z.enum(['domain', 'mapping']) }).nullable(),
    tickets: orgTickets,
    freshness: freshnessSchema,
  })
  .openapi('OrganizationSidebarAnswer');

export const requesterAnswerSchema = z
  .object({
    requester: z.object({
      id: z.string(),
      email: z.string().nullable(),
      organizationId: z.string().nullable(),
    }),
    account: accountReportSchema.nullable(),
    card: accountCardSchema.nullable(),
    organization: organizationAnswerSchema.omit({ freshness: true }).nullable(),
    recentTickets: z.array(personTicket),
    fcr: fcrSchema,
    freshness: freshnessSchema,
  })
  .openapi('RequesterSidebarAnswer');

export const errorSchema = z
  .object({ error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .openapi('Error');
