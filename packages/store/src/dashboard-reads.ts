import type { Db } from './db.ts';
import { identityCtes, idOrder } from './identity.ts';
import { type AccountOwner, accountOwner, ownerColumns } from './owners.ts';

/** One account as the dashboard's lists show it: the stored card's headline parts and its owner. */
export interface DashboardAccountRow {
  companyId: string;
  ownerId: string | null;
  /** The owner with name and email (`hubspot_owners`); null when the company has no owner. */
  owner: AccountOwner | null;
  /** The stored card's `account` (the `csm report` element). */
  report: unknown;
  /** The stored card's `health.trend`, `health.biggestLever` and `revenue`. */
  trend: unknown;
  biggestLever: string | null;
  revenue: unknown;
  computedAt: Date;
}

/** A snapshot row with the one before it (the score ledger). */
export interface SnapshotChange {
  companyId: string;
  name: string | null;
  day: string;
  score: number | null;
  band: string | null;
  components: unknown;
  previousDay: string;
  previousScore: number | null;
  previousBand: string | null;
  previousComponents: unknown;
}

/** A record behind an account's figures, dated (the ledger links changes to them). */
export interface AccountRecordEvent {
  kind: 'ticket-created' | 'ticket-solved' | 'survey';
  source: string;
  externalId: string;
  /** The survey type (NPS / CSAT / CES) or the ticket's priority. */
  detail: string | null;
  value: number | null;
  rating: string | null;
  /** A Zendesk satisfaction rating's ticket. */
  ticketId: string | null;
  at: Date;
}

/** A Zendesk organization that links to no company, with its ticket count. */
export interface UnmatchedOrganization {
  zendeskOrgId: string;
  name: string | null;
  domainNames: string[];
  tickets: number;
  /** How many companies its domains match (more than one: ambiguous, the smallest id won). */
  domainMatches: number;
  linkedCompanyId: string | null;
  explicit: boolean;
}

const date = (v: unknown) => new Date(v as string | Date);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The dashboard's reads: set-based, one tenant at a time, from the stored cards and daily
 * snapshots (nothing here recomputes a figure).
 */
export function dashboardReadsApi(db: Db) {
  return {
    /**
     * Every account with stored figures: headline parts of its card, its owner and the time it is
     * current as of (its computation, or the last refresh that found it unchanged), numeric id order.
     */
    async accounts(tenantId: number): Promise<DashboardAccountRow[]> {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT m.company_id, c.owner_id, ${ownerColumns('o')}, m.card->'account' AS report,
           m.card->'health'->'trend' AS trend, m.card->'health'->>'biggestLever' AS lever,
           m.card->'revenue' AS revenue, GREATEST(m.computed_at, s.cards_refreshed_at) AS computed_at
         FROM account_metrics m
         LEFT JOIN companies c ON c.tenant_id = m.tenant_id AND c.hubspot_company_id = m.company_id
         LEFT JOIN hubspot_owners o ON o.tenant_id = c.tenant_id AND o.hubspot_owner_id = c.owner_id
         LEFT JOIN tenant_settings s ON s.tenant_id = m.tenant_id
         WHERE m.tenant_id = $1 ORDER BY ${idOrder('m.company_id')}`,
        [tenantId],
      );
      return rows.map((r) => ({
        companyId: r.company_id as string,
        ownerId: (r.owner_id as string | null) ?? null,
        owner: accountOwner(r.owner_id as string | null, r),
        report: r.report,
        trend: r.trend ?? null,
        biggestLever: (r.lever as string | null) ?? null,
        revenue: r.revenue ?? null,
        computedAt: date(r.computed_at),
      }));
    },

    /**
     * A stamp that changes whenever the tenant's stored cards are computed again (how many there
     * are, when the last was written and when a refresh last checked them all): what caches of
     * figures derived from them are keyed on.
     */
    async figuresStamp(tenantId: number): Promise<string> {
      const [row] = await db.query<{ n: string | number; at: string | Date | null }>(
        `SELECT count(*) AS n, GREATEST(max(m.computed_at), (SELECT cards_refreshed_at FROM tenant_settings
           WHERE tenant_id = $1)) AS at
         FROM account_metrics m WHERE m.tenant_id = $1`,
        [tenantId],
      );
      return `${Number(row?.n ?? 0)}:${row?.at ? new Date(row.at).toISOString() : ''}`;
    },

    /** One company's owner and name (null when the tenant has no such company). */
    async company(
      tenantId: number,
      companyId: string,
    ): Promise<{
      name: string | null;
      ownerId: string | null;
      owner: AccountOwner | null;
      domain: string | null;
    } | null> {
      const [row] = await db.query<Record<string, unknown>>(
        `SELECT c.name, c.owner_id, c.domain, ${ownerColumns('o')} FROM companies c
         LEFT JOIN hubspot_owners o ON o.tenant_id = c.tenant_id AND o.hubspot_owner_id = c.owner_id
         WHERE c.tenant_id = $1 AND c.hubspot_company_id = $2`,
        [tenantId, companyId],
      );
      if (!row) return null;
      const ownerId = (row.owner_id as string | null) ?? null;
      return {
        name: (row.name as string | null) ?? null,
        ownerId,
        owner: accountOwner(ownerId, row),
        domain: (row.domain as string | null) ?? null,
      };
    },

    /**
     * Per day of `days` ('YYYY-MM-DD'), each account's band as of its latest snapshot in the week up
     * to that day, counted by band. Days without snapshots are left out.
     */
    async bandCounts(
      tenantId: number,
      days: readonly string[],
    ): Promise<{ day: string; band: string | null; accounts: number }[]> {
      const rows = await db.query<{ day: string; band: string | null; n: string | number }>(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, s.health_band AS band, count(*) AS n
         FROM unnest($2::date[]) AS d(day)
         JOIN LATERAL (
           SELECT DISTINCT ON (company_id) company_id, health_band FROM account_snapshots
           WHERE tenant_id = $1 AND day <= d.day AND day > d.day - 7
           ORDER BY company_id, day DESC
         ) s ON true
         GROUP BY d.day, s.health_band ORDER BY d.day`,
        [tenantId, days],
      );
      return rows.map((r) => ({ day: r.day, band: r.band, accounts: Number(r.n) }));
    },

    /** Every account's latest snapshot on `day` or in the `toleranceDays` before it (a backtest's start). */
    async snapshotsAsOf(
      tenantId: number,
      day: string,
      toleranceDays: number,
    ): Promise<
      { companyId: string; day: string; score: number | null; band: string | null; components: unknown }[]
    > {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT DISTINCT ON (company_id) company_id, to_char(day, 'YYYY-MM-DD') AS day, health_score,
           health_band, components
         FROM account_snapshots
         WHERE tenant_id = $1 AND day <= $2::date AND day > $2::date - $3::int
         ORDER BY company_id, day DESC`,
        [tenantId, day, toleranceDays],
      );
      return rows.map((r) => ({
        companyId: r.company_id as string,
        day: r.day as string,
        score: num(r.health_score),
        band: (r.health_band as string | null) ?? null,
        components: r.components,
      }));
    },

    /** How accounts moved between bands from one day's snapshots to another's (each within a week). */
    async bandMoves(
      tenantId: number,
      from: string,
      to: string,
    ): Promise<{ from: string | null; to: string | null; accounts: number }[]> {
      const latest = (param: string) => `
        SELECT DISTINCT ON (company_id) company_id, health_band FROM account_snapshots
        WHERE tenant_id = $1 AND day <= ${param}::date AND day > ${param}::date - 7
        ORDER BY company_id, day DESC`;
      const rows = await db.query<{ from_band: string | null; to_band: string | null; n: string | number }>(
        `SELECT a.health_band AS from_band, b.health_band AS to_band, count(*) AS n
         FROM (${latest('$2')}) a JOIN (${latest('$3')}) b ON b.company_id = a.company_id
         GROUP BY a.health_band, b.health_band`,
        [tenantId, from, to],
      );
      return rows.map((r) => ({ from: r.from_band, to: r.to_band, accounts: Number(r.n) }));
    },

    /**
     * Snapshots whose score differs from the account's previous snapshot by at least `minChange`
     * points (or gained or lost a score), for days in [`since`, `until`], newest first (one
     * account, or all).
     */
    async scoreChanges(
      tenantId: number,
      options: { since: string; until: string; companyId?: string; limit?: number; minChange?: number },
    ): Promise<SnapshotChange[]> {
      const rows = await db.query<Record<string, unknown>>(
        `WITH s AS (
           SELECT company_id, day, health_score, health_band, components,
             lag(day) OVER w AS prev_day, lag(health_score) OVER w AS prev_score,
             lag(health_band) OVER w AS prev_band, lag(components) OVER w AS prev_components
           FROM account_snapshots
           WHERE tenant_id = $1 AND ($4::text IS NULL OR company_id = $4)
             AND day <= $3::date AND day >= $2::date - 60
           WINDOW w AS (PARTITION BY company_id ORDER BY day)
         )
         SELECT s.*, to_char(s.day, 'YYYY-MM-DD') AS day_text, to_char(s.prev_day, 'YYYY-MM-DD') AS prev_day_text,
           c.name
         FROM s LEFT JOIN companies c ON c.tenant_id = $1 AND c.hubspot_company_id = s.company_id
         WHERE s.day >= $2::date AND s.prev_day IS NOT NULL
           AND s.health_score IS DISTINCT FROM s.prev_score
           AND (s.health_score IS NULL OR s.prev_score IS NULL OR abs(s.health_score - s.prev_score) >= $6)
         ORDER BY s.day DESC, ${idOrder('s.company_id')} LIMIT $5`,
        [
          tenantId,
          options.since,
          options.until,
          options.companyId ?? null,
          options.limit ?? 500,
          options.minChange ?? 0,
        ],
      );
      return rows.map((r) => ({
        companyId: r.company_id as string,
        name: (r.name as string | null) ?? null,
        day: r.day_text as string,
        score: num(r.health_score),
        band: (r.health_band as string | null) ?? null,
        components: r.components,
        previousDay: r.prev_day_text as string,
        previousScore: num(r.prev_score),
        previousBand: (r.prev_band as string | null) ?? null,
        previousComponents: r.prev_components,
      }));
    },

    /** The records behind one account's figures dated in [from, to): tickets opened or solved, answers. */
    async accountEvents(
      tenantId: number,
      companyId: string,
      from: Date,
      to: Date,
    ): Promise<AccountRecordEvent[]> {
      const ctes = identityCtes('companies');
      const params = [tenantId, [companyId], from.toISOString(), to.toISOString()];
      const [tickets, surveys] = await Promise.all([
        db.query<Record<string, unknown>>(
          `WITH ${ctes} SELECT t.source, t.external_id, t.priority, t.created_at, t.solved_at
           FROM ticket_account t JOIN accounts a ON a.company_id = t.account_id
           WHERE (t.created_at >= $3 AND t.created_at < $4) OR (t.solved_at >= $3 AND t.solved_at < $4)`,
          params,
        ),
        db.query<Record<string, unknown>>(
          `WITH ${ctes} SELECT s.source, s.external_id, s.survey_type, s.value, s.rating, s.submitted_at,
             r.zendesk_ticket_id
           FROM survey_account s JOIN accounts a ON a.company_id = s.account_id
           JOIN survey_responses r ON r.tenant_id = $1 AND r.source = s.source AND r.external_id = s.external_id
           WHERE s.submitted_at >= $3 AND s.submitted_at < $4`,
          params,
        ),
      ]);
      const out: AccountRecordEvent[] = [];
      const within = (d: Date | null) => d !== null && d >= from && d < to;
      for (const t of tickets) {
        const base = {
          source: t.source as string,
          externalId: t.external_id as string,
          detail: (t.priority as string | null) ?? null,
          value: null,
          rating: null,
          ticketId: null,
        };
        const created = date(t.created_at);
        const solved = t.solved_at ? date(t.solved_at) : null;
        if (within(created)) out.push({ ...base, kind: 'ticket-created', at: created });
        if (within(solved)) out.push({ ...base, kind: 'ticket-solved', at: solved! });
      }
      for (const s of surveys)
        out.push({
          kind: 'survey',
          source: s.source as string,
          externalId: s.external_id as string,
          detail: s.survey_type as string,
          value: num(s.value),
          rating: (s.rating as string | null) ?? null,
          ticketId: (s.zendesk_ticket_id as string | null) ?? null,
          at: date(s.submitted_at),
        });
      return out.sort((a, b) => a.at.getTime() - b.at.getTime());
    },

    /**
     * Organizations that link to no company or only by a tie-break, with their ticket counts
     * (the coverage page), and explicitly linked ones (to undo a link).
     */
    async organizationsToReview(tenantId: number, limit = 200): Promise<UnmatchedOrganization[]> {
      const rows = await db.query<Record<string, unknown>>(
        `WITH ${identityCtes('all')}
         SELECT o.zendesk_org_id, z.name, z.domain_names, o.company_id, o.explicit, o.matches,
           (SELECT count(*) FROM tickets t WHERE t.tenant_id = $1 AND t.source = 'zendesk'
              AND t.organization_id = o.zendesk_org_id AND t.status <> 'deleted') AS tickets
         FROM org_account o
         LEFT JOIN zendesk_organizations z ON z.tenant_id = $1 AND z.zendesk_org_id = o.zendesk_org_id
         WHERE o.explicit OR o.matches <> 1
           OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.company_id = o.company_id)
         ORDER BY o.explicit, ${idOrder('o.zendesk_org_id')} LIMIT $2`,
        [tenantId, limit],
      );
      return rows.map((r) => ({
        zendeskOrgId: r.zendesk_org_id as string,
        name: (r.name as string | null) ?? null,
        domainNames: (r.domain_names as string[] | null) ?? [],
        tickets: Number(r.tickets),
        domainMatches: Number(r.matches),
        linkedCompanyId: (r.company_id as string | null) ?? null,
        explicit: Boolean(r.explicit),
      }));
    },

    /** Companies whose name or domain contains `query` (case-insensitive), for picking a link target. */
    async searchCompanies(
      tenantId: number,
      query: string,
      limit = 20,
    ): Promise<{ companyId: string; name: string | null; domain: string | null }[]> {
      const rows = await db.query<{ hubspot_company_id: string; name: string | null; domain: string | null }>(
        `SELECT hubspot_company_id, name, domain FROM companies
         WHERE tenant_id = $1 AND (strpos(lower(COALESCE(name, '')), lower($2)) > 0
           OR strpos(lower(COALESCE(domain, '')), lower($2)) > 0 OR hubspot_company_id = $2)
         ORDER BY name NULLS LAST, ${idOrder('hubspot_company_id')} LIMIT $3`,
        [tenantId, query, limit],
      );
      return rows.map((r) => ({ companyId: r.hubspot_company_id, name: r.name, domain: r.domain }));
    },

    /** The Zendesk organizations that link to a company (explicitly or by domain). */
    async organizationsOf(tenantId: number, companyId: string): Promise<string[]> {
      const rows = await db.query<{ zendesk_org_id: string }>(
        `WITH ${identityCtes('companies')}
         SELECT zendesk_org_id FROM org_account WHERE company_id = ANY($2::text[])
         ORDER BY ${idOrder('zendesk_org_id')}`,
        [tenantId, [companyId]],
      );
      return rows.map((r) => r.zendesk_org_id);
    },

    /** Per stream: when its cursor last moved (the stream's last committed page). */
    async streamCursors(tenantId: number): Promise<{ stream: string; updatedAt: Date }[]> {
      const rows = await db.query<{ stream: string; updated_at: string | Date }>(
        'SELECT stream, updated_at FROM stream_cursors WHERE tenant_id = $1 ORDER BY stream',
        [tenantId],
      );
      return rows.map((r) => ({ stream: r.stream, updatedAt: date(r.updated_at) }));
    },

    /** The latest `limit` sync runs of a tenant (newest first), with their stats and errors. */
    async recentRuns(
      tenantId: number,
      limit = 20,
    ): Promise<
      {
        id: number;
        source: string;
        mode: string;
        status: string;
        startedAt: Date;
        finishedAt: Date | null;
        stats: unknown;
        error: string | null;
      }[]
    > {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT id, source, mode, status, started_at, finished_at, stats, error FROM sync_runs
         WHERE tenant_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
        [tenantId, limit],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        source: r.source as string,
        mode: r.mode as string,
        status: r.status as string,
        startedAt: date(r.started_at),
        finishedAt: r.finished_at ? date(r.finished_at) : null,
        stats: r.stats ?? null,
        error: (r.error as string | null) ?? null,
      }));
    },
  };
}
export type DashboardReadsApi = ReturnType<typeof dashboardReadsApi>;
