import { defaultHealthModel, healthModelSchema } from '@csm/metrics';
import type { Store } from '@csm/store';
import type { z } from 'zod';
import { windowsSchema } from './contract/report.ts';
import { type TenantSettings, tenantSettingsSchema } from './contract/settings.ts';
import { defaultWindows } from './windows.ts';

export { type TenantSettings, tenantSettingsSchema };

export const defaultSettings: TenantSettings = { healthModel: defaultHealthModel, windows: defaultWindows };

/** The settings in force and when an admin last changed them (null: never, the defaults apply). */
export interface SettingsInForce extends TenantSettings {
  changedAt: Date | null;
}

interface Warner {
  warn(details: object, message: string): void;
}

/**
 * The tenant's settings: what it saved, each part checked again on reading (a saved part that no
 * longer parses falls back to its default, with a warning), else the defaults.
 */
export async function readTenantSettings(
  store: Store,
  tenantId: number,
  logger?: Warner,
): Promise<SettingsInForce> {
  const saved = await store.settings.read(tenantId);
  const part = <T>(value: unknown, schema: z.ZodType<T>, fallback: T, name: string): T => {
    if (value === null || value === undefined) return fallback;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    logger?.warn(
      { tenantId, part: name, issue: parsed.error.issues[0]?.message },
      'saved setting is invalid; using the default',
    );
    return fallback;
  };
  return {
    healthModel: part(saved.healthModel, healthModelSchema, defaultHealthModel, 'healthModel'),
    windows: part(saved.windows, windowsSchema, defaultWindows, 'windows'),
    changedAt: saved.changedAt,
  };
}

/**
 * Validates and saves a tenant's settings whole; throws the zod error (naming the field) and
 * changes nothing when any part is invalid.
 *
 * @example
 * await saveTenantSettings(store, tenant.id, { healthModel, windows: { ...defaultWindows, npsDays: 180 } });
 */
export async function saveTenantSettings(
  store: Store,
  tenantId: number,
  settings: unknown,
  now = new Date(),
): Promise<TenantSettings> {
  const parsed = tenantSettingsSchema.parse(settings);
  await store.settings.save(tenantId, parsed, now);
  return parsed;
}
