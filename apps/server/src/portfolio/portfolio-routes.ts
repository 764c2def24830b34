import { tenantPortfolio } from '@csm/accounts';
import { portfolioFiguresSchema } from '@csm/metrics';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { type ApiKeyEnv, apiKeyAuth } from '../ingest/api-key-auth.ts';

const errorSchema = z
  .object({ error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .openapi('PortfolioError');
const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const query = z
  .strictObject({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM')
      .optional(),
    quarter: z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'quarter: YYYY-Qn')
      .optional(),
  })
  .refine((q) => (q.month === undefined) !== (q.quarter === undefined), {
    message: 'give exactly one of month (YYYY-MM) or quarter (YYYY-Qn)',
    path: ['month'],
  });

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Portfolio'],
  summary: 'The tenant’s portfolio figures for a month or a quarter',
  description:
    'MRR, ARR, NRR, GRR, customer and revenue churn, quick ratio, renewal rate, ARPU, NPS, CSAT, FCR, first-reply median / p90, tickets per account and MRR movements over the period (half-open, UTC). Formulas: docs/metrics.md.',
  security: [{ ingestApiKey: [] }],
  request: { query },
  responses: {
    200: json(portfolioFiguresSchema.meta({ id: 'PortfolioFigures' }), 'The figures'),
    400: json(errorSchema, 'Invalid period (the field is named)'),
    401: json(errorSchema, 'Missing, wrong or revoked API key'),
  },
});

/** `GET /api/v1/portfolio?month=YYYY-MM` (or `quarter=YYYY-Qn`), authorized by the tenant's API key. */
export function portfolioRoutes(deps: Pick<AppDeps, 'store'>) {
  const routes = createRouter<ApiKeyEnv>();
  routes.use('*', apiKeyAuth(deps.store));
  routes.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const period = q.month ? { month: q.month } : { quarter: q.quarter! };
    return c.json(await tenantPortfolio(deps.store, c.get('tenantId'), period), 200);
  });
  return routes;
}
