import type { Db } from './db.ts';
import { idOrder } from './identity.ts';

/**
 * How far a refresh read the tenant's touched keys: the highest sequence number then, and the
 * database snapshot of that instant. A refresh consumes only the keys its snapshot saw, so a key
 * written by a transaction that commits late (with a smaller sequence number) stays for the next.
 */
export interface TouchMark {
  seq: string;
  snapshot: string;
}

/** The accounts the touched keys up to a mark may affect (a superset), by the identity rules. */
export interface TouchedAccounts {
  /** A change that affects every card (the portal's currency): recompute them all. */
  all: boolean;
  /** HubSpot company ids, numeric order; may name companies that no longer exist. */
  companyIds: string[];
  /** How many distinct keys were resolved. */
  keys: number;
}

/**
 * Touched keys -> accounts, set-based, following the identity rules of identity.ts outwards
 * from each kind of key to every account it may move figures of:
 * - ticket (a Zendesk ticket a rating names) -> its organization and requester;
 * - org -> its explicit link, and every company whose domain is one of its domain names;
 * - user -> its email; email -> every contact with it; contact -> its primary company;
 * - domain -> every company with that domain; owner -> every company it owns; company -> itself.
 * An organization's domains that went away come as domain keys of their own (migration 013), so
 * the company it used to match is reached too.
 */
const resolveSql = `
WITH keys AS MATERIALIZED (
  SELECT DISTINCT t.kind, k.key FROM touched_keys t CROSS JOIN LATERAL unnest(t.keys) AS k(key)
  WHERE t.tenant_id = $1 AND t.seq <= $2::bigint
),
ticket_keys AS (
  SELECT t.organization_id, t.requester_id FROM keys k
  JOIN tickets t ON t.tenant_id = $1 AND t.source = 'zendesk' AND t.external_id = k.key
  WHERE k.kind = 'ticket'
),
orgs AS (
  SELECT key AS org FROM keys WHERE kind = 'org'
  UNION SELECT organization_id FROM ticket_keys WHERE organization_id IS NOT NULL
),
users AS (
  SELECT key AS user_id FROM keys WHERE kind = 'user'
  UNION SELECT requester_id FROM ticket_keys WHERE requester_id IS NOT NULL
),
domains AS (
  SELECT key AS domain FROM keys WHERE kind = 'domain'
  UNION SELECT d.domain FROM orgs o
  JOIN zendesk_org_domains d ON d.tenant_id = $1 AND d.zendesk_org_id = o.org
),
emails AS (
  SELECT key AS email FROM keys WHERE kind = 'email'
  UNION SELECT lower(u.email) FROM users x
  JOIN zendesk_users u ON u.tenant_id = $1 AND u.zendesk_user_id = x.user_id
  WHERE u.email IS NOT NULL
),
people AS (
  SELECT key AS contact_id FROM keys WHERE kind = 'contact'
  UNION SELECT c.hubspot_contact_id FROM emails e
  JOIN contacts c ON c.tenant_id = $1 AND lower(c.email) = e.email
),
touched AS (
  SELECT key AS company_id FROM keys WHERE kind = 'company'
  UNION SELECT l.hubspot_company_id FROM orgs o
  JOIN org_links l ON l.tenant_id = $1 AND l.zendesk_org_id = o.org
  UNION SELECT c.hubspot_company_id FROM domains d
  JOIN companies c ON c.tenant_id = $1 AND lower(c.domain) = d.domain
  UNION SELECT c.primary_company_id FROM people p
  JOIN contacts c ON c.tenant_id = $1 AND c.hubspot_contact_id = p.contact_id
  WHERE c.primary_company_id IS NOT NULL
  UNION SELECT c.hubspot_company_id FROM keys k
  JOIN companies c ON c.tenant_id = $1 AND c.owner_id = k.key
  WHERE k.kind = 'owner'
)
SELECT (SELECT count(*) FROM keys) AS keys,
  EXISTS (SELECT 1 FROM keys WHERE kind = 'all') AS "all",
  (SELECT array_agg(company_id ORDER BY ${idOrder('company_id')}) FROM touched) AS company_ids`;

/**
 * Keys of changed rows (migration 013 captures them in the writing transaction) and the refresh
 * that consumes them.
 */
export interface TouchedApi {
  /** Where the tenant's keys stand now (read before resolving them). */
  mark(tenantId: number): Promise<TouchMark>;
  /** The accounts the keys up to `mark` may affect. */
  accounts(tenantId: number, mark: TouchMark): Promise<TouchedAccounts>;
  /** Deletes the keys `mark` saw (after the cards they affect are stored); returns how many. */
  consume(tenantId: number, mark: TouchMark): Promise<number>;
  /**
   * Drops the stored figures of those of `companyIds` whose company no longer exists (index
   * lookups; the whole-tenant prune of account-metrics.ts reads every stored card).
   */
  pruneGone(tenantId: number, companyIds: readonly string[]): Promise<number>;
  /** Whether any change awaits a refresh. */
  pending(tenantId: number): Promise<boolean>;
  /** When every card of the tenant was last recomputed, or null. */
  lastFullRefresh(tenantId: number): Promise<Date | null>;
  saveFullRefresh(tenantId: number, at: Date): Promise<void>;
}

export function touchedApi(db: Db): TouchedApi {
  return {
    async mark(tenantId) {
      const [row] = await db.query<{ seq: string; snapshot: string }>(
        `SELECT COALESCE((SELECT max(seq) FROM touched_keys WHERE tenant_id = $1), 0)::text AS seq,
           pg_current_snapshot()::text AS snapshot`,
        [tenantId],
      );
      return { seq: row!.seq, snapshot: row!.snapshot };
    },
    async accounts(tenantId, mark) {
      const [row] = await db.query<{ keys: string | number; all: boolean; company_ids: string[] | null }>(
        resolveSql,
        [tenantId, mark.seq],
      );
      return { all: row?.all ?? false, companyIds: row?.company_ids ?? [], keys: Number(row?.keys ?? 0) };
    },
    async consume(tenantId, mark) {
      const [row] = await db.query<{ n: string | number }>(
        `WITH gone AS (DELETE FROM touched_keys WHERE tenant_id = $1 AND seq <= $2::bigint
           AND pg_visible_in_snapshot(tx, $3::pg_snapshot) RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [tenantId, mark.seq, mark.snapshot],
      );
      return Number(row?.n ?? 0);
    },
    async pruneGone(tenantId, companyIds) {
      if (companyIds.length === 0) return 0;
      const [row] = await db.query<{ n: string | number }>(
        `WITH gone AS (DELETE FROM account_metrics m WHERE m.tenant_id = $1 AND m.company_id = ANY($2::text[])
           AND NOT EXISTS (SELECT 1 FROM companies c WHERE c.tenant_id = $1 AND c.hubspot_company_id = m.company_id)
           RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [tenantId, companyIds],
      );
      return Number(row?.n ?? 0);
    },
    async pending(tenantId) {
      const rows = await db.query('SELECT 1 FROM touched_keys WHERE tenant_id = $1 LIMIT 1', [tenantId]);
      return rows.length > 0;
    },
    async lastFullRefresh(tenantId) {
      const [row] = await db.query<{ full_refresh_at: Date | string | null }>(
        'SELECT full_refresh_at FROM tenant_settings WHERE tenant_id = $1',
        [tenantId],
      );
      return row?.full_refresh_at ? new Date(row.full_refresh_at) : null;
    },
    async saveFullRefresh(tenantId, at) {
      await db.query(
        `INSERT INTO tenant_settings (tenant_id, full_refresh_at) VALUES ($1, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET full_refresh_at = excluded.full_refresh_at`,
        [tenantId, at.toISOString()],
      );
    },
  };
}
