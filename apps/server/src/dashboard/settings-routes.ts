import { healthSignalKeys } from '@csm/metrics';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { createRoute, type z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import { common, refusals } from './account-routes.ts';
import { type DashboardEnv, savedBy } from './dashboard-access.ts';
import {
  previewSchema,
  saveBodySchema,
  savedSchema,
  settingsAnswerSchema,
  tenantParam,
} from './dashboard-schemas.ts';
import {
  type AccountHealth,
  applySettings,
  defaultSettings,
  healthUnder,
  readSettings,
  saveSettings,
  tenantSettingsSchema,
} from './tenant-settings.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const getRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/settings',
  summary: 'The health model and windows in force, the defaults, and every saved version',
  request: { params: tenantParam },
  responses: { 200: json(settingsAnswerSchema, 'The settings'), ...refusals },
});

const previewRoute = createRoute({
  ...common,
  method: 'post',
  path: '/tenants/{tenant}/settings/preview',
  summary: 'How many accounts (and which) would change band under draft settings; nothing is saved',
  request: { params: tenantParam, body: body(tenantSettingsSchema) },
  responses: { 200: json(previewSchema, 'The preview'), ...refusals },
});

const saveRoute = createRoute({
  ...common,
  method: 'put',
  path: '/tenants/{tenant}/settings',
  summary: 'Saves settings as a new version and recomputes every card with them',
  request: { params: tenantParam, body: body(saveBodySchema) },
  responses: { 200: json(savedSchema, 'Saved and applied'), ...refusals },
});

type Band = AccountHealth['band'];
const countBands = () => ({ green: 0, yellow: 0, red: 0, none: 0 });
const bandKey = (b: Band) => b ?? 'none';
/** At most this many changed accounts are listed by name (all are counted). */
const LISTED_CHANGES = 500;

export interface SettingsRouteOptions {
  store: Store;
  now: () => Date;
  logger: Logger;
}

/** The health-model editor's API: read, preview, save (a new version) and apply. */
export function settingsRoutes({ store, now, logger }: SettingsRouteOptions) {
  const app = createRouter<DashboardEnv>();

  app.openapi(getRoute, async (c) => {
    const tenant = c.get('tenant');
    const [{ settings, isDefault }, versions] = await Promise.all([
      readSettings(store, tenant.id, logger),
      store.settingsVersions.list(tenant.id),
    ]);
    return c.json(
      {
        settings,
        isDefault,
        defaults: defaultSettings,
        signals: [...healthSignalKeys],
        versions: versions.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() })),
      },
      200,
    );
  });

  app.openapi(previewRoute, async (c) => {
    const tenant = c.get('tenant');
    const draft = c.req.valid('json');
    const stored = new Map(
      (await store.dashboardReads.accounts(tenant.id)).map((r) => {
        const h = (r.report as { health?: { score: number | null; band: Band } }).health;
        return [r.companyId, { score: h?.score ?? null, band: h?.band ?? null }];
      }),
    );
    const before = countBands();
    const after = countBands();
    const changes: z.infer<typeof previewSchema>['changes'] = [];
    let accounts = 0;
    let changed = 0;
    for await (const batch of healthUnder(store, tenant.id, draft, now())) {
      for (const a of batch) {
        accounts += 1;
        const was = stored.get(a.companyId) ?? { score: null, band: null };
        before[bandKey(was.band)] += 1;
        after[bandKey(a.band)] += 1;
        if (was.band === a.band) continue;
        changed += 1;
        if (changes.length < LISTED_CHANGES)
          changes.push({
            companyId: a.companyId,
            name: a.name,
            from: was,
            to: { score: a.score, band: a.band },
          });
      }
    }
    return c.json({ accounts, changed, before, after, changes }, 200);
  });

  app.openapi(saveRoute, async (c) => {
    const tenant = c.get('tenant');
    const { settings, note } = c.req.valid('json');
    await saveSettings(store, tenant.id, settings);
    const version = await store.settingsVersions.record(
      tenant.id,
      settings,
      savedBy(c.get('principal')),
      note ?? null,
    );
    // The refresh applies the model now rather than at the next sync: the cards answer with it at once.
    const { accounts } = await applySettings(store, tenant.id, now(), logger);
    return c.json(
      { version: version.version, savedAt: version.savedAt.toISOString(), refreshed: accounts },
      200,
    );
  });

  return app;
}
