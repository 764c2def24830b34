import type { RecordKind, Store } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import type { SyncRequests } from '../sync-jobs/queued-syncs.ts';
import { common, refusals } from './account-routes.ts';
import type { DashboardEnv } from './dashboard-access.ts';
import { tenantParam } from './dashboard-schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const iso = z.string().openapi({ format: 'date-time' });

const KINDS = [
  'companies',
  'contacts',
  'deals',
  'tickets',
  'surveyResponses',
  'owners',
  'zendeskOrganizations',
  'zendeskUsers',
] as const satisfies readonly RecordKind[];

const streamResult = z.object({
  stream: z.string(),
  pages: z.number().int(),
  records: z.number().int(),
  quarantined: z.number().int(),
  skipped: z.string().optional(),
});
const run = z.object({
  id: z.number().int(),
  source: z.string(),
  mode: z.string(),
  status: z.string(),
  startedAt: iso,
  finishedAt: iso.nullable(),
  error: z.string().nullable(),
  requests: z
    .object({ requests: z.number(), retries: z.number(), rateLimited: z.number(), budgetWaitMs: z.number() })
    .nullable()
    .openapi({
      description:
        'Requests made, retried, refused with 429 (waited out), and time waited for the rate budget',
    }),
  streams: z.array(streamResult),
});
const side = z.object({
  connected: z.boolean(),
  /** How it is connected (never the credentials). */
  kind: z.enum(['private-app', 'oauth', 'api-token']).nullable(),
  account: z.string().nullable().openapi({ description: 'The HubSpot portal id or the Zendesk subdomain' }),
  lastRunAt: iso.nullable(),
  lastStatus: z.string().nullable(),
  lastSucceededAt: iso.nullable(),
});
const connectionsAnswer = z
  .object({
    status: z.enum(['active', 'paused']),
    syncing: z.boolean(),
    hubspot: side,
    zendesk: side,
    records: z.record(z.string(), z.number().int()),
    streams: z.array(z.object({ stream: z.string(), cursorAt: iso })),
    runs: z.array(run),
  })
  .openapi('DashboardConnections');

const connectionsRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/connections',
  summary: 'Each side’s state, the last sync per stream, records, errors and rate-limit waits',
  request: { params: tenantParam },
  responses: { 200: json(connectionsAnswer, 'The connections'), ...refusals },
});

const syncRoute = createRoute({
  ...common,
  method: 'post',
  path: '/tenants/{tenant}/sync',
  summary: 'Starts a sync of the tenant now (merged with one already running)',
  request: {
    params: tenantParam,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z
            .object({ full: z.boolean().default(false).openapi({ description: 'Re-read everything' }) })
            .strict()
            .openapi('SyncNow'),
        },
      },
    },
  },
  responses: { 202: json(z.object({ queued: z.literal(true) }), 'Queued'), ...refusals },
});

const runStats = (stats: unknown) => {
  const s = (stats ?? {}) as { requests?: unknown; streams?: unknown };
  const requests = z
    .object({ requests: z.number(), retries: z.number(), rateLimited: z.number(), budgetWaitMs: z.number() })
    .safeParse(s.requests);
  const streams = z.array(streamResult.loose()).safeParse(s.streams);
  return {
    requests: requests.success ? requests.data : null,
    streams: streams.success
      ? streams.data.map((r) => ({
          stream: r.stream,
          pages: r.pages,
          records: r.records,
          quarantined: r.quarantined,
          ...(r.skipped ? { skipped: r.skipped } : {}),
        }))
      : [],
  };
};

/** The connections page's API: the state of each side, its syncs, and "sync now". */
export function connectionsRoutes({
  store,
  scheduler,
}: {
  store: Store;
  scheduler: SyncRequests | undefined;
}) {
  const app = createRouter<DashboardEnv>();

  app.openapi(connectionsRoute, async (c) => {
    const tenant = c.get('tenant');
    const [freshness, runs, cursors, holder, counts] = await Promise.all([
      store.freshness(tenant.id),
      store.dashboardReads.recentRuns(tenant.id, 20),
      store.dashboardReads.streamCursors(tenant.id),
      store.syncLeases.holder(tenant.id),
      Promise.all(KINDS.map(async (k) => [k, await store.countRecords(tenant.id, k)] as const)),
    ]);
    const sideOf = (source: 'hubspot' | 'zendesk') => {
      const credentials = tenant.credentials[source];
      const f = freshness[source];
      return {
        connected: Boolean(credentials),
        kind: credentials?.kind ?? null,
        account:
          source === 'hubspot'
            ? tenant.hubspotPortalId === null
              ? null
              : String(tenant.hubspotPortalId)
            : tenant.zendeskSubdomain,
        lastRunAt: f?.lastRunAt.toISOString() ?? null,
        lastStatus: f?.status ?? null,
        lastSucceededAt: f?.lastSucceededAt?.toISOString() ?? null,
      };
    };
    return c.json(
      {
        status: tenant.status,
        syncing: holder !== null,
        hubspot: sideOf('hubspot'),
        zendesk: sideOf('zendesk'),
        records: Object.fromEntries(counts),
        streams: cursors.map((s) => ({ stream: s.stream, cursorAt: s.updatedAt.toISOString() })),
        runs: runs.map((r) => ({
          id: r.id,
          source: r.source,
          mode: r.mode,
          status: r.status,
          startedAt: r.startedAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
          error: r.error,
          ...runStats(r.stats),
        })),
      },
      200,
    );
  });

  app.openapi(syncRoute, async (c) => {
    const tenant = c.get('tenant');
    const full = c.req.header('content-type')?.includes('json') ? c.req.valid('json').full : false;
    // Queued, not awaited: the page polls the connections until the run shows up and ends.
    scheduler?.enqueue({ tenantId: tenant.id, full, reason: 'dashboard' }).catch(() => undefined);
    return c.json({ queued: true as const }, 202);
  });

  return app;
}
