import type { Db } from './db.ts';

/**
 * Snapshots of past days computed after the fact (a new tenant's history, reconstructed from dated
 * records): written only where the day has no snapshot, so a real one is never replaced.
 *
 * @example
 * await store.pastSnapshots.save(tenant.id, '2026-01-31', rows);
 */
export function pastSnapshotsApi(db: Db) {
  return {
    async save(
      tenantId: number,
      day: string,
      rows: readonly {
        companyId: string;
        healthScore: number | null;
        healthBand: string | null;
        components: unknown;
      }[],
    ): Promise<number> {
      if (rows.length === 0) return 0;
      const json = JSON.stringify(
        rows.map((r) => ({
          company_id: r.companyId,
          health_score: r.healthScore,
          health_band: r.healthBand,
          components: r.components,
        })),
      );
      const written = await db.query(
        `INSERT INTO account_snapshots (tenant_id, company_id, day, health_score, health_band, components)
         SELECT $1, x.company_id, $3::date, x.health_score, x.health_band, x.components
         FROM jsonb_to_recordset($2::jsonb)
           AS x(company_id text, health_score double precision, health_band text, components jsonb)
         ON CONFLICT (tenant_id, company_id, day) DO NOTHING RETURNING company_id`,
        [tenantId, json, day],
      );
      return written.length;
    },
  };
}
export type PastSnapshotsApi = ReturnType<typeof pastSnapshotsApi>;
