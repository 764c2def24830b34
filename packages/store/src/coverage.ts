import type { Db } from './db.ts';
import { identityCtes, withHashJoins } from './identity.ts';

export interface CoverageItem {
  count: number;
  /** Up to 20 ids, for a person to look at. */
  sample: string[];
}

/** What the identity rules could not place, or placed by a tie-break: nothing is dropped silently. */
export interface Coverage {
  /** Organizations linking to no company (no explicit link, no domain match). */
  unmatchedOrganizations: CoverageItem;
  /** Tickets (not deleted) belonging to no account, as `source:id`. */
  unmatchedTickets: CoverageItem;
  contactsWithoutCompany: CoverageItem;
  /** Companies without any subscription (closed-won deal with a start and an amount). */
  companiesWithoutRevenue: CoverageItem;
  /** Emails (lower-cased) shared by two or more contacts: the smallest contact id wins. */
  ambiguousEmails: CoverageItem;
  /** Organizations whose domains match two or more companies: the smallest company id wins. */
  ambiguousOrganizations: CoverageItem;
  /** Quarantined items, as `stream:id`. */
  quarantined: CoverageItem;
}

const queries: Record<keyof Coverage, string> = {
  unmatchedOrganizations: `SELECT o.zendesk_org_id AS id FROM org_account o
    WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.company_id = o.company_id)`,
  unmatchedTickets: `SELECT t.source || ':' || t.external_id AS id FROM tickets t
    WHERE t.tenant_id = $1 AND t.status <> 'deleted' AND NOT EXISTS (
      SELECT 1 FROM ticket_account ta JOIN accounts a ON a.company_id = ta.account_id
      WHERE ta.source = t.source AND ta.external_id = t.external_id)`,
  contactsWithoutCompany: `SELECT hubspot_contact_id AS id FROM contacts
    WHERE tenant_id = $1 AND primary_company_id IS NULL`,
  companiesWithoutRevenue: `SELECT c.company_id AS id FROM accounts c WHERE NOT EXISTS (
    SELECT 1 FROM deals d WHERE d.tenant_id = $1 AND d.company_id = c.company_id AND d.is_closed_won
      AND d.close_date IS NOT NULL AND COALESCE(d.mrr, d.amount) IS NOT NULL)`,
  ambiguousEmails: `SELECT lower(email) AS id FROM contacts WHERE tenant_id = $1 AND email IS NOT NULL AND email <> ''
    GROUP BY lower(email) HAVING count(*) > 1`,
  ambiguousOrganizations: `SELECT zendesk_org_id AS id FROM org_account WHERE NOT explicit AND matches > 1`,
  quarantined: `SELECT stream || ':' || external_id AS id FROM quarantine WHERE tenant_id = $1`,
};

/** Counts and samples of everything the identity rules could not place (or placed by a tie-break). */
export async function coverage(db: Db, tenantId: number): Promise<Coverage> {
  const ctes = identityCtes('all');
  // Whole-tenant reads: hash joins whatever the estimates (see withHashJoins), one after another
  // on the transaction's connection.
  const entries = await withHashJoins(db, async (tx) => {
    const out: (readonly [keyof Coverage, CoverageItem])[] = [];
    for (const [key, sql] of Object.entries(queries) as [keyof Coverage, string][]) {
      const [row] = await tx.query<{ count: string | number; sample: string[] | null }>(
        `WITH ${ctes}, items AS (${sql})
         SELECT count(*) AS count,
           (SELECT array_agg(id ORDER BY length(id), id) FROM (SELECT id FROM items ORDER BY length(id), id LIMIT 20) s) AS sample
         FROM items`,
        [tenantId],
      );
      out.push([key, { count: Number(row?.count ?? 0), sample: row?.sample ?? [] }]);
    }
    return out;
  });
  return Object.fromEntries(entries) as unknown as Coverage;
}

export interface CoverageApi {
  coverage(tenantId: number): Promise<Coverage>;
}

export function coverageApi(db: Db): CoverageApi {
  return { coverage: (tenantId) => coverage(db, tenantId) };
}
