import { defaultHealthModel, type HealthModel, healthModelSchema } from '@csm/metrics';
import type { Store } from '@csm/store';
import { accountCard, type Logger, tenantHealthModel } from '@csm/sync';
import { z } from '@hono/zod-openapi';
import { licenseUtilizationReader, refreshTenantFigures } from '../sync-jobs/refresh-figures.ts';

/**
 * The dashboard's view of a tenant's settings (health model and windows): reading them, computing
 * every account's health under a draft without storing anything (the editor's preview), saving them
 * as a new version, and applying them (the refresh recomputes every card).
 */

export const windowsSchema = z
  .object({
    npsDays: z.number().int().min(1).max(3650),
    csatDays: z.number().int().min(1).max(3650),
    cesDays: z.number().int().min(1).max(3650),
    fcrDays: z.number().int().min(1).max(3650),
    firstReplyDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .openapi('Windows', { description: 'Days each windowed figure looks back from the refresh.' });
export type Windows = z.infer<typeof windowsSchema>;

export const defaultWindows: Windows = {
  npsDays: 365,
  csatDays: 90,
  cesDays: 90,
  fcrDays: 90,
  firstReplyDays: 90,
};

export const tenantSettingsSchema = z
  .object({ healthModel: healthModelSchema, windows: windowsSchema })
  .strict()
  .openapi('TenantSettings', {
    description: 'The health model and the windows: the body of `PUT /api/v1/settings` too.',
  });
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const defaultSettings: TenantSettings = { healthModel: defaultHealthModel, windows: defaultWindows };

/** The settings in force, and whether they are the defaults. */
export async function readSettings(
  store: Store,
  tenantId: number,
  logger?: Logger,
): Promise<{ settings: TenantSettings; isDefault: boolean }> {
  const [model, [latest]] = await Promise.all([
    tenantHealthModel(store, tenantId, logger),
    store.settingsVersions.list(tenantId, 1),
  ]);
  const saved = tenantSettingsSchema.safeParse(latest?.settings);
  return {
    settings: {
      healthModel: model ?? defaultHealthModel,
      windows: saved.success ? saved.data.windows : defaultWindows,
    },
    isDefault: model === undefined,
  };
}

/** Makes `settings` the tenant's (validated before: nothing is saved when any part is invalid). */
export async function saveSettings(store: Store, tenantId: number, settings: TenantSettings): Promise<void> {
  await store.settings.saveHealthModel(tenantId, settings.healthModel);
}

/** One account's health under some settings. */
export interface AccountHealth {
  companyId: string;
  name: string | null;
  score: number | null;
  band: 'green' | 'yellow' | 'red' | null;
}

/**
 * Every account's health under `settings`, computed with the card function from the accounts'
 * facts, a batch at a time; nothing is stored.
 */
export async function* healthUnder(
  store: Store,
  tenantId: number,
  settings: TenantSettings,
  now: Date,
): AsyncGenerator<AccountHealth[]> {
  const model: HealthModel = settings.healthModel;
  const utilization = licenseUtilizationReader(store, tenantId);
  // The preview compares bands, not trends: a stand-in for the earlier health skips reconstructing it.
  const earlier = {
    day: now.toISOString().slice(0, 10),
    score: null,
    components: [],
    basis: 'snapshot' as const,
  };
  for await (const batch of store.accountFactsBatches(tenantId, 500)) {
    const usage = await utilization(batch.map((f) => f.hubspotCompanyId));
    yield batch.map((facts) => {
      const card = accountCard(facts, now, {
        model,
        earlier,
        licenseUtilization: usage.get(facts.hubspotCompanyId) ?? null,
      });
      return {
        companyId: facts.hubspotCompanyId,
        name: card.account.name,
        score: card.health.score,
        band: card.health.band,
      };
    });
  }
}

/** Recomputes and stores every card of the tenant with its settings in force (the after-sync refresh). */
export async function applySettings(
  store: Store,
  tenantId: number,
  now: Date,
  logger: Logger,
): Promise<{ accounts: number }> {
  return refreshTenantFigures({ store, logger, now: () => now }, tenantId);
}
