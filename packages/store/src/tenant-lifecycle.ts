import type { Db } from './db.ts';

/** What deleting a tenant removed: rows per table (tables without any are left out). */
export interface TenantDeletion {
  tenant: string;
  rows: Record<string, number>;
}

/** Tables of the store's schema with a `tenant_id` column: everything that belongs to a tenant. */
export async function tenantTables(db: Db): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.column_name = 'tenant_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * The HubSpot app's lifecycle per tenant, and the webhooks journal's read offset. An uninstall
 * pauses the tenant and starts its grace period; an install (or reinstall) within it resumes it;
 * past it, the tenant and everything it owns is deleted.
 */
export function tenantLifecycleApi(db: Db) {
  return {
    /** An install or reinstall: active, not uninstalled, the install time kept. */
    async markInstalled(tenantId: number, at: Date): Promise<void> {
      await db.query(
        `UPDATE tenants SET status = 'active', installed_at = $2, uninstalled_at = NULL, updated_at = now()
         WHERE id = $1`,
        [tenantId, at],
      );
    },
    /**
     * An uninstall at `at`: pauses the tenant and starts its grace period. Ignored (false) when the
     * tenant was installed again after `at`, or is already known uninstalled since then (an event
     * read twice, or late).
     */
    async markUninstalled(tenantId: number, at: Date): Promise<boolean> {
      const rows = await db.query(
        `UPDATE tenants SET status = 'paused', uninstalled_at = $2, updated_at = now()
         WHERE id = $1 AND (installed_at IS NULL OR installed_at < $2)
           AND (uninstalled_at IS NULL OR uninstalled_at > $2 OR status <> 'paused')
         RETURNING id`,
        [tenantId, at],
      );
      return rows.length === 1;
    },
    /** When the tenant's app was uninstalled, or null while installed. */
    async uninstalledAt(tenantId: number): Promise<Date | null> {
      const [row] = await db.query<{ uninstalled_at: Date | string | null }>(
        'SELECT uninstalled_at FROM tenants WHERE id = $1',
        [tenantId],
      );
      return row?.uninstalled_at ? new Date(row.uninstalled_at) : null;
    },
    /** Tenants uninstalled (and still paused) at or before `cutoff`: their grace period is over. */
    async uninstalledBefore(cutoff: Date): Promise<{ id: number; name: string; uninstalledAt: Date }[]> {
      const rows = await db.query<{ id: string | number; name: string; uninstalled_at: Date | string }>(
        `SELECT id, name, uninstalled_at FROM tenants
         WHERE status = 'paused' AND uninstalled_at IS NOT NULL AND uninstalled_at <= $1 ORDER BY id`,
        [cutoff],
      );
      return rows.map((r) => ({ id: Number(r.id), name: r.name, uninstalledAt: new Date(r.uninstalled_at) }));
    },
    /**
     * Deletes a tenant and every row of every table that has a `tenant_id` (found in the schema, so
     * a table added later is covered without a change here), in one transaction. Null when there
     * is no such tenant.
     */
    async deleteTenant(tenantId: number): Promise<TenantDeletion | null> {
      return db.transaction(async (tx) => {
        const [tenant] = await tx.query<{ name: string }>(
          'SELECT name FROM tenants WHERE id = $1 FOR UPDATE',
          [tenantId],
        );
        if (!tenant) return null;
        const rows: Record<string, number> = {};
        for (const table of await tenantTables(tx)) {
          const deleted = await tx.query(`DELETE FROM "${table}" WHERE tenant_id = $1 RETURNING 1`, [
            tenantId,
          ]);
          if (deleted.length) rows[table] = deleted.length;
        }
        await tx.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
        rows.tenants = 1;
        return { tenant: tenant.name, rows };
      });
    },
    /** The journal offset read up to, and when; null before the first read. */
    async journalOffset(): Promise<{ offset: string; readAt: Date } | null> {
      const [row] = await db.query<{ current_offset: string; read_at: Date | string }>(
        'SELECT current_offset, read_at FROM hubspot_journal WHERE id = 1',
      );
      return row ? { offset: row.current_offset, readAt: new Date(row.read_at) } : null;
    },
    async saveJournalOffset(offset: string, readAt: Date): Promise<void> {
      await db.query(
        `INSERT INTO hubspot_journal (id, current_offset, read_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET current_offset = excluded.current_offset, read_at = excluded.read_at`,
        [offset, readAt],
      );
    },
  };
}

export type TenantLifecycleApi = ReturnType<typeof tenantLifecycleApi>;
