import { z } from 'zod';
import { accountCardSchema } from './card.ts';
import { accountReportSchema } from './report.ts';

/** The answers of the card routes (HubSpot record cards) and sidebar routes (Zendesk app). */

const iso = z.string().meta({ format: 'date-time' });

const sourceFreshness = z
  .object({
    status: z.string().meta({
      description:
        'The latest run: running, succeeded or failed; `paused` when the source’s credential was refused (revoked or expired) and it is not synced until reconnected',
    }),
    lastRunAt: iso,
    lastSucceededAt: iso.nullable(),
    reason: z.string().optional().meta({ description: 'Why the source is paused' }),
    pausedAt: iso.optional(),
  })
  .nullable();
export const freshnessSchema = z
  .object({ hubspot: sourceFreshness, zendesk: sourceFreshness, computedAt: iso.nullable() })
  .meta({
    id: 'Freshness',
    description: 'When each source last ran and last succeeded; null = never / not connected.',
  });
export type Freshness = z.infer<typeof freshnessSchema>;

export const coverageSchema = z
  .object({
    unmatchedOrganizations: z.number().int(),
    unmatchedTickets: z.number().int(),
    contactsWithoutCompany: z.number().int(),
    companiesWithoutRevenue: z.number().int(),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;

export const companyAnswerSchema = z
  .object({
    account: accountReportSchema,
    card: accountCardSchema,
    freshness: freshnessSchema,
    coverage: coverageSchema,
    links: z.object({ dashboard: z.string() }),
  })
  .meta({ id: 'CompanyCardAnswer' });
export type CompanyAnswer = z.infer<typeof companyAnswerSchema>;

const fcrSchema = z.object({
  rate: z.number().nullable(),
  firstContactResolved: z.number().int(),
  solved: z.number().int(),
});

export const renewalRiskSchema = z.object({
  level: z.enum(['high', 'medium', 'low']).nullable(),
  reasons: z.array(z.string()),
});

export const dealAnswerSchema = z
  .object({
    deal: z.object({
      id: z.string(),
      name: z.string().nullable(),
      amount: z.number().nullable(),
      mrr: z.number().nullable(),
      /** The deal's own currency when it has one, else the portal's. */
      currency: z.string().nullable(),
      isClosedWon: z.boolean(),
      closeDate: iso.nullable(),
      contractEndDate: iso.nullable(),
      companyId: z.string().nullable(),
    }),
    card: accountCardSchema.nullable(),
    renewalRisk: renewalRiskSchema,
    freshness: freshnessSchema,
  })
  .meta({ id: 'DealCardAnswer' });
export type DealAnswer = z.infer<typeof dealAnswerSchema>;

export const personTicketSchema = z.object({
  id: z.string(),
  source: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  priority: z.string().nullable(),
  replies: z.number().nullable(),
  reopens: z.number().nullable(),
  /** Counts toward FCR as resolved (true), not resolved (false), or not at all (null). */
  oneTouch: z.boolean().nullable(),
  createdAt: iso,
  solvedAt: iso.nullable(),
});
export type PersonTicketView = z.infer<typeof personTicketSchema>;

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
    tickets: z.array(personTicketSchema),
    fcr: fcrSchema,
    card: accountCardSchema.nullable(),
    freshness: freshnessSchema,
  })
  .meta({ id: 'ContactCardAnswer' });
export type ContactAnswer = z.infer<typeof contactAnswerSchema>;

export const organizationTicketsSchema = z.object({
  total: z.number().int(),
  open: z.number().int(),
  urgent: z.number().int(),
  openUrgent: z.number().int(),
  fcr: fcrSchema.extend({ windowDays: z.number().int(), lowConfidence: z.boolean() }),
  csat: z.object({
    good: z.number().int(),
    bad: z.number().int(),
    score: z.number().nullable(),
    responses: z.number().int(),
    windowDays: z.number().int(),
    lowConfidence: z.boolean(),
  }),
  recentComments: z.array(z.object({ rating: z.string(), comment: z.string(), submittedAt: iso })),
});
export type OrganizationTickets = z.infer<typeof organizationTicketsSchema>;

export const organizationAnswerSchema = z
  .object({
    organization: z.object({ id: z.string(), name: z.string().nullable(), domainNames: z.array(z.string()) }),
    account: accountReportSchema.nullable(),
    card: accountCardSchema.nullable(),
    link: z.object({ companyId: z.string(), via: z.enum(['domain', 'mapping']) }).nullable(),
    tickets: organizationTicketsSchema,
    freshness: freshnessSchema,
  })
  .meta({ id: 'OrganizationSidebarAnswer' });
export type OrganizationAnswer = z.infer<typeof organizationAnswerSchema>;

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
    recentTickets: z.array(personTicketSchema),
    fcr: fcrSchema,
    freshness: freshnessSchema,
  })
  .meta({ id: 'RequesterSidebarAnswer' });
export type RequesterAnswer = z.infer<typeof requesterAnswerSchema>;
