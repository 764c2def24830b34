import { portfolioFigures, portfolioFiguresSchema, quarterSchema } from '@csm/metrics';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import { common, refusals } from './account-routes.ts';
import type { DashboardEnv } from './dashboard-access.ts';
import { tenantParam } from './dashboard-schemas.ts';
import type { PortfolioInputs } from './portfolio-input.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

// A schema of @csm/metrics (plain zod): named for the OpenAPI document through its metadata.
const figures = portfolioFiguresSchema.meta({
  id: 'PortfolioFigures',
  description: 'portfolioFigures of @csm/metrics for one UTC month or quarter (docs/metrics.md).',
});

const periodQuery = z.object({
  period: z
    .union([z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), quarterSchema])
    .optional()
    .openapi({
      description: 'A month (YYYY-MM) or a quarter (YYYY-Qn); default this month',
      example: '2026-Q2',
    }),
});

const portfolioRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/portfolio',
  summary: 'The portfolio’s figures for a month or quarter, and for the one before it',
  request: { params: tenantParam, query: periodQuery },
  responses: {
    200: json(
      z.object({ figures, previous: figures, currency: z.string().nullable() }).openapi('Portfolio'),
      'The figures',
    ),
    ...refusals,
  },
});

const seriesRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/portfolio/months',
  summary: 'The portfolio’s figures for each of the last months (MRR movements, NRR, GRR, churn, NPS, CSAT)',
  request: {
    params: tenantParam,
    query: z.object({ months: z.coerce.number().int().min(1).max(36).default(18) }),
  },
  responses: {
    200: json(
      z.object({ months: z.array(figures), currency: z.string().nullable() }).openapi('PortfolioMonths'),
      'Oldest first',
    ),
    ...refusals,
  },
});

const monthText = (d: Date) => d.toISOString().slice(0, 7);

/** The period before a month or quarter ('2026-01' -> '2025-12', '2026-Q1' -> '2025-Q4'). */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  return monthText(new Date(Date.UTC(year, Number(period.slice(5, 7)) - 2, 1)));
}

const asPeriod = (p: string) => (p[5] === 'Q' ? { quarter: p } : { month: p });

/**
 * Portfolio figures, every one from `portfolioFigures` of `@csm/metrics` over every account's dated
 * facts (read once per tenant and refresh).
 */
export function portfolioRoutes({ inputs, now }: { inputs: PortfolioInputs; now: () => Date }) {
  const app = createRouter<DashboardEnv>();
  const figuresOf = async (tenantId: number) => {
    const { input, memo } = await inputs.of(tenantId);
    return (period: string) => memo(`figures:${period}`, () => portfolioFigures(input, asPeriod(period)));
  };

  app.openapi(portfolioRoute, async (c) => {
    const tenant = c.get('tenant');
    const period = c.req.valid('query').period ?? monthText(now());
    const of = await figuresOf(tenant.id);
    return c.json(
      { figures: of(period), previous: of(previousPeriod(period)), currency: tenant.currency },
      200,
    );
  });

  app.openapi(seriesRoute, async (c) => {
    const tenant = c.get('tenant');
    const { months } = c.req.valid('query');
    const at = now();
    const of = await figuresOf(tenant.id);
    const list: string[] = [];
    for (let i = months - 1; i >= 0; i--)
      list.push(monthText(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - i, 1))));
    return c.json({ months: list.map(of), currency: tenant.currency }, 200);
  });

  return app;
}
