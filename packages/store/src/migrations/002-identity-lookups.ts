/**
 * Lookups for identity resolution scoped to a few accounts (card requests) as well as to all of
 * them: the contract matches domains and emails case-insensitively, so the indexes are on
 * lower(...); organizations' domains get a row each so that "which organizations name this
 * domain" is an index lookup instead of a scan of every organization's array.
 */
export const identityLookups = `
CREATE TABLE zendesk_org_domains (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  zendesk_org_id text NOT NULL,
  domain text NOT NULL,
  PRIMARY KEY (tenant_id, zendesk_org_id, domain)
);
CREATE INDEX zendesk_org_domains_domain ON zendesk_org_domains (tenant_id, domain);
INSERT INTO zendesk_org_domains (tenant_id, zendesk_org_id, domain)
  SELECT DISTINCT o.tenant_id, o.zendesk_org_id, lower(d.name)
  FROM zendesk_organizations o CROSS JOIN LATERAL unnest(o.domain_names) AS d(name)
  WHERE d.name <> '';

DROP INDEX companies_domain;
CREATE INDEX companies_domain ON companies (tenant_id, lower(domain));
DROP INDEX contacts_email;
CREATE INDEX contacts_email ON contacts (tenant_id, lower(email));
CREATE INDEX zendesk_users_email ON zendesk_users (tenant_id, lower(email));
CREATE INDEX tickets_company ON tickets (tenant_id, company_id);
CREATE INDEX tickets_contact ON tickets (tenant_id, contact_id);
CREATE INDEX survey_responses_company ON survey_responses (tenant_id, company_id);
CREATE INDEX org_links_company ON org_links (tenant_id, hubspot_company_id);
CREATE INDEX quarantine_stream ON quarantine (tenant_id, stream);
`;
