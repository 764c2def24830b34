import type { Db } from './db.ts';
import { identityCtes } from './identity.ts';

/** Where a Zendesk organization links, and why. */
export interface OrganizationLink {
  zendeskOrgId: string;
  /** The linked account, or null when the organization links to no company. */
  hubspotCompanyId: string | null;
  /** An admin's explicit mapping (it overrides the domain rule). */
  explicit: boolean;
  /** How many companies its domains match; more than one means the smallest id was chosen. */
  domainMatches: number;
}

/** Maps an organization to a company explicitly, overriding the domain rule. */
export async function linkOrganization(
  db: Db,
  tenantId: number,
  zendeskOrgId: string,
  hubspotCompanyId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO org_links (tenant_id, zendesk_org_id, hubspot_company_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, zendesk_org_id) DO UPDATE SET hubspot_company_id = excluded.hubspot_company_id`,
    [tenantId, zendeskOrgId, hubspotCompanyId],
  );
}

/** Removes an explicit mapping: the domain rule applies again. */
export async function unlinkOrganization(db: Db, tenantId: number, zendeskOrgId: string): Promise<void> {
  await db.query('DELETE FROM org_links WHERE tenant_id = $1 AND zendesk_org_id = $2', [
    tenantId,
    zendeskOrgId,
  ]);
}

/** The account one organization links to, by the identity rules (the Zendesk sidebar's question). */
export async function resolveOrganization(
  db: Db,
  tenantId: number,
  zendeskOrgId: string,
): Promise<OrganizationLink> {
  const [row] = await db.query<{ company_id: string | null; explicit: boolean; matches: string | number }>(
    `WITH ${identityCtes('organization')}
     SELECT o.company_id, o.explicit, o.matches FROM org_account o`,
    [tenantId, zendeskOrgId],
  );
  return {
    zendeskOrgId,
    hubspotCompanyId: row?.company_id ?? null,
    explicit: row?.explicit ?? false,
    domainMatches: Number(row?.matches ?? 0),
  };
}

/** Explicit organization links and the identity rules' answer, as top-level store methods. */
export interface OrganizationsApi {
  linkOrganization(tenantId: number, zendeskOrgId: string, hubspotCompanyId: string): Promise<void>;
  unlinkOrganization(tenantId: number, zendeskOrgId: string): Promise<void>;
  resolveOrganization(tenantId: number, zendeskOrgId: string): Promise<OrganizationLink>;
}

export function organizationsApi(db: Db): OrganizationsApi {
  return {
    linkOrganization: (tenantId, orgId, companyId) => linkOrganization(db, tenantId, orgId, companyId),
    unlinkOrganization: (tenantId, orgId) => unlinkOrganization(db, tenantId, orgId),
    resolveOrganization: (tenantId, orgId) => resolveOrganization(db, tenantId, orgId),
  };
}
