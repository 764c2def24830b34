import { parseStoredCard, readAccountCard } from '@csm/accounts';
import type { Store, Tenant } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { DashboardEnv } from './dashboard-access.ts';
import {
  accountPageSchema,
  accountRowSchema,
  accountsSchema,
  bandsSchema,
  companyParam,
  errorSchema,
  ledgerSchema,
  tenantParam,
} from './dashboard-schemas.ts';
import { companyUrl, ledgerEntry, type RecordUrls, recordUrl } from './score-ledger.ts';

const DAY_MS = 86_400_000;
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const refusals = {
  400: json(errorSchema, 'Invalid input (the field is named)'),
  401: json(errorSchema, 'Not signed in'),
  403: json(errorSchema, 'Another tenant’s: a HubSpot user sees their own portal’s tenant only'),
  404: json(errorSchema, 'No such tenant or record'),
};
export const common: { tags: string[]; security: Record<string, string[]>[] } = {
  tags: ['Dashboard'],
  security: [{ dashboardSession: [] }, { dashboardAdmin: [] }],
};

const accountsRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/accounts',
  summary: 'Every account with its stored figures, trend, biggest lever and owner',
  request: { params: tenantParam },
  responses: { 200: json(accountsSchema, 'The accounts'), ...refusals },
});

const accountRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/accounts/{companyId}',
  summary: 'One account: its card, its score history and its score ledger with the records behind it',
  request: {
    params: companyParam,
    query: z.object({
      days: z.coerce.number().int().min(7).max(730).default(180),
      minChange: z.coerce.number().min(0).max(100).default(1),
    }),
  },
  responses: { 200: json(accountPageSchema, 'The account'), ...refusals },
});

const ledgerRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/ledger',
  summary: 'Score changes across the portfolio with the components that moved them',
  request: {
    params: tenantParam,
    query: z.object({
      days: z.coerce.number().int().min(1).max(365).default(30),
      limit: z.coerce.number().int().min(1).max(2000).default(300),
      minChange: z.coerce.number().min(0).max(100).default(1).openapi({
        description:
          'Leave out changes smaller than this many points (a day older without contact moves every score a little)',
      }),
    }),
  },
  responses: { 200: json(ledgerSchema, 'The ledger, newest first'), ...refusals },
});

const bandsRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/bands',
  summary: 'Accounts per health band at each month end, and the latest movement between bands',
  request: {
    params: tenantParam,
    query: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
  },
  responses: { 200: json(bandsSchema, 'The distribution'), ...refusals },
});

const dayText = (d: Date) => d.toISOString().slice(0, 10);

/** The last day of each of the `months` months before `now`'s, then `now`'s day: the series' days. */
export function monthEnds(now: Date, months: number): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 1; i--)
    out.push(dayText(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 0))));
  out.push(dayText(now));
  return out;
}

export interface AccountRouteOptions {
  store: Store;
  now: () => Date;
  /** HubSpot's app origin (record links), e.g. https://app.hubspot.com. */
  hubspotApp: string;
}

const urlsOf = (tenant: Tenant, hubspotApp: string): RecordUrls => ({
  hubspotApp,
  portalId: tenant.hubspotPortalId,
  zendeskSubdomain: tenant.zendeskSubdomain,
});

/** The portfolio's accounts, one account's page, the score ledger and the band distribution. */
export function accountRoutes({ store, now, hubspotApp }: AccountRouteOptions) {
  const app = createRouter<DashboardEnv>();

  app.openapi(accountsRoute, async (c) => {
    const tenant = c.get('tenant');
    const rows = await store.dashboardReads.accounts(tenant.id);
    const accounts = rows.map((r) =>
      accountRowSchema.parse({
        account: r.report,
        ownerId: r.ownerId,
        owner: r.owner,
        trend: r.trend,
        biggestLever: r.biggestLever,
        revenue: r.revenue,
        computedAt: r.computedAt.toISOString(),
      }),
    );
    const currency =
      (rows[0]?.report as { currency?: string | null } | undefined)?.currency ?? tenant.currency ?? null;
    const urls = urlsOf(tenant, hubspotApp);
    return c.json({ accounts, currency, links: { hubspotCompany: companyUrl(urls, '{companyId}') } }, 200);
  });

  app.openapi(accountRoute, async (c) => {
    const tenant = c.get('tenant');
    const { companyId } = c.req.valid('param');
    const { days, minChange } = c.req.valid('query');
    const at = now();
    const [stored, company] = await Promise.all([
      store.accountMetrics.card(tenant.id, companyId),
      store.dashboardReads.company(tenant.id, companyId),
    ]);
    // Another tenant's company id answers like one that does not exist.
    const card = stored
      ? parseStoredCard(stored.card)
      : company
        ? await readAccountCard(store, tenant.id, companyId, at)
        : null;
    if (!card || !company)
      throw new AppError('not_found', `no account ${companyId} for tenant ${tenant.name}`);
    const since = dayText(new Date(at.getTime() - days * DAY_MS));
    const [history, changes, orgs] = await Promise.all([
      store.accountMetrics.history(tenant.id, companyId, days),
      store.dashboardReads.scoreChanges(tenant.id, {
        since,
        until: dayText(at),
        companyId,
        limit: 200,
        minChange,
      }),
      store.dashboardReads.organizationsOf(tenant.id, companyId),
    ]);
    const urls = urlsOf(tenant, hubspotApp);
    // The records dated after each change's previous snapshot day up to its own day: one read for all.
    const dayStart = (d: string, plus = 0) => new Date(Date.parse(`${d}T00:00:00Z`) + plus * DAY_MS);
    const earliest = changes.at(-1)?.previousDay;
    const events = earliest
      ? await store.dashboardReads.accountEvents(
          tenant.id,
          companyId,
          dayStart(earliest, 1),
          dayStart(dayText(at), 1),
        )
      : [];
    const ledger = changes.map((change) => {
      const from = dayStart(change.previousDay, 1);
      const to = dayStart(change.day, 1);
      return {
        ...ledgerEntry(change),
        records: events
          .filter((e) => e.at >= from && e.at < to)
          .map((e) => ({
            kind: e.kind,
            source: e.source,
            externalId: e.externalId,
            detail: e.detail,
            value: e.value,
            rating: e.rating,
            at: e.at.toISOString(),
            url: recordUrl(e, urls),
          })),
      };
    });
    return c.json(
      {
        card,
        ownerId: company.ownerId,
        owner: company.owner,
        history: history.map((h) => ({
          day: h.day,
          score: h.healthScore,
          band: (['green', 'yellow', 'red'] as const).find((b) => b === h.healthBand) ?? null,
        })),
        ledger,
        links: {
          hubspot: companyUrl(urls, companyId),
          zendeskOrganizations: tenant.zendeskSubdomain
            ? orgs.map((o) => `https://${tenant.zendeskSubdomain}.zendesk.com/agent/organizations/${o}`)
            : [],
        },
      },
      200,
    );
  });

  app.openapi(ledgerRoute, async (c) => {
    const tenant = c.get('tenant');
    const { days, limit, minChange } = c.req.valid('query');
    const at = now();
    const since = dayText(new Date(at.getTime() - days * DAY_MS));
    const until = dayText(at);
    const changes = await store.dashboardReads.scoreChanges(tenant.id, { since, until, limit, minChange });
    return c.json({ since, until, entries: changes.map(ledgerEntry) }, 200);
  });

  app.openapi(bandsRoute, async (c) => {
    const tenant = c.get('tenant');
    const days = monthEnds(now(), c.req.valid('query').months);
    const counts = await store.dashboardReads.bandCounts(tenant.id, days);
    const byDay = new Map<
      string,
      { day: string; green: number; yellow: number; red: number; none: number }
    >();
    for (const r of counts) {
      const entry = byDay.get(r.day) ?? { day: r.day, green: 0, yellow: 0, red: 0, none: 0 };
      const key = r.band === 'green' || r.band === 'yellow' || r.band === 'red' ? r.band : 'none';
      entry[key] += r.accounts;
      byDay.set(r.day, entry);
    }
    const series = [...byDay.values()];
    const [from, to] = series.slice(-2).map((s) => s.day);
    const moves =
      from && to
        ? {
            from,
            to,
            moves: (await store.dashboardReads.bandMoves(tenant.id, from, to)).map((m) => ({
              from: bandOf(m.from),
              to: bandOf(m.to),
              accounts: m.accounts,
            })),
          }
        : null;
    return c.json({ series, moves }, 200);
  });

  return app;
}

const bandOf = (b: string | null): 'green' | 'yellow' | 'red' | null =>
  b === 'green' || b === 'yellow' || b === 'red' ? b : null;
