import { z } from '@hono/zod-openapi';
import { isRecordId } from '../http/ids.ts';

/**
 * The ingestion API's rows as zod schemas: the OpenAPI document is generated from them, JSON bodies
 * and CSV rows are validated by them. docs/ingestion.md explains each field.
 */

/** The most rows one batch may hold (bodies are capped at 10 MB too). */
export const MAX_BATCH_ROWS = 50_000;

const accountId = z
  .union([
    z.string().refine(isRecordId, 'a HubSpot company id: a positive integer of at most 19 digits'),
    z.number().int().positive(),
  ])
  .openapi({ description: 'HubSpot company id (the account)', example: '9876543210' });
const accountDomain = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[^\s/@]+\.[^\s/@]+$/, 'a domain such as acme.com')
  .openapi({ description: 'Domain of the HubSpot company, when the id is unknown', example: 'acme.com' });
const source = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/i, '1-40 letters, digits, dots, dashes or underscores')
  .openapi({ description: 'The tool the data comes from', example: 'delighted' });
/** ISO 8601 with a time zone (`Z` or an offset), an ISO date (midnight UTC), or Unix seconds. */
const instant = z
  .union([
    z.iso.datetime({ offset: true, message: 'an ISO 8601 time with a zone, e.g. 2026-03-01T10:00:00Z' }),
    z.iso.date(),
    z.number().int().nonnegative(),
  ])
  .openapi({
    description: 'ISO 8601 time with a zone, an ISO date (UTC), or Unix seconds',
    example: '2026-03-01T10:00:00Z',
  });

const oneAccount = <T extends { accountId?: unknown; accountDomain?: unknown }>(
  row: T,
  ctx: z.RefinementCtx,
) => {
  if ((row.accountId === undefined) === (row.accountDomain === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['accountId'],
      message: 'name the account by accountId or by accountDomain (one of the two)',
    });
  }
};

/** Scale of each survey type: NPS and CES are fixed, CSAT is the tool's own (default 1-5). */
export const defaultScales = {
  NPS: { min: 0, max: 10 },
  CSAT: { min: 1, max: 5 },
  CES: { min: 1, max: 7 },
} as const;

export const surveyAnswerSchema = z
  .strictObject({
    accountId: accountId.optional(),
    accountDomain: accountDomain.optional(),
    surveyType: z.enum(['NPS', 'CSAT', 'CES']),
    value: z.number().finite().openapi({ description: 'NPS 0-10, CES 1-7, CSAT on its scale', example: 9 }),
    scale: z
      .strictObject({ min: z.number().finite(), max: z.number().finite() })
      .optional()
      .openapi({ description: 'CSAT only (default 1-5); NPS is 0-10 and CES 1-7' }),
    comment: z.string().max(10_000).nullable().optional(),
    respondentEmail: z.email('an email address').max(320).nullable().optional(),
    submittedAt: instant,
    externalId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The tool's id of the answer: re-sending it updates instead of duplicating" }),
    source: source.optional(),
  })
  .superRefine((row, ctx) => {
    oneAccount(row, ctx);
    const fixed = row.surveyType === 'CSAT' ? null : defaultScales[row.surveyType];
    const scale = row.scale ?? defaultScales[row.surveyType];
    if (fixed && row.scale && (row.scale.min !== fixed.min || row.scale.max !== fixed.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: `${row.surveyType} is on ${fixed.min}-${fixed.max}; leave scale out or convert the answers`,
      });
      return;
    }
    if (!(scale.min < scale.max) || scale.max - scale.min > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: 'scale.min must be below scale.max (at most 100 apart)',
      });
      return;
    }
    if (row.value < scale.min || row.value > scale.max) {
      const what =
        row.surveyType === 'CSAT'
          ? `CSAT answers on a ${scale.min}-${scale.max} scale`
          : `${row.surveyType} answers`;
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${what} are ${scale.min}-${scale.max}` });
    } else if (row.surveyType !== 'CSAT' && !Number.isInteger(row.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${row.surveyType} answers are whole numbers`,
      });
    }
  })
  .openapi('SurveyAnswer');
export type SurveyAnswerInput = z.infer<typeof surveyAnswerSchema>;

const idempotencyKey = z.string().min(1).max(200).openapi({
  description:
    'Same key and content: the first answer again, nothing written twice. Or the Idempotency-Key header.',
});

export const surveyBatchSchema = z
  .strictObject({
    idempotencyKey: idempotencyKey.optional(),
    answers: z.array(surveyAnswerSchema).min(1).max(MAX_BATCH_ROWS),
  })
  .openapi('SurveyBatch');

const count = z.number().int().nonnegative().max(2_147_483_647);

export const usageRowSchema = z
  .strictObject({
    accountId: accountId.optional(),
    accountDomain: accountDomain.optional(),
    date: z.iso.date('a date YYYY-MM-DD').openapi({ description: 'The day (UTC)', example: '2026-03-01' }),
    activeUsers: count.openapi({ example: 42 }),
    licensedSeats: count.openapi({ example: 50 }),
    logins: count.optional(),
    featureEvents: z
      .record(z.string().min(1).max(100), count)
      .optional()
      .openapi({ description: 'Events per feature that day', example: { export: 12, dashboards: 40 } }),
    source: source.optional(),
  })
  .superRefine((row, ctx) => {
    oneAccount(row, ctx);
    if (row.featureEvents && Object.keys(row.featureEvents).length > 200)
      ctx.addIssue({ code: 'custom', path: ['featureEvents'], message: 'at most 200 features a day' });
  })
  .openapi('UsageRow');
export type UsageRowInput = z.infer<typeof usageRowSchema>;

export const usageBatchSchema = z
  .strictObject({
    idempotencyKey: idempotencyKey.optional(),
    usage: z.array(usageRowSchema).min(1).max(MAX_BATCH_ROWS),
  })
  .openapi('UsageBatch');

export const idempotencyHeaders = z.object({
  'idempotency-key': idempotencyKey.optional(),
});

export const surveyResultSchema = z
  .object({
    received: z.number().int().openapi({ description: 'Rows in the batch' }),
    inserted: z.number().int(),
    updated: z
      .number()
      .int()
      .openapi({ description: 'Answers already stored (same externalId) whose content changed' }),
    unchanged: z.number().int().openapi({ description: 'Answers already stored as sent' }),
    duplicates: z.number().int().openapi({ description: 'Rows repeating an earlier row of the same batch' }),
  })
  .openapi('SurveyIngestResult');

export const usageResultSchema = z
  .object({
    received: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int().openapi({ description: 'Account-days already stored, now replaced' }),
    unchanged: z.number().int(),
    duplicates: z.number().int(),
  })
  .openapi('UsageIngestResult');
