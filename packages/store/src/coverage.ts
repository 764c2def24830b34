import type { Db } from './db.ts';
import { identityCtes } from './identity.ts';

export interface CoverageItem {
  count: number;
  /** Up to 20 ids, for a person to look at. */
  sample: string[];
}

export interface Coverage {
  unmatchedOrganizations: CoverageItem;
  unmatchedTickets: CoverageItem;
  contactsWithoutCompany: CoverageItem;
  companiesWithoutRevenue: CoverageItem;
  ambiguousEmails: CoverageItem;
  ambiguousOrganizations: CoverageItem;
  quarantined: CoverageItem;
}

const queries: Record<keyof Coverage, string> = {
  unmatchedOrganizations: `SELECT zendesk_org_id AS id FROM org_company WHERE company_id IS NULL`,
  unmatchedTickets: `SELECT source || ':' || external_id AS id FROM ticket_company WHERE account_id IS NULL`,
  contactsWithoutCompany: `SELECT hubspot_contact_id AS id FROM contacts WHERE tenant_id = $1 AND primary_company_id IS NULL`,
  companiesWithoutRevenue: `SELECT c.hubspot_company_id AS id FROM companies c WHERE c.tenant_id = $1 AND NOT EXISTS (
      SELECT 1 FROM deals d WHERE d.tenant_id = $1 AND d.company_id = c.hubspot_company_id AND d.is_closed_won
        AND d.close_date IS NOT NULL AND COALESCE(d.mrr, d.amount) IS NOT NULL)`,
  ambiguousEmails: `SELECT email AS id FROM contacts WHERE tenant_id = $1 AND email IS NOT NULL GROUP BY email HAVING count(*) > 1`,
  ambiguousOrganizations: `SELECT zendesk_org_id AS id FROM org_company WHERE matches > 1`,
  quarantined: `SELECT stream || ':' || external_id AS id FROM quarantine WHERE tenant_id = $1`,
};

/** What could not be matched or kept, with counts: nothing is dropped silently. */
export async function coverage(db: Db, tenantId: number): Promise<Coverage> {
  const result = {} as Coverage;
  for (const [key, sql] of Object.entries(queries) as [keyof Coverage, string][]) {
    const [row] = await db.query<{ count: string | number; sample: string[] | null }>(
      `WITH ${identityCtes}, items AS (${sql})
       SELECT count(*) AS count, (SELECT array_agg(id) FROM (SELECT id FROM items ORDER BY id LIMIT 20) s) AS sample FROM items`,
      [tenantId],
    );
    result[key] = { count: Number(row?.count ?? 0), sample: row?.sample ?? [] };
  }
  return result;
}
