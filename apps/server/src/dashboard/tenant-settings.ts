import {
  cardsOf,
  readTenantSettings,
  saveTenantSettings,
  type TenantSettings,
  tenantCardContext,
} from '@csm/accounts';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { refreshTenantFigures } from '../sync-jobs/refresh-figures.ts';

/**
 * The dashboard's view of a tenant's settings (health model and windows): reading them, computing
 * every account's health under a draft without storing anything (the editor's preview), saving them
 * as a new version, and applying them (the refresh recomputes every card).
 */

export { defaultSettings, defaultWindows, type TenantSettings, tenantSettingsSchema } from '@csm/accounts';

/** The settings in force, and whether they are the defaults (never saved). */
export async function readSettings(
  store: Store,
  tenantId: number,
  logger?: Logger,
): Promise<{ settings: TenantSettings; isDefault: boolean }> {
  const { healthModel, windows, changedAt } = await readTenantSettings(store, tenantId, logger);
  return { settings: { healthModel, windows }, isDefault: changedAt === null };
}

/** Makes `settings` the tenant's (validated whole: nothing is saved when any part is invalid). */
export async function saveSettings(
  store: Store,
  tenantId: number,
  settings: TenantSettings,
  now = new Date(),
): Promise<void> {
  await saveTenantSettings(store, tenantId, settings, now);
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
  // The card function under the draft: the same figures the refresh would store with it.
  const ctx = await tenantCardContext(store, tenantId, now);
  const draft = { ...ctx, settings: { ...settings, changedAt: null } };
  for await (const batch of store.accountFactsBatches(tenantId, 500)) {
    const cards = await cardsOf(store, draft, batch);
    yield cards.map((card) => ({
      companyId: card.account.hubspotCompanyId,
      name: card.account.name,
      score: card.health.score,
      band: card.health.band,
    }));
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
