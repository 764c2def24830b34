import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { mediaTypeOf, requireContentType } from '../http/content-type.ts';
import { AppError, invalidInput } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { backgroundRefresher } from '../sync-jobs/background-refresh.ts';
import { type ApiKeyEnv, apiKeyAuth } from './api-key-auth.ts';
import { batchErrorFromZod } from './batch-errors.ts';
import {
  idempotencyHeaders,
  surveyBatchSchema,
  surveyResultSchema,
  usageBatchSchema,
  usageResultSchema,
} from './schemas.ts';
import {
  prepareSurveyAnswers,
  type SurveyRow,
  surveyContentHash,
  surveyCsvColumns,
  surveyRowsFromCsv,
} from './surveys.ts';
import {
  prepareUsageRows,
  type UsageRow,
  usageContentHash,
  usageCsvColumns,
  usageRowsFromCsv,
} from './usage.ts';

const errorSchema = z
  .object({
    error: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('IngestError');
const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const refusals = {
  400: json(
    errorSchema,
    'Invalid batch: the first bad row and field are named (`rows[3].value: NPS answers are 0-10`, details `{ row, field, line? }`); nothing was written',
  ),
  401: json(errorSchema, 'Missing, wrong or revoked API key'),
  409: json(errorSchema, 'The idempotency key was used before with other content; nothing was written'),
  413: json(errorSchema, 'Body over 10 MB'),
  415: json(errorSchema, 'Content-Type other than application/json or text/csv'),
};
const csvBody = (columns: readonly string[], example: string) => ({
  schema: z.string().openapi({
    description: `A header row naming columns among: ${columns.join(', ')}; one answer a line. Empty cells are absent values.`,
    example,
  }),
});

const surveysRoute = createRoute({
  method: 'post',
  path: '/surveys',
  tags: ['Ingestion'],
  summary: 'Survey answers (NPS, CSAT, CES) from any survey tool, as JSON or CSV',
  security: [{ ingestApiKey: [] }],
  request: {
    headers: idempotencyHeaders,
    body: {
      description: 'The whole batch is validated before anything is written.',
      content: {
        'application/json': { schema: surveyBatchSchema },
        'text/csv': csvBody(
          surveyCsvColumns,
          'accountDomain,surveyType,value,submittedAt,externalId,source\nacme.com,NPS,9,2026-03-01T10:00:00Z,r-1,delighted\n',
        ),
      },
    },
  },
  responses: {
    200: json(surveyResultSchema, 'Written (or, for a repeated idempotency key, the first answer again)'),
    ...refusals,
  },
});

const usageRoute = createRoute({
  method: 'post',
  path: '/usage',
  tags: ['Ingestion'],
  summary: 'Product usage per account per day (active users, licensed seats, logins, feature events)',
  security: [{ ingestApiKey: [] }],
  request: {
    headers: idempotencyHeaders,
    body: {
      description: 'Upserted on (account, date): a later upload for a day replaces the earlier one.',
      content: {
        'application/json': { schema: usageBatchSchema },
        'text/csv': csvBody(
          [...usageCsvColumns, 'feature:<name>'],
          'accountId,date,activeUsers,licensedSeats,logins,feature:export\n9876543210,2026-03-01,42,50,130,12\n',
        ),
      },
    },
  },
  responses: { 200: json(usageResultSchema, 'Written (or the first answer again)'), ...refusals },
});

/** A JSON body's error names the row (`rows[3].value`); a header's names the header. */
const refusal = (error: ZodError, target: string, arrayKey: string) =>
  target === 'json' ? batchErrorFromZod(error, arrayKey) : invalidInput(error, target);

const isCsv = (c: Context) => mediaTypeOf(c.req.header('content-type')) === 'text/csv';

/** The key from the header, else the body; both given and different is a mistake worth naming. */
function idempotencyKeyOf(header: string | undefined, body: string | undefined): string | null {
  if (header !== undefined && body !== undefined && header !== body)
    throw new AppError('invalid_input', 'idempotencyKey: the Idempotency-Key header and body field differ', {
      field: 'idempotencyKey',
    });
  return header ?? body ?? null;
}

function outcomeResponse<R>(
  c: Context,
  outcome:
    | { status: 'written'; result: R }
    | { status: 'replayed'; result: unknown }
    | { status: 'conflict' },
  key: string | null,
) {
  if (outcome.status === 'conflict')
    throw new AppError(
      'conflict',
      `idempotency key "${key}" was used for a batch with other content; use a new key for new content`,
      { field: 'idempotencyKey' },
    );
  if (outcome.status === 'replayed') c.header('Idempotent-Replayed', 'true');
  return outcome.result;
}

/**
 * The ingestion API (docs/ingestion.md): survey answers and product usage for data neither HubSpot
 * nor Zendesk holds, authorized by the tenant's API key. Each batch is validated whole (the first
 * bad row is named and nothing is written), written in one transaction, and at most once per
 * idempotency key.
 */
export function ingestRoutes(
  deps: Pick<AppDeps, 'store' | 'now' | 'logger'>,
  /** Who may post and for which tenant: the tenant's API key, or (the dashboard's upload) a session. */
  auth: MiddlewareHandler<ApiKeyEnv> = apiKeyAuth(deps.store),
) {
  const { store } = deps;
  const routes = createRouter<ApiKeyEnv>();
  const refresher = backgroundRefresher(deps);
  routes.use('*', auth);
  routes.use('*', requireContentType(['application/json', 'text/csv']));

  routes.openapi(
    surveysRoute,
    async (c) => {
      const tenantId = c.get('tenantId');
      let rows: SurveyRow[];
      let bodyKey: string | undefined;
      if (isCsv(c)) {
        rows = surveyRowsFromCsv(await c.req.text());
      } else {
        // Typed as JSON or CSV text by the two declared media types; here it is the JSON one.
        const body = c.req.valid('json') as z.infer<typeof surveyBatchSchema>;
        rows = body.answers.map((input, row) => ({ input, origin: { row } }));
        bodyKey = body.idempotencyKey;
      }
      const key = idempotencyKeyOf(c.req.valid('header')['idempotency-key'], bodyKey);
      const { answers, duplicates } = await prepareSurveyAnswers(store, tenantId, rows, deps.now());
      const outcome = await store.ingest.commit(
        tenantId,
        { kind: 'surveys', idempotencyKey: key, contentHash: surveyContentHash(rows) },
        async (w) => ({ received: rows.length, ...(await w.surveyAnswers(answers)), duplicates }),
      );
      if (outcome.status === 'written') refresher.schedule(tenantId);
      return c.json(surveyResultSchema.parse(outcomeResponse(c, outcome, key)), 200);
    },
    (result) => {
      if (!result.success) throw refusal(result.error, result.target, 'answers');
      return undefined;
    },
  );

  routes.openapi(
    usageRoute,
    async (c) => {
      const tenantId = c.get('tenantId');
      let rows: UsageRow[];
      let bodyKey: string | undefined;
      if (isCsv(c)) {
        rows = usageRowsFromCsv(await c.req.text());
      } else {
        const body = c.req.valid('json') as z.infer<typeof usageBatchSchema>;
        rows = body.usage.map((input, row) => ({ input, origin: { row } }));
        bodyKey = body.idempotencyKey;
      }
      const key = idempotencyKeyOf(c.req.valid('header')['idempotency-key'], bodyKey);
      const prepared = await prepareUsageRows(store, tenantId, rows, deps.now());
      const outcome = await store.ingest.commit(
        tenantId,
        { kind: 'usage', idempotencyKey: key, contentHash: usageContentHash(rows) },
        async (w) => ({
          received: rows.length,
          ...(await w.usage(prepared.rows)),
          duplicates: prepared.duplicates,
        }),
      );
      if (outcome.status === 'written') refresher.schedule(tenantId);
      return c.json(usageResultSchema.parse(outcomeResponse(c, outcome, key)), 200);
    },
    (result) => {
      if (!result.success) throw refusal(result.error, result.target, 'usage');
      return undefined;
    },
  );

  return routes;
}
