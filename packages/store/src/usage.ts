import { licenseUtilization } from '@csm/metrics';
import type { Db } from './db.ts';
import { idOrder } from './identity.ts';

/** Product usage of one account on one day (UTC), as the ingestion API takes it. */
export interface AccountUsageRow {
  companyId: string;
  /** `YYYY-MM-DD`. */
  day: string;
  activeUsers: number;
  licensedSeats: number;
  logins: number | null;
  featureEvents: Record<string, number> | null;
  /** Where it came from (`ingest:segment`, ...). */
  source: string | null;
}

/**
 * An account's latest day of usage, with license utilization = active users / licensed seats x 100
 * as `@csm/metrics`' `licenseUtilization` computes it (the figure the health score uses).
 */
export interface LatestUsage extends AccountUsageRow {
  /** Null when the account has no licensed seats (0): a ratio over nothing is no figure. */
  licenseUtilization: number | null;
  updatedAt: Date;
}

const CHUNK = 5000;

/**
 * Upserts usage rows on (tenant, account, day): a later upload for the same day replaces the
 * earlier one. Returns how many rows were inserted or changed (identical re-sends change nothing).
 * Run it inside the batch's transaction.
 */
export async function upsertUsage(
  db: Db,
  tenantId: number,
  rows: readonly AccountUsageRow[],
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({
      company_id: r.companyId,
      day: r.day,
      active_users: r.activeUsers,
      licensed_seats: r.licensedSeats,
      logins: r.logins,
      feature_events: r.featureEvents,
      source: r.source,
    }));
    const written = await db.query<{ inserted: boolean }>(
      `INSERT INTO account_usage (tenant_id, company_id, day, active_users, licensed_seats, logins, feature_events, source)
       SELECT $1, x.company_id, x.day, x.active_users, x.licensed_seats, x.logins, x.feature_events, x.source
       FROM jsonb_to_recordset($2::jsonb) AS x(company_id text, day date, active_users integer,
         licensed_seats integer, logins integer, feature_events jsonb, source text)
       ON CONFLICT (tenant_id, company_id, day) DO UPDATE SET active_users = excluded.active_users,
         licensed_seats = excluded.licensed_seats, logins = excluded.logins,
         feature_events = excluded.feature_events, source = excluded.source, updated_at = now()
       WHERE (account_usage.active_users, account_usage.licensed_seats, account_usage.logins,
              account_usage.feature_events, account_usage.source)
         IS DISTINCT FROM (excluded.active_users, excluded.licensed_seats, excluded.logins,
              excluded.feature_events, excluded.source)
       RETURNING (xmax = 0) AS inserted`,
      [tenantId, JSON.stringify(chunk)],
    );
    for (const w of written) {
      if (w.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}

/**
 * Per account, its latest day of usage (only accounts that have some), for the health score's
 * license-utilization component. `companyIds` limits the read to those accounts (index lookups).
 *
 * @example
 * const usage = await store.usage.latest(tenant.id, ['42']);
 * usage.get('42')?.licenseUtilization; // 80 for 40 active users on 50 seats
 */
export async function latestUsage(
  db: Db,
  tenantId: number,
  companyIds?: readonly string[],
): Promise<Map<string, LatestUsage>> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (company_id) company_id, to_char(day, 'YYYY-MM-DD') AS day, active_users,
       licensed_seats, logins, feature_events, source, updated_at
     FROM account_usage
     WHERE tenant_id = $1 ${companyIds ? 'AND company_id = ANY($2::text[])' : ''}
     ORDER BY company_id, day DESC`,
    companyIds ? [tenantId, [...companyIds]] : [tenantId],
  );
  const out = new Map<string, LatestUsage>();
  const ordered = rows.sort((a, b) => {
    const x = String(a.company_id);
    const y = String(b.company_id);
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  });
  for (const r of ordered) {
    const activeUsers = Number(r.active_users);
    const licensedSeats = Number(r.licensed_seats);
    out.set(String(r.company_id), {
      companyId: String(r.company_id),
      day: String(r.day),
      activeUsers,
      licensedSeats,
      logins: r.logins === null ? null : Number(r.logins),
      featureEvents: (r.feature_events as Record<string, number> | null) ?? null,
      source: (r.source as string | null) ?? null,
      licenseUtilization: licenseUtilization({ activeUsers, licensedSeats }),
      updatedAt: new Date(r.updated_at as string | Date),
    });
  }
  return out;
}

/** Every usage row of the tenant (numeric account order, then day): exports and tests. */
export async function readUsage(db: Db, tenantId: number): Promise<AccountUsageRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT company_id, to_char(day, 'YYYY-MM-DD') AS day, active_users, licensed_seats, logins,
       feature_events, source
     FROM account_usage WHERE tenant_id = $1 ORDER BY ${idOrder('company_id')}, day`,
    [tenantId],
  );
  return rows.map((r) => ({
    companyId: String(r.company_id),
    day: String(r.day),
    activeUsers: Number(r.active_users),
    licensedSeats: Number(r.licensed_seats),
    logins: r.logins === null ? null : Number(r.logins),
    featureEvents: (r.feature_events as Record<string, number> | null) ?? null,
    source: (r.source as string | null) ?? null,
  }));
}

/** Product usage per account per day (ingested). */
export interface UsageApi {
  /** Per account, its latest day with license utilization (active users / licensed seats x 100). */
  latest(tenantId: number, companyIds?: readonly string[]): Promise<Map<string, LatestUsage>>;
  /** Every row of the tenant, account then day order. */
  read(tenantId: number): Promise<AccountUsageRow[]>;
}

export function usageApi(db: Db): UsageApi {
  return {
    latest: (tenantId, companyIds) => latestUsage(db, tenantId, companyIds),
    read: (tenantId) => readUsage(db, tenantId),
  };
}
