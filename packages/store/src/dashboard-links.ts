import type { Db } from './db.ts';

/**
 * Dashboard sign-in links are single use: the first request with a link's id claims it. Ids are
 * kept until their link expires (then a replay fails on the expiry anyway).
 *
 * @example
 * if (!(await store.dashboardLinks.claim(jti, expiresAt, new Date()))) refuse('this link was already used');
 */
export function dashboardLinksApi(db: Db) {
  return {
    async claim(jti: string, expiresAt: Date, now: Date): Promise<boolean> {
      await db.query('DELETE FROM dashboard_link_uses WHERE expires_at < $1', [now.toISOString()]);
      const rows = await db.query(
        `INSERT INTO dashboard_link_uses (jti, expires_at) VALUES ($1, $2)
         ON CONFLICT (jti) DO NOTHING RETURNING jti`,
        [jti, expiresAt.toISOString()],
      );
      return rows.length === 1;
    },
  };
}
export type DashboardLinksApi = ReturnType<typeof dashboardLinksApi>;
