import {
  churnBacktest,
  churnBacktestResultSchema,
  type HealthModel,
  healthModelSchema,
  healthScore,
  mrrAt,
} from '@csm/metrics';
import type { Store } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import { common, refusals } from './account-routes.ts';
import type { DashboardEnv } from './dashboard-access.ts';
import { tenantParam } from './dashboard-schemas.ts';
import type { PortfolioInputs } from './portfolio-input.ts';

const DAY_MS = 86_400_000;
/** A start day without its own snapshot takes the latest of the month before (reconstructed history has month ends). */
const START_TOLERANCE_DAYS = 31;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const result = churnBacktestResultSchema.meta({
  id: 'ChurnBacktest',
  description: 'churnBacktest of @csm/metrics (docs/metrics.md, "Backtest").',
});
const horizon = z.coerce
  .number()
  .int()
  .min(7)
  .max(730)
  .default(90)
  .openapi({ description: 'Days from the start day (today minus this) to today' });
const answer = z
  .object({
    startDay: z.string(),
    horizonDays: z.number().int(),
    /** The models' scores as stored in the snapshots of the start day. */
    current: result,
    /** The draft model's, when one was sent. */
    draft: result.nullable(),
  })
  .openapi('Backtest');

const getRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/backtest',
  summary: 'How well the scores of `horizonDays` ago predicted the churn since: AUC, churn per band, lift',
  request: { params: tenantParam, query: z.object({ horizonDays: horizon }) },
  responses: { 200: json(answer, 'The backtest'), ...refusals },
});

const postRoute = createRoute({
  ...common,
  method: 'post',
  path: '/tenants/{tenant}/backtest',
  summary: 'The same backtest for a draft health model (its scores from the snapshots’ component values)',
  request: {
    params: tenantParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ horizonDays: horizon, healthModel: healthModelSchema })
            .strict()
            .openapi('BacktestDraft'),
        },
      },
    },
  },
  responses: { 200: json(answer, 'The backtest of the stored scores and of the draft'), ...refusals },
});

type Band = 'green' | 'yellow' | 'red';
const bandOf = (b: string | null): Band | null => (b === 'green' || b === 'yellow' || b === 'red' ? b : null);

/**
 * The backtest beside the health-model editor: the accounts that were customers on the start day
 * (MRR then), their health then (daily snapshots), and whether they churned by today (no MRR now).
 * Every figure is `churnBacktest`, `mrrAt` and `healthScore` of `@csm/metrics`.
 */
export function backtestRoutes({
  store,
  inputs,
  now,
}: {
  store: Store;
  inputs: PortfolioInputs;
  now: () => Date;
}) {
  const app = createRouter<DashboardEnv>();

  const run = async (tenantId: number, horizonDays: number, draft: HealthModel | null) => {
    const at = now();
    const start = new Date(at.getTime() - horizonDays * DAY_MS);
    const startDay = start.toISOString().slice(0, 10);
    const [{ input }, snapshots] = await Promise.all([
      inputs.of(tenantId),
      store.dashboardReads.snapshotsAsOf(tenantId, startDay, START_TOLERANCE_DAYS),
    ]);
    const subscriptions = new Map<string, typeof input.subscriptions>();
    for (const s of input.subscriptions) {
      const list = subscriptions.get(s.accountId) ?? [];
      list.push(s);
      subscriptions.set(s.accountId, list);
    }
    const current: { score: number | null; band: Band | null; churned: boolean }[] = [];
    const drafted: typeof current = [];
    for (const snap of snapshots) {
      const subs = subscriptions.get(snap.companyId) ?? [];
      const then = mrrAt(subs, start);
      if (!then) continue;
      const churned = mrrAt(subs, at) === 0;
      current.push({ score: snap.score, band: bandOf(snap.band), churned });
      if (draft) {
        const signals = Object.fromEntries(
          ((snap.components as { key: string; value: number }[] | null) ?? []).map((c) => [c.key, c.value]),
        );
        const h = healthScore(signals, draft);
        drafted.push({ score: h.score, band: h.band, churned });
      }
    }
    return {
      startDay,
      horizonDays,
      current: churnBacktest(current),
      draft: draft ? churnBacktest(drafted) : null,
    };
  };

  app.openapi(getRoute, async (c) => {
    const { horizonDays } = c.req.valid('query');
    return c.json(await run(c.get('tenant').id, horizonDays, null), 200);
  });

  app.openapi(postRoute, async (c) => {
    const { horizonDays, healthModel } = c.req.valid('json');
    return c.json(await run(c.get('tenant').id, horizonDays, healthModel), 200);
  });

  return app;
}
