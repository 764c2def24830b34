import { z } from 'zod';
import { accountOwnerSchema } from './owner.ts';
import { accountReportSchema, healthBandSchema } from './report.ts';

const signalKey = z.string().meta({ example: 'csat' });
const iso = z.string().meta({ format: 'date-time' });

/** The sample behind a windowed figure: its window and whether it rests on fewer than 5 answers. */
const sample = { windowDays: z.number().int(), lowConfidence: z.boolean() };

export const cardComponentSchema = z.object({
  key: signalKey,
  value: z.number(),
  score: z.number(),
  weight: z.number(),
  contribution: z.number(),
  /** Points the health score would gain if this component scored 100. */
  gain: z.number(),
});
export type CardComponent = z.infer<typeof cardComponentSchema>;

export const mrrMovementKindSchema = z.enum([
  'new',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'flat',
]);

/** What a card shows of one account (docs/card-api.md explains each field). */
export const accountCardSchema = z
  .object({
    account: accountReportSchema,
    health: z.object({
      score: z.number().nullable(),
      band: healthBandSchema,
      components: z.array(cardComponentSchema),
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
      ...sample,
    }),
    csat: z.object({
      score: z.number().nullable(),
      responses: z.number().int(),
      /** Positive answers of every source (Zendesk good, top quarter of a numeric scale). */
      positive: z.number().int(),
      /** Zendesk good / bad ratings among the responses. */
      good: z.number().int(),
      bad: z.number().int(),
      ...sample,
    }),
    ces: z.object({
      score: z.number().nullable(),
      easyShare: z.number().nullable(),
      responses: z.number().int(),
      ...sample,
    }),
    fcr: z.object({
      rate: z.number().nullable(),
      firstContactResolved: z.number().int(),
      solved: z.number().int(),
      ...sample,
    }),
    firstReply: z.object({
      medianMinutes: z.number().nullable(),
      p90Minutes: z.number().nullable(),
      tickets: z.number().int(),
      windowDays: z.number().int(),
    }),
    revenue: z.object({
      mrr: z.number().nullable(),
      arr: z.number().nullable(),
      currency: z.string().nullable(),
      month: z.string(),
      movement: mrrMovementKindSchema.nullable(),
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
    lastTouch: z.object({ at: iso.nullable(), daysSince: z.number().int().nullable() }),
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
    /**
     * Who owns the account (HubSpot's company owner, named by the owners stream); null without one.
     * Absent from cards stored before it existed, until their next refresh.
     */
    owner: accountOwnerSchema.nullable().optional(),
    computedAt: iso,
  })
  .meta({ id: 'AccountCard' });
export type AccountCard = z.infer<typeof accountCardSchema>;
