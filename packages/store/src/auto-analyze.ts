import type { Db } from './db.ts';

/*
 * Planner statistics per tenant. Every query of the identity rules filters on `tenant_id = $1`,
 * and the planner sizes that filter from the column's statistics: a tenant whose rows arrived
 * after the table's last ANALYZE is absent from them and is estimated at one or two rows, so the
 * planner picks nested loops that re-scan its tickets once per row (minutes instead of a fraction
 * of a second). PGlite runs no autovacuum at all, and on a server autovacuum's threshold is
 * relative to the whole table: a tenant no bigger than those already loaded never triggers it.
 *
 * So the store keeps statistics current itself, relative to each tenant's own rows:
 * - while a tenant's rows are written (`wrote`), a table is analyzed once the rows written for the
 *   tenant since the last analysis pass a threshold that grows with the tenant's rows (a few
 *   analyses per table over a whole backfill, like autovacuum's but per tenant);
 * - before reads that join a tenant's rows (`refresh`, after a sync's ingest and before its
 *   refresh), every table whose estimate for the tenant is far below its rows is analyzed. This
 *   check reads at most about twice the estimate (a capped count), so it costs little when the
 *   statistics are right, and it needs nothing from the process that wrote the rows.
 */

/** The tables the identity rules join: their statistics decide the refresh's and cards' plans. */
export const IDENTITY_TABLES = [
  'companies',
  'contacts',
  'deals',
  'tickets',
  'survey_responses',
  'zendesk_organizations',
  'zendesk_org_domains',
  'zendesk_users',
  'org_links',
] as const;

/** A tenant's rows are "far above" the estimate past `RATIO` x estimate + `SLACK`. */
const RATIO = 2;
const SLACK = 10;
/** While writing: analyze after `WRITE_BASE` + the tenant's rows at the last analysis. */
const WRITE_BASE = 500;

export interface StatisticsApi {
  /** Called after committing `rows` rows of a tenant to `table`; analyzes the table when due. */
  wrote(tenantId: number, table: string, rows: number): Promise<void>;
  /**
   * Analyzes each of `tables` (default: the identity tables) whose planner estimate for the
   * tenant is far below the tenant's rows. Returns the tables analyzed. Run it after a tenant's
   * ingest and before reads that join its rows (the refresh).
   */
  refresh(tenantId: number, tables?: readonly string[]): Promise<string[]>;
}

const known = new Set<string>([
  ...IDENTITY_TABLES,
  'hubspot_owners',
  'account_metrics',
  'account_snapshots',
  'quarantine',
]);
function checkTable(table: string): string {
  // Table names are interpolated into ANALYZE / EXPLAIN: only ours are accepted.
  if (!known.has(table)) throw new Error(`statistics: unknown table ${table}`);
  return table;
}

/** The planner's estimate of a tenant's rows in a table (from its statistics, no reads). */
export async function estimatedRows(db: Db, table: string, tenantId: number): Promise<number> {
  if (!Number.isSafeInteger(tenantId)) throw new Error('statistics: tenantId must be an integer');
  // A literal, not a parameter: the estimate is the one a custom plan for this tenant gets.
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${checkTable(table)} WHERE tenant_id = ${tenantId}`,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return plan[0]?.Plan['Plan Rows'] ?? 0;
}

/** The tenant's rows in a table, counted up to `cap`. */
async function rowsUpTo(db: Db, table: string, tenantId: number, cap: number): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${checkTable(table)} WHERE tenant_id = $1 LIMIT $2) s`,
    [tenantId, cap],
  );
  return Number(row?.n ?? 0);
}

async function analyze(db: Db, table: string): Promise<void> {
  // SKIP_LOCKED: another process (or autovacuum) analyzing the same table right now will do.
  await db.exec(`ANALYZE (SKIP_LOCKED) ${checkTable(table)}`);
}

/**
 * The store's statistics keeper.
 *
 * @example
 * const statistics = statisticsApi(db);
 * await statistics.refresh(tenant.id); // after the tenant's sync, before its refresh
 */
export function statisticsApi(db: Db): StatisticsApi {
  /** Per `tenant:table`: rows written since the last analysis, and the tenant's rows then. */
  const writes = new Map<string, { pending: number; base: number }>();
  /**
   * Per `tenant:table`: the rows the tenant had (at least) when `refresh` last analyzed it. A
   * tenant that stays outside the table's most common values keeps a rough estimate after an
   * analysis; it is analyzed again only once it has grown past this, not on every refresh.
   */
  const settled = new Map<string, number>();
  return {
    async wrote(tenantId, table, rows) {
      if (rows <= 0) return;
      try {
        const key = `${tenantId}:${table}`;
        let s = writes.get(key);
        if (!s) {
          s = { pending: 0, base: await estimatedRows(db, table, tenantId) };
          writes.set(key, s);
        }
        s.pending += rows;
        if (s.pending < WRITE_BASE + s.base) return;
        s.base += s.pending;
        s.pending = 0;
        await analyze(db, table);
      } catch {
        // Statistics only speed up reads; a failed analysis must not fail a write already committed.
      }
    },
    async refresh(tenantId, tables = IDENTITY_TABLES) {
      const analyzed: string[] = [];
      for (const table of tables) {
        const key = `${tenantId}:${table}`;
        const estimate = Math.max(await estimatedRows(db, table, tenantId), settled.get(key) ?? 0);
        const cap = Math.ceil(RATIO * estimate + SLACK) + 1;
        if ((await rowsUpTo(db, table, tenantId, cap)) < cap) continue;
        await analyze(db, table);
        analyzed.push(table);
        settled.set(key, cap);
        const s = writes.get(key);
        if (s) {
          s.base += s.pending;
          s.pending = 0;
        }
      }
      return analyzed;
    },
  };
}
