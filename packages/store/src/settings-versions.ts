import type { Db } from './db.ts';

/** One saved version of a tenant's settings (health model and windows), as the dashboard lists them. */
export interface SettingsVersion {
  version: number;
  /** The settings as saved (JSON, validated by whoever saved them). */
  settings: unknown;
  /** Who saved it: `admin`, or `hubspot:<portalId>:<userId>` for a HubSpot user. */
  savedBy: string;
  note: string | null;
  savedAt: Date;
}

interface Row {
  version: number | string;
  settings: unknown;
  saved_by: string;
  note: string | null;
  saved_at: string | Date;
}

const toVersion = (r: Row): SettingsVersion => ({
  version: Number(r.version),
  settings: r.settings,
  savedBy: r.saved_by,
  note: r.note,
  savedAt: new Date(r.saved_at),
});

/**
 * The history of a tenant's settings: every saved version with who saved it and why.
 *
 * @example
 * const v = await store.settingsVersions.record(tenant.id, { healthModel, windows }, 'admin', 'weigh NPS more');
 * await store.settingsVersions.list(tenant.id); // newest first
 */
export function settingsVersionsApi(db: Db) {
  return {
    /** Records settings just saved as the tenant's next version. */
    async record(
      tenantId: number,
      settings: unknown,
      savedBy: string,
      note: string | null = null,
    ): Promise<SettingsVersion> {
      // One statement: the next number is taken under the insert (a concurrent save of the same
      // tenant fails on the primary key rather than sharing a number).
      const [row] = await db.query<Row>(
        `INSERT INTO settings_versions (tenant_id, version, settings, saved_by, note)
         SELECT $1, COALESCE(max(version), 0) + 1, $2::jsonb, $3, $4 FROM settings_versions WHERE tenant_id = $1
         RETURNING version, settings, saved_by, note, saved_at`,
        [tenantId, JSON.stringify(settings), savedBy, note],
      );
      return toVersion(row!);
    },
    /** The newest `limit` versions, newest first. */
    async list(tenantId: number, limit = 50): Promise<SettingsVersion[]> {
      const rows = await db.query<Row>(
        `SELECT version, settings, saved_by, note, saved_at FROM settings_versions
         WHERE tenant_id = $1 ORDER BY version DESC LIMIT $2`,
        [tenantId, limit],
      );
      return rows.map(toVersion);
    },
    async get(tenantId: number, version: number): Promise<SettingsVersion | null> {
      const [row] = await db.query<Row>(
        `SELECT version, settings, saved_by, note, saved_at FROM settings_versions
         WHERE tenant_id = $1 AND version = $2`,
        [tenantId, version],
      );
      return row ? toVersion(row) : null;
    },
  };
}
export type SettingsVersionsApi = ReturnType<typeof settingsVersionsApi>;
